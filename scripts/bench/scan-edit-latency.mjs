// Typing while a cold workspace scan runs (issue 17: "diagnostics for a file edited during the scan arrive within
// typing latency"): the 300-line compose file and the 2,000-line manifest of the latency stage, open in the scanned
// folder of 10,000 files, are edited in turn, one edit every `--every` ms (default 100) from `initialized` until the
// scan's progress end, each timed from `didChange` to the `publishDiagnostics` of that version; then as many edits
// on the idle server for comparison. Each run is a cold scan that writes its persistent cache (a fresh storage
// folder, as VS Code's first start):
//   node scripts/bench/scan-edit-latency.mjs [--baseline DIR] [--runs N] [--files N] [--every MS] [--node-flags "A B"]
// `--baseline DIR` alternates another build (order swapped every run). Prints per run the edits' p50, p99 and max
// during the scan and after it, the three slowest edits during it (when they were sent, s after `initialized`),
// and the scan's wall time (initialized → progress end).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT, summarise } from './corpus.mjs';
import { composeFile, editSequence, kubernetesManifest } from './lsp-fixtures.mjs';
import { serverLaunch, startServer, uriOf } from './lsp-client.mjs';
import { replicateCorpus } from './lsp-stages.mjs';
import { fixed, flag, load } from './bench-args.mjs';

const runs = Number(flag('--runs') ?? 2);
const fileCount = Number(flag('--files') ?? 10000);
const everyMs = Number(flag('--every') ?? 100);
const baseline = flag('--baseline');
/** Node flags for every server started (`--node-flags "--cpu-prof --cpu-prof-dir=/tmp/p"`: where the edits wait). */
const nodeFlags = flag('--node-flags')?.split(' ').filter(Boolean) ?? [];
const fmt = fixed(1);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const builds = [{ label: 'this build', server: join(REPO_ROOT, 'dist', 'server.js') }, ...(baseline ? [{ label: `baseline (${baseline})`, server: join(baseline, 'dist', 'server.js') }] : [])];

/** One server: a cold scan of `folder` with the documents open and edited meanwhile, then as many edits idle. */
async function run(build, folder, documents) {
  const storage = mkdtempSync(join(tmpdir(), 'sl-bench-storage-'));
  const launch = serverLaunch(build.server);
  const server = await startServer({
    args: [...launch.execArgv, ...nodeFlags, build.server, '--stdio'],
    env: launch.env,
    rootPath: folder,
    initializationOptions: { storagePath: storage },
    configuration: (section) => (section === 'stridelint' || section === 'files.exclude' ? {} : null),
  });
  try {
    const scanEnd = server.waitForProgressEnd(300000);
    let ended = false;
    void scanEnd.then(() => (ended = true));
    const started = await server.initialized();
    for (const document of documents) {
      const opened = server.waitForDiagnostics((params) => params.uri === document.uri, 60000);
      await server.open(document.uri, document.languageId, document.fixture.text, 1);
      await opened;
      document.version = 1;
      document.next = 0;
    }
    const edit = async (document) => {
      const { change } = document.edits[document.next++ % document.edits.length];
      const version = ++document.version;
      const published = server.waitForDiagnostics((params) => params.uri === document.uri && params.version === version, 60000);
      const t0 = performance.now();
      await server.change(document.uri, version, [change]);
      const { at } = await published;
      return at - t0;
    };
    const during = [];
    const slowest = [];
    for (let n = 0; !ended; n++) {
      const sent = performance.now();
      const ms = await edit(documents[n % documents.length]);
      during.push(ms);
      slowest.push({ ms, at: (sent - started) / 1000, what: documents[n % documents.length].languageId });
      await sleep(everyMs);
    }
    slowest.sort((a, b) => b.ms - a.ms);
    const { at: endAt } = await scanEnd;
    // The server hands the scan's memory back a moment after it: the idle edits start once that is done.
    await sleep(3000);
    const after = [];
    for (let n = 0; n < Math.max(during.length, 20); n++) {
      after.push(await edit(documents[n % documents.length]));
      await sleep(everyMs);
    }
    return { during: summarise(during), after: summarise(after), edits: during.length, scanS: (endAt - started) / 1000, slowest: slowest.slice(0, 3) };
  } finally {
    await server.stop();
    rmSync(storage, { recursive: true, force: true });
  }
}

const folder = replicateCorpus(fileCount);
const documents = [
  { path: join(folder, 'edited', 'compose.yaml'), languageId: 'dockercompose', fixture: composeFile(300) },
  { path: join(folder, 'edited', 'manifests', 'shop.yaml'), languageId: 'yaml', fixture: kubernetesManifest(2000) },
].map((document) => ({ ...document, uri: uriOf(document.path), edits: editSequence(document.fixture, 200) }));
for (const document of documents) {
  mkdirSync(dirname(document.path), { recursive: true });
  writeFileSync(document.path, document.fixture.text);
}
console.log(`${fileCount} files in ${folder}, the compose file and the manifest open and edited in turn every ${everyMs} ms; load ${load()}`);
try {
  for (let round = 0; round < runs; round++) {
    for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
      const result = await run(build, folder, documents);
      const line = (s) => `p50 ${fmt(s.p50)}, p99 ${fmt(s.p99)}, max ${fmt(s.max)} ms`;
      console.log(`${build.label}, run ${round + 1}: scan ${result.scanS.toFixed(2)} s; ${result.edits} edits during it: ${line(result.during)}; idle after it: ${line(result.after)}; the slowest during it: ${result.slowest.map((edit) => `${fmt(edit.ms)} ms at ${edit.at.toFixed(2)} s (${edit.what})`).join(', ')}; load ${load()}`);
    }
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
