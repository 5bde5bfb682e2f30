// Where a profiled scan's CPU and idle time go, per thread, from the .cpuprofile files of one process
// (`scan-compare.mjs --cpu-prof DIR` writes DIR/<build>-<run>/):
//   node scripts/bench/scan-profile.mjs DIR/<build>-<run> [--bucket-ms 1000] [--top 12]
// Per thread: its sampled time by activity (the innermost frame's module, through the bundle's source map: the
// YAML parser, the Helm model, GC, file reads…) and by task (the innermost frame of the server's own code:
// scan-task.ts readFacts, scan-units.ts chart…), then a timeline of every thread (how busy each is per bucket,
// 0–9 tenths, '#' full, '.' idle), so one sees whether the scan waits (a thread idle) or is CPU-bound.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberFlag } from './bench-args.mjs';

const dir = process.argv[2];
const bucketMs = numberFlag('--bucket-ms', 1000);
const top = numberFlag('--top', 12);
// --from/--to S: only the samples in that window (seconds from the first profile's start), e.g. a thread's busy start.
const from = numberFlag('--from', -Infinity);
const to = numberFlag('--to', Infinity);
if (!dir || !existsSync(dir)) {
  console.error('usage: node scripts/bench/scan-profile.mjs <folder of .cpuprofile files> [--bucket-ms 1000] [--top 12]');
  process.exit(2);
}

const maps = new Map();
/** The bundle's source map for a frame's script (undefined: node's own code or no map). */
function mapOf(url) {
  if (!url.startsWith('file://')) return undefined;
  if (!maps.has(url)) {
    const file = `${fileURLToPath(url)}.map`;
    maps.set(url, existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : undefined);
  }
  return maps.get(url);
}

/** A frame's original source path (relative to the repository or node_modules) or its script's URL. */
function sourceOf(frame) {
  const map = mapOf(frame.url);
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber);
  const source = entry?.originalSource ?? frame.url;
  const at = source.lastIndexOf('node_modules/');
  if (at >= 0) return source.slice(at);
  return source.replace(/^.*?\/(rules|server|client|scripts)\//, '$1/');
}

/** What a module is doing, for the activity table. */
function activityOf(frame) {
  if (frame.functionName === '(garbage collector)') return 'GC';
  if (frame.functionName === '(idle)') return 'idle';
  if (frame.functionName === '(program)') return 'program (V8, compile, natives)';
  if (frame.url === '') return `native ${frame.functionName || '(anonymous)'}`;
  if (frame.url.startsWith('node:')) return frame.url;
  const source = sourceOf(frame);
  if (source.startsWith('node_modules/')) return source.split('/').slice(0, source.startsWith('node_modules/@') ? 3 : 2).join('/');
  if (source.startsWith('rules/models/helm/')) return 'rules/models/helm';
  if (source.startsWith('rules/schemas/')) return 'rules/schemas (validators)';
  if (/^rules\/(compose|dockerfile|kubernetes|daemon|helm|kustomize)\//.test(source)) return 'rules (the checks)';
  return source.split('/').slice(0, 3).join('/');
}

function analyse(file, origin) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const label = new Map();
  /** Per node: its activity (the leaf's, or the innermost non-native frame's for natives) and task (innermost server/ frame). */
  const labelOf = (id) => {
    if (label.has(id)) return label.get(id);
    const leaf = nodes.get(id).callFrame;
    let activity = activityOf(leaf);
    let task;
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = nodes.get(at).callFrame;
      if (activity.startsWith('native ') && frame.url.startsWith('file://')) activity = `${activityOf(frame)} (${activity})`;
      const source = frame.url.startsWith('file://') ? sourceOf(frame) : '';
      if (source.startsWith('server/')) {
        task = `${source.slice(source.lastIndexOf('/') + 1)} ${frame.functionName || '(anonymous)'}`;
        break;
      }
    }
    const result = { activity, task: task ?? (activity === 'idle' ? 'idle' : activity === 'GC' ? 'GC' : 'other (no server frame)') };
    label.set(id, result);
    return result;
  };
  const byActivity = new Map();
  const byTask = new Map();
  const busyAt = [];
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    time += delta;
    const seconds = (time - origin) / 1e6;
    if (seconds < from || seconds > to) continue;
    const { activity, task } = labelOf(profile.samples[i]);
    const ms = delta / 1000;
    byActivity.set(activity, (byActivity.get(activity) ?? 0) + ms);
    byTask.set(task, (byTask.get(task) ?? 0) + ms);
    if (activity !== 'idle') busyAt.push([time, ms]);
  }
  return { file, start: profile.startTime, end: profile.endTime, byActivity, byTask, busyAt };
}

const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile')).sort();
/** Every profile's start (µs on one clock shared by the process's threads), without parsing the whole file. */
const startOf = (name) => Number(/"startTime":(\d+)/.exec(readFileSync(join(dir, name), 'utf8'))?.[1]);
const origin = Math.min(...files.map(startOf));
const threads = files.map((name) => analyse(join(dir, name), origin));
// CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the server's, the others its workers.
const nameOf = (thread) => {
  const parts = thread.file.split('/').pop().split('.');
  return parts[4] === '0' ? 'server' : `worker ${parts[4]}`;
};
const table = (map) => {
  const total = [...map.values()].reduce((a, b) => a + b, 0);
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => `    ${(ms / 1000).toFixed(2).padStart(7)} s ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${name}`)
    .join('\n');
};
for (const thread of threads) {
  const busy = thread.busyAt.reduce((sum, [, ms]) => sum + ms, 0);
  const last = thread.busyAt.length ? (thread.busyAt[thread.busyAt.length - 1][0] - origin) / 1e6 : 0;
  console.log(`${nameOf(thread)} (${thread.file.split('/').pop()}): profiled ${((thread.start - origin) / 1e6).toFixed(2)}–${((thread.end - origin) / 1e6).toFixed(2)} s, busy ${(busy / 1000).toFixed(2)} s, last busy sample at ${last.toFixed(2)} s`);
  console.log(`  by activity:\n${table(thread.byActivity)}`);
  console.log(`  by task (innermost server frame):\n${table(thread.byTask)}`);
}
const end = Math.max(...threads.map((thread) => thread.end));
const buckets = Math.ceil((end - origin) / 1000 / bucketMs);
console.log(`timeline (${bucketMs} ms per column from the first profile's start; busy tenths, '#' full, '.' idle):`);
for (const thread of threads) {
  const busy = new Array(buckets).fill(0);
  for (const [at, ms] of thread.busyAt) busy[Math.min(buckets - 1, Math.floor((at - origin) / 1000 / bucketMs))] += ms;
  const line = busy.map((ms) => (ms >= 0.95 * bucketMs ? '#' : ms < 0.05 * bucketMs ? '.' : String(Math.round((10 * ms) / bucketMs)))).join('');
  console.log(`  ${nameOf(thread).padEnd(10)} ${line}`);
}
