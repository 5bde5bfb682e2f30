// The language server's entry (bundled to dist/server.js): stdio (`--stdio`) or IPC (`--node-ipc`), chosen from argv.
import { startServer } from './server';

startServer();
