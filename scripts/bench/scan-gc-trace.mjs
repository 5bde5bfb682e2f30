// The garbage collections of a cold workspace scan, per thread (issue 17): the server is started over node IPC so
// that `--trace-gc` can print on its stdout (over stdio the protocol has it), scans the bench's 10,000 files with no
// storage folder, and each isolate's scavenges and full collections are counted with their pause times:
//   node scripts/bench/scan-gc-trace.mjs [--server DIR/dist/server.js] [--files 10000] [-- <node flags for the server>]
// An isolate is named by its address in V8's lines: the server's thread is the one that collects first; the workers
// follow. Times run from `initialized` to the scan's progress end (the cache, when there is one, saved before it).
import { fork } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './corpus.mjs';
import { replicateCorpus } from './lsp-stages.mjs';
import { flag } from './bench-args.mjs';

const require = createRequire(import.meta.url);
const { IPCMessageReader, IPCMessageWriter, createMessageConnection } = require('vscode-jsonrpc/node');

const serverJs = flag('--server') ?? join(REPO_ROOT, 'dist', 'server.js');
const fileCount = Number(flag('--files') ?? 10000);
const dashes = process.argv.indexOf('--');
const nodeFlags = dashes < 0 ? [] : process.argv.slice(dashes + 1);
/** `[pid:0xADDRESS]  N ms: Scavenge 34.9 (51.5) -> 21.2 (52.7) MB, 10.49 / 0.00 ms ...` */
const GC_LINE = /^\[\d+:(0x[0-9a-f]+)\]\s+\d+ ms: ([A-Za-z -]+?) [\d.]+ \([\d.]+\) -> [\d.]+ \([\d.]+\) MB, ([\d.]+) \/ [\d.]+ ms/;

const folder = replicateCorpus(fileCount);
const child = fork(serverJs, ['--node-ipc'], { execArgv: ['--expose-gc', '--trace-gc', ...nodeFlags], stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
const collections = new Map();
let partial = '';
child.stdout.on('data', (data) => {
  const lines = (partial + data.toString()).split('\n');
  partial = lines.pop();
  for (const line of lines) {
    const match = GC_LINE.exec(line);
    if (!match) continue;
    const [, isolate, kind, pauseMs] = match;
    const perIsolate = collections.get(isolate) ?? new Map();
    collections.set(isolate, perIsolate);
    const entry = perIsolate.get(kind) ?? { count: 0, ms: 0, longest: 0 };
    perIsolate.set(kind, entry);
    entry.count++;
    entry.ms += Number(pauseMs);
    entry.longest = Math.max(entry.longest, Number(pauseMs));
  }
});
child.stderr.resume();
const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
let scanEnded = () => {};
const ended = new Promise((resolve) => (scanEnded = resolve));
connection.onNotification('$/progress', (params) => params.value?.kind === 'end' && scanEnded());
connection.onRequest('window/workDoneProgress/create', () => null);
connection.onRequest('workspace/configuration', (params) => params.items.map((item) => (item.section === 'stridelint' || item.section === 'files.exclude' ? {} : null)));
connection.onRequest(() => null);
connection.onNotification(() => {});
connection.listen();
try {
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(folder).href, capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } }, initializationOptions: {} });
  const started = performance.now();
  await connection.sendNotification('initialized', {});
  await ended;
  const wall = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 300)); // the last lines of stdout
  console.log(`${fileCount} files, ${serverJs}${nodeFlags.length ? ` with ${nodeFlags.join(' ')}` : ''}: ${(wall / 1000).toFixed(2)} s from initialized to the scan's end`);
  console.log('| isolate (first seen first) | collection | count | pause ms in all | longest ms |\n| --- | --- | --- | --- | --- |');
  for (const [isolate, kinds] of collections) for (const [kind, entry] of kinds) console.log(`| ${isolate} | ${kind} | ${entry.count} | ${Math.round(entry.ms)} | ${entry.longest.toFixed(1)} |`);
} finally {
  connection.dispose();
  child.kill();
  rmSync(folder, { recursive: true, force: true });
}
