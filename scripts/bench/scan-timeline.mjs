// Where a cold workspace scan's CPU goes, thread by thread and over time (Linux /proc, sampled every 50 ms):
//   node scripts/bench/scan-timeline.mjs [--baseline DIR] [--runs N] [--files N] [--bucket MS] [--node-flags "--a --b"]
// Each run prints wall time (initialized → last diagnostic), CPU of the server's main thread, of its two busiest
// other threads (the scan workers, with the default 2 workers) and of the rest (V8's platform threads: parallel
// and concurrent GC, background compilation), the cores left idle (cores × wall − CPU over the scan), VmHWM, and
// the CPU of the client (this process, reading and parsing what the server publishes: it shares the 2 cores).
// `--bucket MS` adds a timeline: each thread's share of one core per bucket and the files published in it.
// `--baseline DIR` alternates that build with this one (order swapped every run); `--node-flags` are added to
// this build's server (not the baseline's), to try V8 settings without a rebuild.
import { readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './corpus.mjs';
import { serverLaunch, startServer } from './lsp-client.mjs';
import { replicateCorpus } from './lsp-stages.mjs';
import { fixed, flag, load, numberFlag } from './bench-args.mjs';
import { threadsOf } from './proc-threads.mjs';

const baseline = flag('--baseline');
const runs = numberFlag('--runs', 1);
const fileCount = numberFlag('--files', 10000);
const bucketMs = numberFlag('--bucket', 0);
const nodeFlags = (flag('--node-flags') ?? '').split(' ').filter(Boolean);
const s = (ms) => fixed(2)(ms / 1000);

async function scan(build, folder) {
  const launch = serverLaunch(build.server);
  const samples = []; // [ms since start, Map tid → cpuMs]
  let pid;
  const t0 = performance.now();
  const timer = setInterval(() => pid && samples.push([performance.now() - t0, sampleOf(pid)]), 50);
  const published = [];
  const client = await startServer({
    args: [...launch.execArgv, ...build.flags, build.server, '--stdio'],
    env: launch.env,
    rootPath: folder,
    configuration: (section) => (section === 'stridelint' || section === 'files.exclude' ? {} : null),
    onPublish: (params, at) => published.push(at - t0),
  });
  pid = client.child.pid;
  try {
    const done = client.waitForProgressEnd(600000);
    const started = (await client.initialized()) - t0;
    // A sample at the start itself: CPU spent before it (the server's start-up, the bench copying the corpus) is not the scan's.
    samples.unshift([started, sampleOf(pid)]);
    await done;
    await new Promise((resolve) => setTimeout(resolve, 300));
    samples.push([performance.now() - t0, sampleOf(pid)]);
    const hwm = Math.round(Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024);
    return { pid: String(pid), samples, started, ended: published.at(-1) ?? started, published, hwm };
  } finally {
    clearInterval(timer);
    await client.stop();
  }
}

/** Each server thread's CPU (ms) by thread id, and this process's (the LSP client reading what the server publishes) as CLIENT. */
const CLIENT = 'client';
function sampleOf(pid) {
  const { user, system } = process.cpuUsage();
  return new Map([...[...threadsOf(pid)].map(([tid, t]) => [tid, t.cpuMs]), [CLIENT, (user + system) / 1000]]);
}

/** A thread's CPU (ms) at time t: its last sample at or before t. */
function cpuAt(samples, tid, t) {
  let cpu = 0;
  for (const [at, threads] of samples) {
    if (at > t) break;
    if (threads.has(tid)) cpu = threads.get(tid);
  }
  return cpu;
}

function report(label, result) {
  const { pid, samples, started, ended, published, hwm } = result;
  const tids = [...new Set(samples.flatMap(([, threads]) => [...threads.keys()]))].filter((tid) => tid !== CLIENT);
  const spent = (tid) => cpuAt(samples, tid, ended + 300) - cpuAt(samples, tid, started);
  const others = tids.filter((tid) => tid !== pid).sort((a, b) => spent(b) - spent(a));
  const workers = others.slice(0, 2);
  const rest = others.slice(2);
  const total = tids.reduce((sum, tid) => sum + spent(tid), 0);
  const idle = availableParallelism() * (ended - started) - total;
  console.log(`${label}: ${s(ended - started)} s wall, ${s(total)} s CPU (main ${s(spent(pid))}, workers ${workers.map((tid) => s(spent(tid))).join(' + ')}, other threads ${s(rest.reduce((sum, tid) => sum + spent(tid), 0))}); cores idle ${s(idle)} s; client ${s(spent(CLIENT))} s CPU; ${published.length} publications; VmHWM ${hwm} MiB; load ${load()}`);
  if (!bucketMs) return;
  console.log(`  from initialized, % of one core:   main  worker1  worker2   others   client  published`);
  for (let t = started; t < ended + bucketMs; t += bucketMs) {
    const share = (ids) => Math.round((100 * ids.reduce((sum, tid) => sum + cpuAt(samples, tid, t + bucketMs) - cpuAt(samples, tid, t), 0)) / bucketMs);
    const row = [share([pid]), share(workers.slice(0, 1)), share(workers.slice(1)), share(rest), share([CLIENT])].map((value) => String(value).padStart(8)).join(' ');
    console.log(`  ${s(t - started).padStart(7)} s ${' '.repeat(23)}${row} ${String(published.filter((at) => at >= t && at < t + bucketMs).length).padStart(10)}`);
  }
}

const builds = [...(baseline ? [{ label: 'baseline', server: join(baseline, 'dist', 'server.js'), flags: [] }] : []), { label: `this build${nodeFlags.length ? ` ${nodeFlags.join(' ')}` : ''}`, server: join(REPO_ROOT, 'dist', 'server.js'), flags: nodeFlags }];
const folder = replicateCorpus(fileCount);
try {
  console.log(`${fileCount} files in ${folder}; ${availableParallelism()} cores; load ${load()}`);
  for (let run = 0; run < runs; run++) for (const build of run % 2 === 0 ? builds : [...builds].reverse()) report(`${build.label}, run ${run + 1}`, await scan(build, folder));
} finally {
  rmSync(folder, { recursive: true, force: true });
}
