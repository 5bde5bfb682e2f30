// Cold workspace scans of several server builds (or one build under several node flags), alternated in one run
// (the order reversed every round), with each thread's CPU seconds from /proc/<pid>/task (sampled every 50 ms:
// the workers end with the scan) — the server's own thread apart from the workers and V8's helper threads:
//   node scripts/bench/scan-threads-ab.mjs --build base=/work/base11 --build branch=. [--build 'semi16=.:--min-semi-space-size=16'] [--runs 3] [--files 10000]
// A build is LABEL=DIR[:node flags separated by spaces]; env for the server: --env K=V (all builds).
// Prints per scan: wall (initialized → last diagnostic); CPU seconds from the process start to the scan's progress
// end of the server's main thread (start-up included), of the scan's workers (the threads started after
// initialisation), of the threads there before the scan (V8's platform threads: concurrent and parallel GC and
// optimising compilation for every isolate, the workers' included), and the process total; peak RSS (VmHWM) and
// RSS 2 s after the scan; each thread's CPU with its system part and minor page faults; then medians per build.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serverLaunch, startServer } from './lsp-client.mjs';
import { replicateCorpus } from './lsp-stages.mjs';
import { flag, load } from './bench-args.mjs';

const builds = process.argv.flatMap((arg, at) => (arg === '--build' ? [process.argv[at + 1]] : [])).map((spec) => {
  const [label, rest] = [spec.slice(0, spec.indexOf('=')), spec.slice(spec.indexOf('=') + 1)];
  const [dir, flags = ''] = rest.split(':');
  return { label, server: join(resolve(dir), 'dist', 'server.js'), flags: flags.split(' ').filter(Boolean) };
});
const runs = Number(flag('--runs') ?? 3);
const fileCount = Number(flag('--files') ?? 10000);
const env = Object.fromEntries(process.argv.flatMap((arg, at) => (arg === '--env' ? [process.argv[at + 1].split('=')] : [])));

function threadsOf(pid, into) {
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        into.set(tid, { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), cpu: (Number(fields[11]) + Number(fields[12])) / 100, system: Number(fields[12]) / 100, faults: Number(fields[7]), main: tid === String(pid) });
      } catch {}
    }
  } catch {}
}

async function scan(build, folder) {
  let last = 0;
  let published = 0;
  const launch = serverLaunch(build.server);
  const client = await startServer({
    args: [...launch.execArgv, ...build.flags, build.server, '--stdio'],
    env: { ...launch.env, ...env },
    rootPath: folder,
    configuration: (section) => (section === 'stridelint' ? {} : section === 'files.exclude' ? {} : null),
    onPublish: (_params, at) => {
      last = at;
      published++;
    },
  });
  const threads = new Map();
  const pid = client.child.pid;
  // The threads before the scan (V8's platform threads, libuv's): the scan's workers are the threads started after.
  threadsOf(pid, threads);
  const startup = new Set(threads.keys());
  const timer = setInterval(() => threadsOf(pid, threads), 50);
  try {
    const done = client.waitForProgressEnd(600000);
    const started = await client.initialized();
    await done;
    threadsOf(pid, threads);
    clearInterval(timer);
    const peak = client.memory().hwmMiB;
    await new Promise((r) => setTimeout(r, 2000));
    const after = client.memory().rssMiB;
    const sum = (filter) => [...threads.values()].filter(filter).reduce((s, t) => s + t.cpu, 0);
    const main = sum((t) => t.main);
    const workers = [...threads].filter(([tid]) => !startup.has(tid)).reduce((s, [, t]) => s + t.cpu, 0);
    const total = sum(() => true);
    const names = [...threads].filter(([, t]) => t.cpu > 0.05).map(([tid, t]) => `${t.main ? 'main' : startup.has(tid) ? 'helper' : 'worker'} ${t.cpu.toFixed(2)} (system ${t.system.toFixed(2)}, ${Math.round(t.faults / 1000)}k minor faults)`).join(', ');
    return { wall: (last - started) / 1000, main, workers, other: total - main - workers, total, peak, after, published, names };
  } finally {
    clearInterval(timer);
    await client.stop();
  }
}

const folder = replicateCorpus(fileCount);
const results = new Map(builds.map((b) => [b.label, []]));
console.log(`${fileCount} files; load ${load()}`);
try {
  for (let run = 0; run < runs; run++) {
    for (const build of run % 2 === 0 ? builds : [...builds].reverse()) {
      const r = await scan(build, folder);
      results.get(build.label).push(r);
      console.log(`${build.label} run ${run + 1}: wall ${r.wall.toFixed(2)} s; CPU main ${r.main.toFixed(2)}, workers ${r.workers.toFixed(2)}, helpers ${r.other.toFixed(2)}, total ${r.total.toFixed(2)} s; peak ${Math.round(r.peak)} MiB, 2 s after ${Math.round(r.after)} MiB; ${r.published} publications; load ${load()}\n   ${r.names}`);
    }
  }
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
  for (const [label, rs] of results) {
    const m = (key) => median(rs.map((r) => r[key])).toFixed(2);
    console.log(`${label} medians of ${rs.length}: wall ${m('wall')}, main ${m('main')}, workers ${m('workers')}, helpers ${m('other')}, total ${m('total')}, peak ${m('peak')} MiB, after ${m('after')} MiB`);
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
