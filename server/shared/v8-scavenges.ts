import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { sharedFlagHold } from './v8-flag-hold';

/**
 * Serial young-generation collections (scavenges) while our lint threads take every core (the language server's
 * scan, the CLI's run). V8 splits a scavenge into tasks on its platform threads; with a thread linting on each
 * core those tasks only take turns with the other linting threads. A cold 10,000-file scan on 2 cores spent
 * 2.7–3.4 s of CPU on V8's platform threads, 1.4–1.7 s with serial scavenges, 3–7 % less CPU in all; a pair of
 * cache-writing scans 0–9 % less time in the machine's slow phases, ±1 % in its fast one; the CLI's run 8 % less CPU
 * (BENCHMARKS.md, eighteenth session). The flag is the process's and V8 reads it at each scavenge, in every
 * thread: the server's own thread scavenges serially too while a scan runs (`--trace-gc`: its 33 scavenges in a
 * scan averaged 12–13 ms serial; 15 ms with parallel tasks, in a run beside another job).
 */

/** Whether `threads` busy threads leave a core free (V8's platform threads then have one to run on). */
export function hasSpareCore(threads: number, cores = availableParallelism()): boolean {
  return cores > threads;
}

/** Whether node was started with the user's own choice of scavenges (then it stays). */
export function hasOwnScavengeFlag(execArgv: readonly string[]): boolean {
  return execArgv.some((arg) => /^--(?:no-)?(?:parallel[-_]scavenge|single[-_]threaded(?:[-_]gc)?)$/.test(arg));
}

/** Serial scavenges while any scan or run holds them. */
const serialScavenges = sharedFlagHold('--no-parallel-scavenge', '--parallel-scavenge');

/**
 * Makes scavenges serial until the returned function is called (once; later calls do nothing), unless node was
 * started with its own choice.
 */
export function holdSerialScavenges(execArgv: readonly string[] = process.execArgv, setFlags: (flags: string) => void = setFlagsFromString): () => void {
  return hasOwnScavengeFlag(execArgv) ? () => {} : serialScavenges(setFlags);
}
