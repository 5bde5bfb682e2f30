// The language server's entry (bundled to dist/server.js): stdio (`--stdio`) or IPC (`--node-ipc`), chosen from argv.
import { delayOptimisingCompiler } from '../shared/v8-tiering';
import { startServer } from './server';

delayOptimisingCompiler();
startServer();
