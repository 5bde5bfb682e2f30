import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * How much lower than the server's own thread a workspace scan's worker threads run (a nice value this much
 * higher): the scan takes every core, and the threads the user waits on — the server's thread answering a
 * keystroke, the editor itself — then wait for a worker's time slice. Lowered, the workers still take all the
 * time nothing else wants.
 */
export const SCAN_WORKER_NICENESS = 10;

/**
 * Raises the calling thread's nice value by `increment` (Linux, where a thread's id is a valid target for
 * setpriority; raising it needs no privilege). Elsewhere, or when it cannot, nothing changes: false.
 */
export function lowerThisThreadPriority(increment: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    // /proc/thread-self links to /proc/<pid>/task/<tid>: node has no gettid.
    const tid = Number(/\/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'))?.[1]);
    if (!Number.isSafeInteger(tid) || tid <= 0) return false;
    setPriority(tid, Math.min(19, getPriority(tid) + increment));
    return true;
  } catch {
    return false;
  }
}
