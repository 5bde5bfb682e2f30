// Language-server stages of `npm run bench`: each server its own process over stdio, medians of `runs`.
//  - editor latency: didChange → publishDiagnostics of THAT version (2,000-line manifest, 300-line compose file);
//  - the 52,800-line manifest: open → first diagnostics, edit latency, RSS;
//  - cold workspace scan of 10,000 files (the corpus replicated) to the last diagnostic, and the server's RSS;
//  - dockerfile-language-server-nodejs vs stridelint's server, didOpen → publishDiagnostics per Dockerfile.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT, loadCorpus, median, summarise } from './corpus.mjs';
import { composeFile, editSequence, kubernetesManifest } from './lsp-fixtures.mjs';
import { serverLaunch, startServer, uriOf } from './lsp-client.mjs';
import { helmEditStage } from './helm-edits.mjs';
import { floorRows, scanFloor } from './scan-floor.mjs';
import { fixed, flag, load } from './bench-args.mjs';

const require = createRequire(import.meta.url);
const SERVER = [join(REPO_ROOT, 'dist', 'server.js'), '--stdio'];
const PEER = [join(REPO_ROOT, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver'), '--stdio'];
const EDITS = 200;
const SCAN_FILES = 10000;
/** When the server lints after a keystroke (server/lsp/lint-scheduler.ts). */
const DEBOUNCE_NOTE = 'no typing pause: an edit is linted once the messages already received are handled; only edits arriving before the previous one was linted wait for a 150 ms pause (`LintScheduler` in server/lsp/lint-scheduler.ts); open multi-document manifests are re-linted per changed document';
const LARGE_LINES = 52800;
const LARGE_EDITS = Number(process.env.BENCH_LARGE_EDITS ?? 100);

const fmt = fixed(1);
const settings = (section) => (section === 'stridelint' ? {} : section === 'files.exclude' ? {} : null);

/**
 * The builds measured: this checkout, and with `--baseline DIR` another built checkout (say the commit before a
 * change, `git worktree add DIR <commit>` + `npm run build` there), each stage run on both alternately in one
 * run, so that both sides see the same machine load.
 */
function builds(baseline) {
  const own = { label: 'this build', server: SERVER, engine: join(REPO_ROOT, 'dist', 'engine.js') };
  if (!baseline) return [own];
  return [{ label: `baseline (${baseline})`, server: [join(baseline, 'dist', 'server.js'), '--stdio'], engine: join(baseline, 'dist', 'engine.js') }, own];
}

/**
 * One server run: open the file, then `edits` edits one after another, each timed to the diagnostics of its
 * version. Also the server process's CPU time (from /proc) for the open and per edit: far less sensitive to
 * other load on the machine than the wall-clock latency.
 */
async function serverLatency(path, languageId, fixture, edits = EDITS, args = SERVER) {
  const server = await startServer({ args, initializationOptions: { scanOnStartup: false }, configuration: settings });
  await server.initialized();
  const uri = uriOf(path);
  try {
    const opened = server.waitForDiagnostics((p) => p.uri === uri && p.version === 1, 120000);
    const openedAt = performance.now();
    const cpuStart = server.cpuMs();
    await server.open(uri, languageId, fixture.text, 1);
    const firstMs = (await opened).at - openedAt;
    const cpuOpened = server.cpuMs();
    const latencies = [];
    const counts = [];
    for (const [index, edit] of editSequence(fixture, edits).entries()) {
      const version = index + 2;
      const published = server.waitForDiagnostics((p) => p.uri === uri && p.version === version, 60000);
      const t0 = performance.now();
      await server.change(uri, version, [edit.change]);
      const { params, at } = await published;
      latencies.push(at - t0);
      counts.push(params.diagnostics.length);
    }
    const cpu = { openCpuMs: cpuOpened - cpuStart, editCpuMs: (server.cpuMs() - cpuOpened) / latencies.length };
    return { ...summarise(latencies), firstMs, ...cpu, ...server.memory(), changedFindings: counts.filter((count, i) => i > 0 && count !== counts[i - 1]).length };
  } finally {
    await server.stop();
  }
}

/** The engine alone, in-process, on the same texts. */
function engineLatency(path, fixture, engine) {
  const { lintFile } = require(engine);
  const edits = editSequence(fixture, EDITS);
  for (const edit of edits.slice(0, 20)) lintFile(edit.text, path); // warm-up, as a running server is
  const times = edits.map((edit) => {
    const t0 = performance.now();
    lintFile(edit.text, path);
    return performance.now() - t0;
  });
  return summarise(times);
}

async function editorLatency({ log, runs, baseline }) {
  const folder = mkdtempSync(join(tmpdir(), 'sl-bench-edit-'));
  const cases = [
    { label: '2,000-line Kubernetes manifest', path: join(folder, 'manifests', 'shop.yaml'), languageId: 'yaml', fixture: kubernetesManifest(2000) },
    { label: '300-line compose file', path: join(folder, 'compose.yaml'), languageId: 'dockercompose', fixture: composeFile(300) },
  ];
  const rows = [];
  try {
    for (const { label, path, languageId, fixture } of cases) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, fixture.text);
      const samples = new Map(builds(baseline).map((build) => [build, []]));
      for (let run = 0; run < runs; run++) {
        for (const [build, list] of samples) {
          list.push(await serverLatency(path, languageId, fixture, EDITS, build.server));
          log(`  lsp latency ${label} (${build.label}) run ${run + 1}/${runs}: p50 ${fmt(list.at(-1).p50)} ms, p99 ${fmt(list.at(-1).p99)} ms, server CPU ${fmt(list.at(-1).editCpuMs)} ms/edit`);
        }
      }
      for (const [build, list] of samples) {
        const engine = engineLatency(path, fixture, build.engine);
        const pick = (key) => median(list.map((s) => s[key]));
        rows.push({ label, build: build.label, lines: fixture.text.split('\n').length - 1, p50: pick('p50'), p99: pick('p99'), max: pick('max'), cpu: pick('editCpuMs'), changed: list[0].changedFindings, engine });
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return [
    '### Editor latency (language server over stdio)',
    '',
    `${EDITS} edits per file, one after another (an incremental \`didChange\` with a new version; edits alternate between toggling \`privileged\`/\`read_only\` and an RBAC rule's \`verbs\` between \`["get"]\` and \`["*"]\`), each timed from sending \`didChange\` to the \`publishDiagnostics\` of that version. Latency as the user feels it: it includes the debounce (${DEBOUNCE_NOTE}). Server CPU: the server process's user + system time over the edits (from /proc, 10 ms ticks) divided by their number. Engine: \`lintFile\` in-process on the same ${EDITS} texts.`,
    '',
    '| file | build | lines | didChange → diagnostics p50 ms | p99 ms | max ms | server CPU ms/edit | versions whose findings changed | engine alone p50 ms | engine p99 ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.label} | ${r.build} | ${r.lines} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${fmt(r.cpu)} | ${r.changed} of ${EDITS - 1} | ${fmt(r.engine.p50, 2)} | ${fmt(r.engine.p99, 2)} |`),
  ];
}

/** The 52,800-line manifest (2,400 Deployments with their Services and RBAC): open → first diagnostics, edits, RSS. */
async function largeManifest({ log, runs, baseline }) {
  const folder = mkdtempSync(join(tmpdir(), 'sl-bench-large-'));
  const path = join(folder, 'manifests', 'fleet.yaml');
  const fixture = kubernetesManifest(LARGE_LINES);
  const samples = new Map(builds(baseline).map((build) => [build, []]));
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, fixture.text);
    for (let run = 0; run < runs; run++) {
      for (const [build, list] of samples) {
        list.push(await serverLatency(path, 'yaml', fixture, LARGE_EDITS, build.server));
        const s = list.at(-1);
        log(`  lsp large manifest (${build.label}) run ${run + 1}/${runs}: first diagnostics ${fmt(s.firstMs)} ms (server CPU ${fmt(s.openCpuMs, 0)} ms), edit p50 ${fmt(s.p50)} ms, p99 ${fmt(s.p99)} ms, server CPU ${fmt(s.editCpuMs)} ms/edit, RSS ${fmt(s.rssMiB, 0)} MiB`);
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const rows = [...samples].map(([build, list]) => {
    const { lintFile } = require(build.engine);
    const t0 = performance.now();
    lintFile(fixture.text, path);
    const engineMs = performance.now() - t0;
    const pick = (key) => median(list.map((s) => s[key]));
    return `| ${LARGE_LINES} | ${build.label} | ${fmt(pick('firstMs'), 0)} | ${fmt(pick('openCpuMs'), 0)} | ${fmt(pick('p50'))} | ${fmt(pick('p99'))} | ${fmt(pick('max'))} | ${fmt(pick('editCpuMs'))} | ${fmt(pick('rssMiB'), 0)} | ${fmt(pick('hwmMiB'), 0)} | ${fmt(engineMs, 0)} |`;
  });
  return [
    `### The ${LARGE_LINES.toLocaleString('en')}-line manifest (language server over stdio)`,
    '',
    `The editor-latency manifest grown to ${LARGE_LINES.toLocaleString('en')} lines (${(fixture.text.length / 1e6).toFixed(1)} MB, ${fixture.text.split('\n---').length} documents): \`didOpen\` → the first \`publishDiagnostics\` (and the server's CPU time for it), then ${LARGE_EDITS} edits as above, each to the diagnostics of its version; RSS of the server after the edits. Engine: one \`lintFile\` of the whole text in-process.`,
    '',
    '| lines | build | open → first diagnostics ms | server CPU for the open ms | edit p50 ms | p99 ms | max ms | server CPU ms/edit | server VmRSS MiB | VmHWM MiB | engine, whole file ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ];
}

/** Copies the corpus (all kinds, names kept) into copy-0/, copy-1/, … until there are `count` files. */
export function replicateCorpus(count) {
  const folder = mkdtempSync(join(tmpdir(), 'sl-bench-scan-'));
  const corpus = loadCorpus();
  for (let n = 0; n < count; n++) {
    const file = corpus[n % corpus.length];
    const target = join(folder, `copy-${Math.floor(n / corpus.length)}`, file.path);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file.abs, target);
  }
  return folder;
}

/** The server's memory once the scan's heap is handed back (it settles right after the scan). */
const SETTLE_MS = 2000;

/**
 * One server start on the folder, scanning on start-up: `workers` (the setting; undefined: the default),
 * `storage` (the persistent cache's folder; a warm start reuses the previous run's), `server` (another build).
 */
async function coldScanRun(folder, { workers, storage, server = SERVER[0], heapSnapshotTo } = {}) {
  let last = 0;
  const published = new Set();
  let scanned = '';
  /** The server's own account once its memory settled: JS heap used of total (MiB); empty for builds that do not log it. */
  let heap = '';
  // As that build's VS Code client starts it (node flags, malloc environment: client/server-launch.ts).
  const launch = serverLaunch(server);
  const client = await startServer({
    args: [...launch.execArgv, ...(heapSnapshotTo ? ['--heapsnapshot-signal=SIGUSR2'] : []), server, '--stdio'],
    env: launch.env,
    ...(heapSnapshotTo ? { cwd: dirname(heapSnapshotTo) } : {}),
    rootPath: folder,
    initializationOptions: storage ? { storagePath: storage } : {},
    configuration: (section) => (section === 'stridelint' && workers !== undefined ? { scan: { workers } } : settings(section)),
    onPublish: (params, at) => {
      last = at;
      published.add(params.uri);
    },
    onLog: (message) => {
      if (message.startsWith('stridelint: scanned')) scanned = message;
      else if (message.startsWith('stridelint: memory after the scan')) heap = /JS heap (\d+) MiB used of (\d+) MiB/.exec(message)?.slice(1).join(' of ') ?? '';
      else if (/cache/.test(message)) process.stderr.write(`  server: ${message}\n`);
    },
  });
  try {
    const done = client.waitForProgressEnd(600000);
    const cpuStart = client.cpuMs();
    const started = await client.initialized();
    const end = await done;
    const cpuMs = client.cpuMs() - cpuStart;
    const atEnd = client.memory();
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const settled = client.memory();
    if (heapSnapshotTo) await client.heapSnapshot(heapSnapshotTo);
    const workerHeap = Number(/largest heap (\d+) MiB/.exec(scanned)?.[1] ?? NaN);
    const fromCache = Number(/; (\d+) from the cache/.exec(scanned)?.[1] ?? 0);
    return { lastMs: last - started, endMs: end.at - started, cpuMs, heap, files: published.size, rssEndMiB: atEnd.rssMiB, rssMiB: settled.rssMiB, hwmMiB: settled.hwmMiB, workerHeap, fromCache };
  } finally {
    await client.stop();
  }
}

/**
 * The scan stage: the same 10,000 files cold with 1 (the server's thread), 2 and 4 worker threads, a warm start
 * from the persistent cache the default-workers run wrote, and (with BENCH_SCAN_BEFORE=<server.js>) an older
 * build on the same files in the same run.
 */
const COLD = 'default workers, cold (writes the cache)';
async function coldScan({ log, runs }) {
  const folder = replicateCorpus(SCAN_FILES);
  const storage = mkdtempSync(join(tmpdir(), 'sl-bench-storage-'));
  const rows = [];
  const measured = new Map();
  const measure = async (label, options, fresh = true) => {
    const samples = [];
    for (let run = 0; run < runs; run++) {
      if (fresh) rmSync(join(storage, 'cache'), { recursive: true, force: true });
      samples.push(await coldScanRun(folder, { ...options, storage: options.storage === false ? undefined : join(storage, 'cache') }));
      const s = samples.at(-1);
      log(`  lsp scan, ${label}, run ${run + 1}/${runs}: last diagnostic at ${fmt(s.lastMs / 1000, 2)} s (server process CPU ${fmt(s.cpuMs / 1000, 1)} s, all threads), ${s.files} files published, ${s.fromCache} from the cache, RSS ${fmt(s.rssMiB, 0)} MiB (at the end ${fmt(s.rssEndMiB, 0)}, peak ${fmt(s.hwmMiB, 0)}), workers' largest heap ${fmt(s.workerHeap, 0)} MiB`);
    }
    const pick = (key) => median(samples.map((s) => s[key]));
    measured.set(label, { cpuMs: pick('cpuMs'), lastMs: pick('lastMs') });
    rows.push(`| ${label} | ${samples[0].files} | ${pick('fromCache')} | ${fmt(pick('lastMs') / 1000, 2)} | ${fmt(pick('endMs') / 1000, 2)} | ${fmt(pick('cpuMs') / 1000, 1)} | ${fmt(pick('rssMiB'), 0)} | ${fmt(pick('rssEndMiB'), 0)} | ${fmt(pick('hwmMiB'), 0)} | ${fmt(pick('workerHeap'), 0)} |`);
  };
  const loadBefore = load();
  let floor;
  try {
    if (process.env.BENCH_SCAN_BEFORE) await measure(`before (${process.env.BENCH_SCAN_BEFORE})`, { server: process.env.BENCH_SCAN_BEFORE, storage: false });
    await measure('1 worker (the server thread)', { workers: 1 });
    await measure('2 workers', { workers: 2 });
    await measure('4 workers', { workers: 4 });
    await measure(COLD, {});
    await measure('default workers, warm start from the cache', {}, false);
    floor = await scanFloor(folder, { runs, log });
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
  }
  return [
    '### Workspace scan (language server over stdio)',
    '',
    `The corpus (all ${loadCorpus().length} files, every kind, names kept) copied into a temporary folder until it holds ${SCAN_FILES.toLocaleString('en')} files, opened as the workspace root and scanned on start-up; timed from \`initialized\` to the last \`publishDiagnostics\` of the scan (the scan's progress \`end\` follows it). Server VmRSS ${SETTLE_MS / 1000} s after the scan (the server hands the scan's heap back right after it) and at its end, from \`/proc/<pid>/status\`; worker threads live in the same process and exit after the scan, so their own memory is the largest V8 heap a worker reported. Warm start: a new server on the same files with the cache the previous run wrote in its storage folder. Load average ${loadBefore} before, ${load()} after.`,
    '',
    '| run | files with diagnostics published | from the cache | initialized → last diagnostic s | → progress end s | server process CPU s (all threads) | server VmRSS MiB (settled) | VmRSS at the end MiB | VmHWM (peak) MiB | workers\' largest heap MiB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `The scan's parse floor (\`scripts/bench/scan-floor.mjs\`): the same files read and parsed with the engine's own parser options, nothing else (${floor.plain} files of a stridelint kind outside charts; ${floor.charts} Helm charts: Chart.yaml and values files parsed, templates read, each of their ${floor.rendered} rendered outputs parsed, the render itself not counted; kustomize builds not counted). A scan needs at least its CPU / 2 s of wall on 2 cores.`,
    '',
    ...floorRows(floor),
    '',
    `- **Scan / its parse floor** (default workers, cold): CPU ${fmt(measured.get(COLD).cpuMs / floor.many.cpuMs, 2)}× (${fmt(measured.get(COLD).cpuMs / 1000, 1)} s against ${fmt(floor.many.cpuMs / 1000, 1)} s), wall ${fmt(measured.get(COLD).lastMs / floor.many.wallMs, 2)}× (${fmt(measured.get(COLD).lastMs / 1000, 2)} s against ${fmt(floor.many.wallMs / 1000, 2)} s).`,
  ];
}

/**
 * The warm-start stage: for this build (and `--baseline DIR`'s), a cold scan that writes the persistent cache,
 * then `runs` warm starts from it, on the same 10,000 files in one run. Server CPU is the process's user +
 * system time from start to the scan's end (workers included: they are threads of it). With
 * BENCH_HEAP_SNAPSHOT=<folder>, each build's last warm server writes a heap snapshot there after settling.
 */
async function warmStart({ log, runs, baseline }) {
  const folder = replicateCorpus(SCAN_FILES);
  const rows = [];
  const loadBefore = load();
  try {
    for (const build of builds(baseline)) {
      const storage = mkdtempSync(join(tmpdir(), 'sl-bench-storage-'));
      try {
        const row = async (label, options) => {
          const s = await coldScanRun(folder, { server: build.server[0], storage, ...options });
          log(`  lsp warm, ${build.label}, ${label}: last diagnostic at ${fmt(s.lastMs / 1000, 2)} s (CPU ${fmt(s.cpuMs / 1000, 2)} s), ${s.files} files published, ${s.fromCache} from the cache, RSS ${fmt(s.rssMiB, 0)} MiB (at the end ${fmt(s.rssEndMiB, 0)}, peak ${fmt(s.hwmMiB, 0)})`);
          rows.push(`| ${build.label} | ${label} | ${s.files} | ${s.fromCache} | ${fmt(s.lastMs / 1000, 2)} | ${fmt(s.endMs / 1000, 2)} | ${fmt(s.cpuMs / 1000, 2)} | ${fmt(s.rssMiB, 0)} | ${s.heap || 'n/a'} | ${fmt(s.rssEndMiB, 0)} | ${fmt(s.hwmMiB, 0)} |`);
        };
        await row('cold (writes the cache)', {});
        for (let run = 0; run < runs; run++) {
          const snapshot = run === runs - 1 && process.env.BENCH_HEAP_SNAPSHOT ? join(process.env.BENCH_HEAP_SNAPSHOT, `${build.label.replace(/[^a-z0-9]+/gi, '-')}.heapsnapshot`) : undefined;
          await row(`warm start ${run + 1}`, { heapSnapshotTo: snapshot });
        }
      } finally {
        rmSync(storage, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return [
    '### Warm start from the scan cache (language server over stdio)',
    '',
    `The scan stage's ${SCAN_FILES.toLocaleString('en')} files: per build a cold scan writing the persistent cache in a fresh storage folder, then ${runs} warm start(s) of a new server from it (default workers, \`--expose-gc\`). Server CPU: the process's user + system time (worker threads included) from its start to the scan's end. RSS ${SETTLE_MS / 1000} s after the scan. Load average ${loadBefore} before, ${load()} after.`,
    '',
    '| build | run | files published | from the cache | initialized → last diagnostic s | → progress end s | server CPU s | VmRSS MiB (settled) | JS heap used of total MiB (server log) | VmRSS at the end MiB | VmHWM MiB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ];
}

/** didOpen → publishDiagnostics per file on one server process; returns per-file milliseconds by corpus path. */
/**
 * Per file, didOpen → its publishDiagnostics (then didClose), in one fresh server: `passes` passes over the files
 * (the first is also the JIT's warm-up). Returns each pass's times by file.
 */
async function openEach(args, files, passes = 2) {
  const server = await startServer({ args, initializationOptions: { scanOnStartup: false }, configuration: settings });
  await server.initialized();
  const byPass = [];
  try {
    for (let pass = 0; pass < passes; pass++) {
      const times = {};
      for (const file of files) {
        const uri = uriOf(file.abs);
        const published = server.waitForDiagnostics((p) => p.uri === uri, 30000);
        const t0 = performance.now();
        await server.open(uri, 'dockerfile', file.text, 1);
        const { at } = await published;
        times[file.path] = at - t0;
        await server.close(uri);
      }
      byPass.push(times);
    }
  } finally {
    await server.stop();
  }
  return byPass;
}

async function peerOverStdio({ log, runs, baseline }) {
  const files = loadCorpus()
    .filter((file) => file.kind === 'dockerfile')
    .map((file) => ({ ...file, text: readFileSync(file.abs, 'utf8') }));
  const peerRuns = [];
  const ourRuns = new Map(builds(baseline).map((build) => [build, []]));
  for (let run = 0; run < runs; run++) {
    peerRuns.push(await openEach(PEER, files));
    for (const [build, list] of ourRuns) list.push(await openEach(build.server, files));
    log(`  lsp peer run ${run + 1}/${runs} done`);
  }
  const perFile = (samples) => Object.fromEntries(files.map((file) => [file.path, median(samples.map((times) => times[file.path]))]));
  const total = (times) => Object.values(times).reduce((a, b) => a + b, 0);
  const rows = [];
  const ratioLines = [];
  // Pass 1: a fresh server (the JIT warming up in both); pass 2: the same server again, as an editor in use.
  for (const [pass, label] of [[0, 'first pass, fresh server'], [1, 'second pass, same server']]) {
    const peer = perFile(peerRuns.map((passes) => passes[pass]));
    const p = summarise(Object.values(peer));
    rows.push(`| dockerfile-language-server-nodejs | ${label} | ${files.length} | ${fmt(p.p50, 2)} | ${fmt(p.p99, 1)} | ${fmt(p.max, 0)} | ${fmt(total(peer) / 1000, 2)} |`);
    for (const [build, list] of ourRuns) {
      const ours = perFile(list.map((passes) => passes[pass]));
      const o = summarise(Object.values(ours));
      const name = build.label === 'this build' ? 'stridelint server' : `stridelint server, ${build.label}`;
      rows.push(`| ${name} | ${label} | ${files.length} | ${fmt(o.p50, 2)} | ${fmt(o.p99, 1)} | ${fmt(o.max, 0)} | ${fmt(total(ours) / 1000, 2)} |`);
      const ratios = files.map((file) => peer[file.path] / ours[file.path]);
      ratioLines.push(`- Per-file ratio peer/${name}, ${label}: median ${fmt(median(ratios), 2)}×, total time ${fmt(total(peer) / total(ours), 2)}×.`);
    }
  }
  return [
    '### Peer over stdio: `dockerfile-language-server-nodejs` 0.15.0',
    '',
    `Both servers as their own process over stdio, the same ${files.length} Dockerfiles opened one after another (\`didOpen\` → that file's \`publishDiagnostics\`, then \`didClose\`), twice in each fresh server: the first pass is also the JIT's warm-up (±10 % between runs for both servers), the second is a server in use; both ask the client for settings (\`workspace/configuration\`), answered with defaults. Per-file medians of ${runs} run(s); the ratio is the peer's time over stridelint's on the same file. Load average at the end: ${load()}.`,
    '',
    '| server | pass | files | p50 ms/file | p99 ms/file | max ms | total s |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...ratioLines,
  ];
}

const STAGES = { latency: editorLatency, large: largeManifest, scan: coldScan, warm: warmStart, peer: peerOverStdio, helm: ({ log }) => helmEditStage({ log }) };

export async function lspStages({ log, runs, only = Object.keys(STAGES), baseline }) {
  log('bench: language-server stages');
  const sections = [];
  for (const name of only) sections.push(await STAGES[name]({ log, runs, baseline }));
  return sections;
}

// `node scripts/bench/lsp-stages.mjs [--runs N] [--only latency,scan,peer] [--baseline DIR]`: the language-server
// stages alone, as Markdown; `--baseline` also runs the latency and large stages on another built checkout.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const only = flag('--only')?.split(',');
  const sections = await lspStages({ log: (text) => process.stderr.write(`${text}\n`), runs: flag('--runs') ? Number(flag('--runs')) : 1, only, baseline: flag('--baseline') });
  for (const section of sections) process.stdout.write(`${section.join('\n')}\n\n`);
}
