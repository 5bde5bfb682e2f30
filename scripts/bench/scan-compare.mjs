// Cold workspace scans of two builds on the same 10,000 files, alternated in one run, and the diagnostics each
// published compared file by file (the last publication per file, ranges and messages included):
//   node scripts/bench/scan-compare.mjs --baseline /work/base6 [--runs 2] [--workers N] [--cpu-prof DIR] [--files N] [--reference FILE] [--warm | --writes-cache]
// Prints wall time (initialized → last diagnostic), the server process's CPU (all threads, from /proc; user and
// system apart, with its minor page faults: in this VM each costs ≈ 10 µs of system time), the
// files and findings published, when the scan's steps ended (its log line: listing, facts, lints, units; a build
// that logs none says n/a), and whether the two builds published the same diagnostics. `--cpu-prof DIR`
// starts the servers with --cpu-prof (worker threads included) writing into DIR/<build>-<run>/. `--reference FILE`:
// every scan is compared with the diagnostics in FILE (written from the first scan when FILE does not exist), so
// runs on different days compare with one another (the workspace's temporary folder name is taken out of the URIs).
// `--warm`: each build gets its own storage folder and one cold scan that writes its persistent cache (compared
// too, not profiled; the size of the cache file it wrote is printed), then the timed runs are warm starts from it.
// `--writes-cache`: every timed run is a cold scan given an empty storage folder of its own (as VS Code's first
// start: the scan writes its persistent cache; with `--cpu-prof DIR`, profiled). With `--warm`, every run also reports the server's RSS 2 s
// after the scan, split by /proc/<pid>/smaps_rollup into anonymous memory and mapped files, and the server's own
// account of its memory (its log line); and the same once idle (1 s after the server's idle line, or 7.5 s after
// its settled line for a build without one).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './corpus.mjs';
import { serverLaunch, startServer } from './lsp-client.mjs';
import { replicateCorpus } from './lsp-stages.mjs';
import { flag, has, load } from './bench-args.mjs';

const baseline = flag('--baseline');
const runs = Number(flag('--runs') ?? 1);
const workers = flag('--workers') === undefined ? undefined : Number(flag('--workers'));
const profileDir = flag('--cpu-prof');
const fileCount = Number(flag('--files') ?? 10000);
const referenceFile = flag('--reference');
const warm = has('--warm');
const writesCache = has('--writes-cache');
/** For a build that logs no idle line: the idle RSS reading this long after its settled line. */
const IDLE_MS = 7500;

async function scan(server, folder, profileTo, storagePath) {
  const diagnostics = new Map();
  let last = 0;
  let memoryLog = '';
  let idleLog = '';
  let memoryAt = 0;
  let idleAt = 0;
  let workerHeap = 'n/a';
  let steps = 'steps n/a';
  if (profileTo) mkdirSync(profileTo, { recursive: true });
  // As that build's VS Code client starts it (node flags, malloc environment).
  const launch = serverLaunch(server);
  const client = await startServer({
    args: [...launch.execArgv, ...(profileTo ? ['--cpu-prof', `--cpu-prof-dir=${profileTo}`] : []), server, '--stdio'],
    env: launch.env,
    rootPath: folder,
    initializationOptions: storagePath ? { storagePath } : {},
    onLog: (message) => {
      const largest = /largest heap (\d+) MiB/.exec(message);
      if (largest) workerHeap = `${largest[1]} MiB`;
      const scanSteps = /listed at (\S+) ms, facts at (\S+), lints at (\S+), units at (\S+)\)/.exec(message);
      if (scanSteps) {
        const seconds = (ms) => (ms === '–' ? ms : (Number(ms) / 1000).toFixed(2));
        const [listed, facts, lints, units] = scanSteps.slice(1).map(seconds);
        // A build that logs them: when the threads were asked for and the folders' walk ended.
        const early = /threads at (\S+) ms, walked at (\S+) ms/.exec(message);
        const start = early ? `threads ${seconds(early[1])}, walk ${seconds(early[2])}, ` : '';
        steps = `steps ended (s from the scan's start): ${start}listing ${listed}, facts ${facts}, lints ${lints}, units ${units}`;
      }
      if (message.startsWith('stridelint: memory after the scan')) {
        memoryLog = message.replace(/^stridelint: memory after the scan: /, '');
        memoryAt = Date.now();
      }
      if (message.startsWith('stridelint: memory when idle after the scan')) {
        idleLog = message.replace(/^stridelint: memory when idle after the scan: /, '');
        idleAt = Date.now();
      }
    },
    configuration: (section) => (section === 'stridelint' ? (workers === undefined ? {} : { scan: { workers } }) : section === 'files.exclude' ? {} : null),
    onPublish: (params, at) => {
      last = at;
      diagnostics.set(params.uri.replace(folderUri, ''), params.diagnostics);
    },
  });
  try {
    const done = client.waitForProgressEnd(600000);
    const cpuStart = client.cpuMs();
    const splitStart = client.cpuSplit();
    const started = await client.initialized();
    await done;
    const cpuMs = client.cpuMs() - cpuStart;
    const splitEnd = client.cpuSplit();
    const split = `user ${((splitEnd.userMs - splitStart.userMs) / 1000).toFixed(2)} s, system ${((splitEnd.systemMs - splitStart.systemMs) / 1000).toFixed(2)} s, ${Math.round((splitEnd.minorFaults - splitStart.minorFaults) / 1000)}k minor faults`;
    await new Promise((resolve) => setTimeout(resolve, 300)); // the scan's summary line (worker heaps) follows its progress end
    const peak = `${split}; peak VmHWM ${peakRssOf(client.child.pid)}, largest worker heap ${workerHeap}; ${steps}`;
    if (!warm) return { wallMs: last - started, cpuMs, diagnostics, peak };
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const settled = `${memoryOf(client.child.pid)}; server: ${memoryLog || 'n/a'}`;
    // And idle: 1 s after the server's idle line (V8 shrinks the young generation only after 5 s of low allocation;
    // its freed pages go back a little later), or IDLE_MS after its settled line for a build without one; at most 30 s.
    const idleStart = Date.now();
    while (Date.now() - idleStart < 30000 && !(idleAt && Date.now() > idleAt + 1000) && !(memoryAt && Date.now() > memoryAt + IDLE_MS)) await new Promise((resolve) => setTimeout(resolve, 100));
    return { wallMs: last - started, cpuMs, diagnostics, peak, memory: `${settled}; idle ${((Date.now() - (memoryAt || idleStart)) / 1000).toFixed(1)} s after the settled line: ${memoryOf(client.child.pid)}; server: ${idleLog || 'n/a'}` };
  } finally {
    await client.stop();
  }
}

/** The process's peak RSS so far (all threads), from /proc/<pid>/status. */
function peakRssOf(pid) {
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb === undefined ? 'n/a' : `${Math.round(Number(kb) / 1024)} MiB`;
}

/** VmRSS (MiB) and its anonymous and file-backed parts, from /proc/<pid>/smaps_rollup. */
function memoryOf(pid) {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const field = (name) => Math.round(Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1]) / 1024);
    return `VmRSS ${field('Rss')} MiB (anonymous ${field('Anonymous')}, files ${field('Rss') - field('Anonymous')})`;
  } catch {
    return 'VmRSS n/a';
  }
}

/** A file's diagnostics in a comparable form (order kept: the editor shows them in this order). */
/** The workspace's temporary folder, whichever run made it (a saved reference holds another run's). */
const TEMPORARY_FOLDER = new RegExp(`${join(tmpdir(), 'sl-bench-scan-').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^/"]+`, 'g');
const canonical = (list) => JSON.stringify(list.map(({ range, severity, code, source, message, tags, relatedInformation }) => ({ range, severity, code, source, message, tags, relatedInformation }))).replace(TEMPORARY_FOLDER, '<root>');

function differences(a, b) {
  const out = [];
  for (const uri of new Set([...a.keys(), ...b.keys()])) {
    const left = canonical(a.get(uri) ?? []);
    const right = canonical(b.get(uri) ?? []);
    if (left !== right) out.push(`${uri}: ${(a.get(uri) ?? []).length} vs ${(b.get(uri) ?? []).length} diagnostics`);
  }
  return out;
}

const builds = [...(baseline ? [{ label: 'baseline', server: join(baseline, 'dist', 'server.js') }] : []), { label: 'this build', server: join(REPO_ROOT, 'dist', 'server.js') }];
const folder = replicateCorpus(fileCount);
const folderUri = pathToFileURL(folder).href;
const results = new Map(builds.map((build) => [build, []]));
try {
  console.log(`${fileCount} files in ${folder}; workers: ${workers ?? 'default'}; ${warm ? 'warm starts; ' : writesCache ? 'cold scans writing the cache; ' : ''}load ${load()}`);
  const report = (label, result) => {
    const findings = [...result.diagnostics.values()].reduce((sum, list) => sum + list.length, 0);
    console.log(`${label}: ${(result.wallMs / 1000).toFixed(2)} s wall, ${(result.cpuMs / 1000).toFixed(2)} s CPU; ${result.diagnostics.size} files published, ${findings} findings; ${result.peak}${result.memory ? `; ${result.memory}` : ''}; load ${load()}`);
  };
  if (warm) {
    for (const build of builds) {
      build.storage = mkdtempSync(join(tmpdir(), 'sl-bench-storage-'));
      const result = await scan(build.server, folder, undefined, build.storage);
      results.get(build).push(result);
      report(`${build.label}, cold (writes the cache)`, result);
      const sizes = readdirSync(build.storage).filter((name) => name.startsWith('scan-cache-')).map((name) => `${(statSync(join(build.storage, name)).size / 1048576).toFixed(1)} MiB`);
      console.log(`${build.label}: scan cache ${sizes.join(', ') || 'not written'}`);
    }
  }
  for (let run = 0; run < runs; run++) {
    for (const build of run % 2 === 0 ? builds : [...builds].reverse()) {
      const storage = writesCache ? mkdtempSync(join(tmpdir(), 'sl-bench-storage-')) : build.storage;
      try {
        const result = await scan(build.server, folder, profileDir && join(profileDir, `${build.label.replace(/ /g, '-')}-${run + 1}`), storage);
        results.get(build).push(result);
        report(`${build.label}, ${warm ? 'warm ' : writesCache ? 'cold, writing the cache, ' : ''}run ${run + 1}`, result);
      } finally {
        if (writesCache) rmSync(storage, { recursive: true, force: true });
      }
    }
  }
  const all = [...results.values()].flat();
  if (referenceFile && !existsSync(referenceFile)) writeFileSync(referenceFile, JSON.stringify([...all[0].diagnostics]));
  const reference = referenceFile ? new Map(JSON.parse(readFileSync(referenceFile, 'utf8'))) : all[0].diagnostics;
  const diffs = all.flatMap((result) => differences(reference, result.diagnostics));
  console.log(diffs.length === 0 ? `identical diagnostics in all ${all.length} scans${referenceFile ? ` and ${referenceFile}` : ''}` : `DIFFERENT diagnostics (${diffs.length}):\n${[...new Set(diffs)].slice(0, 40).join('\n')}`);
  process.exitCode = diffs.length === 0 ? 0 : 1;
} finally {
  rmSync(folder, { recursive: true, force: true });
  for (const build of builds) if (build.storage) rmSync(build.storage, { recursive: true, force: true });
}
