// Times the language server scanning a folder as an LSP workspace (a measurement, not a test):
//   node scripts/lsp-scan-timing.mjs [folder]      (default: ../shared/corpus/realworld)
// Starts dist/server.js over stdio, sends initialize, requests stridelint/scanWorkspace, and while the scan
// runs opens a Dockerfile to time how long a keystroke's diagnostics wait behind the scan.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const folder = resolve(process.argv[2] ?? join(root, '..', 'shared', 'corpus', 'realworld'));

const server = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
let published = 0;
const withFindings = new Set();
const probeUri = pathToFileURL(join(folder, '__probe__', 'Dockerfile')).href;
let probeResolve;
const probe = new Promise((resolve) => (probeResolve = resolve));
connection.onNotification('textDocument/publishDiagnostics', (params) => {
  published++;
  if (params.diagnostics.length > 0) withFindings.add(params.uri);
  if (params.uri === probeUri) probeResolve(Date.now());
});
connection.onRequest('window/workDoneProgress/create', () => null);
connection.onNotification('$/progress', () => undefined);
connection.onNotification('window/logMessage', () => undefined);
connection.listen();

const started = Date.now();
await connection.sendRequest('initialize', {
  processId: process.pid,
  rootUri: pathToFileURL(folder).href,
  workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'corpus' }],
  capabilities: { window: { workDoneProgress: true } },
  initializationOptions: { scanOnStartup: false },
});
await connection.sendNotification('initialized', {});
const initialized = Date.now();
const scanStarted = Date.now();
const scan = connection.sendRequest('stridelint/scanWorkspace', null);
setTimeout(() => {
  const opened = Date.now();
  void connection.sendNotification('textDocument/didOpen', { textDocument: { uri: probeUri, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3.20\nADD a /a\n' } });
  void probe.then((at) => console.log(`a document opened during the scan got its diagnostics after ${at - opened} ms`));
}, 300);
const summary = await scan;
const scanned = Date.now();
await probe;
console.log(`folder: ${folder}`);
console.log(`initialize: ${initialized - started} ms`);
console.log(`scan: ${scanned - scanStarted} ms wall (server: ${summary.milliseconds} ms) for ${summary.files} recognised files; ${summary.findings} findings in ${summary.filesWithFindings} files; ${published} publishDiagnostics`);
try {
  // utime + stime of the server process (clock ticks, 100 per second on Linux): its own CPU, whatever else runs.
  const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  console.log(`server CPU time (start-up + scan + probe): ${(Number(fields[11]) + Number(fields[12])) * 10} ms`);
} catch {
  // not Linux
}
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();
