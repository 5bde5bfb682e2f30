// Where an edit's latency tail comes from: the editor-latency edits (bench fixtures) sent to the server over node
// IPC, so that `--trace-gc` can print on the server's stdout; each edit's didChange → publishDiagnostics time is
// listed with the garbage collections that ran in it, the first edits apart (code that runs for the first time).
//   node scripts/bench/lsp-gc-trace.mjs [--file compose|manifest|large] [--edits 200] [--baseline DIR]
// `--baseline DIR`: another built checkout (DIR/dist/server.js), run alternately on the same edits.
// `--cpu-prof DIR`: each server also writes a V8 CPU profile of its whole run (open and edits) into DIR.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, summarise } from './corpus.mjs';
import { composeFile, editSequence, kubernetesManifest } from './lsp-fixtures.mjs';
import { fixed, flag, load } from './bench-args.mjs';

const require = createRequire(import.meta.url);
const { IPCMessageReader, IPCMessageWriter, createMessageConnection } = require('vscode-jsonrpc/node');

const FILES = {
  compose: { name: 'compose.yaml', languageId: 'dockercompose', fixture: () => composeFile(300) },
  manifest: { name: 'shop.yaml', languageId: 'yaml', fixture: () => kubernetesManifest(2000) },
  large: { name: 'fleet.yaml', languageId: 'yaml', fixture: () => kubernetesManifest(52800) },
};
const FIRST_EDITS = 10;
const MAJOR_GC = /Mark-Compact|Mark-sweep/;

/** One server: open, then the edits one after another; each edit's latency and the GC lines printed meanwhile. */
async function traceEdits(serverJs, folder, file, fixture, edits, profileDir) {
  const { name, languageId } = FILES[file];
  const path = join(folder, name);
  const uri = pathToFileURL(path).href;
  const child = fork(serverJs, ['--node-ipc'], { execArgv: ['--trace-gc', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])], stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
  let gcLines = [];
  let partial = '';
  child.stdout.on('data', (data) => {
    const lines = (partial + data.toString()).split('\n');
    partial = lines.pop();
    gcLines.push(...lines.filter((line) => line.includes(' ms: ')).map((line) => line.replace(/^\[\d+:0x[0-9a-f]+\]\s+\d+ ms: /, '')));
  });
  child.stderr.resume();
  const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  let waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const at = performance.now();
    waiters = waiters.filter((waiter) => (params.uri === uri && params.version === waiter.version ? (waiter.resolve(at), false) : true));
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map((item) => (item.section === 'stridelint' || item.section === 'files.exclude' ? {} : null)));
  connection.onRequest(() => null);
  connection.onNotification(() => {});
  connection.listen();
  const published = (version) => new Promise((resolve) => waiters.push({ version, resolve }));
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(folder).href, capabilities: { workspace: { configuration: true } }, initializationOptions: { scanOnStartup: false } });
    await connection.sendNotification('initialized', {});
    const opened = published(1);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: fixture.text } });
    await opened;
    await new Promise((resolve) => setTimeout(resolve, 300)); // the open's own collections are not the first edit's
    gcLines = [];
    const rows = [];
    for (const [index, edit] of editSequence(fixture, edits).entries()) {
      const version = index + 2;
      const done = published(version);
      const t0 = performance.now();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [edit.change] });
      const at = await done;
      await new Promise((resolve) => setImmediate(resolve)); // stdout of the lint's collections read
      rows.push({ version, ms: at - t0, gcs: gcLines.splice(0) });
    }
    return rows;
  } finally {
    connection.dispose();
    if (profileDir) {
      // The profile is written on a normal exit only: ask the server to shut down and wait for it.
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ jsonrpc: '2.0', id: 0x5107, method: 'shutdown' });
      child.send({ jsonrpc: '2.0', method: 'exit' });
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10000))]);
    }
    child.kill();
  }
}

const fmt = fixed(1);

function report(label, rows) {
  const all = summarise(rows.map((row) => row.ms));
  const later = summarise(rows.slice(FIRST_EDITS).map((row) => row.ms));
  const withoutGc = summarise(rows.slice(FIRST_EDITS).filter((row) => row.gcs.length === 0).map((row) => row.ms));
  const major = rows.filter((row) => row.gcs.some((line) => MAJOR_GC.test(line)));
  const lines = [
    `${label}: ${rows.length} edits, p50 ${fmt(all.p50)} p99 ${fmt(all.p99)} max ${fmt(all.max)} ms`,
    `  first ${FIRST_EDITS} edits ms: ${rows.slice(0, FIRST_EDITS).map((row) => row.ms.toFixed(0)).join(' ')}`,
    `  after them: p50 ${fmt(later.p50)} p99 ${fmt(later.p99)} max ${fmt(later.max)}; those without a GC: p50 ${fmt(withoutGc.p50)} p99 ${fmt(withoutGc.p99)} max ${fmt(withoutGc.max)}`,
    `  edits with a scavenge: ${rows.filter((row) => row.gcs.some((line) => line.startsWith('Scavenge'))).length}, with a mark-compact: ${major.length}`,
    '  slowest edits:',
    ...[...rows]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((row) => `    v${row.version} ${fmt(row.ms)} ms${row.version - 2 < FIRST_EDITS ? ' (a first edit)' : ''}: ${row.gcs.map((line) => line.split(' (average')[0]).join(' | ') || 'no GC'}`),
  ];
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = flag('--file') ?? 'compose';
  if (!FILES[file]) throw new Error(`--file must be one of ${Object.keys(FILES).join(', ')}`);
  const edits = Number(flag('--edits') ?? 200);
  const baseline = flag('--baseline');
  const profileDir = flag('--cpu-prof');
  const servers = [...(baseline ? [[`baseline (${baseline})`, join(baseline, 'dist', 'server.js')]] : []), ['this build', join(REPO_ROOT, 'dist', 'server.js')]];
  const folder = mkdtempSync(join(tmpdir(), 'sl-gc-trace-'));
  try {
    const fixture = FILES[file].fixture();
    writeFileSync(join(folder, FILES[file].name), fixture.text);
    const loadBefore = load();
    for (const [label, serverJs] of servers) console.log(report(label, await traceEdits(serverJs, folder, file, fixture, edits, profileDir)));
    console.log(`load average before ${loadBefore}, after ${load()}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
