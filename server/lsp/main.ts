// The language server's entry (bundled to dist/server.js): stdio (`--stdio`) or IPC (`--node-ipc`), chosen from argv.
import { useInteractiveTiering } from '../shared/v8-tiering';
import { startServer } from './server';

// Interactive between scans; each workspace scan holds the delayed budget (workspace-scanner.ts).
useInteractiveTiering();
startServer();
