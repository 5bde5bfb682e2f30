// CPU seconds per thread of one process (Linux /proc; sampled every 50 ms, the last sample of each thread):
//   node scripts/bench/thread-cpu.mjs <node args…>   e.g. dist/cli.js <folder> --format json --output /tmp/x.json --workers 1
// On a shared machine a thread's CPU time says more than wall time: a run's critical path is its busiest thread.
import { spawn } from 'node:child_process';
import { threadsOf } from './proc-threads.mjs';
const args = process.argv.slice(2);
const started = performance.now();
const child = spawn(process.execPath, args, { stdio: 'ignore' });
const last = new Map();
const poll = () => {
  for (const [tid, { name, cpuMs }] of threadsOf(child.pid)) last.set(tid, { name, cpu: cpuMs / 1000 });
};
const timer = setInterval(poll, 50);
child.on('exit', () => {
  clearInterval(timer);
  const wall = (performance.now() - started) / 1000;
  const byName = new Map();
  for (const { name, cpu } of last.values()) byName.set(name, (byName.get(name) ?? 0) + cpu);
  console.log(`wall ${wall.toFixed(2)} s; per thread CPU s (last sample): ${[...last.values()].filter((t) => t.cpu > 0.05).map((t) => `${t.name} ${t.cpu.toFixed(2)}`).join(', ')}`);
});
