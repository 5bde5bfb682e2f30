// Each thread of a process with its name and CPU time (user + system, ms), read from Linux's /proc/<pid>/task/*/stat.
import { readdirSync, readFileSync } from 'node:fs';

const MS_PER_TICK = 10; // the kernel's clock ticks: 100 a second

/** Map of thread id → { name, cpuMs } (empty when the process is gone; a thread that ends meanwhile is left out). */
export function threadsOf(pid) {
  const threads = new Map();
  let tids = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return threads;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(tid, { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), cpuMs: (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK });
    } catch {}
  }
  return threads;
}
