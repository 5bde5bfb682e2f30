import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** Full collections after a scan: the first frees, the next ones compact the fragmented pages so V8 can return them. */
const COLLECTIONS = 3;
/** Between collections, messages queued meanwhile (a keystroke) are handled. */
const PAUSE_MS = 50;

/**
 * After a workspace scan the server's heap holds little (compact findings, the facts index), but V8 keeps the
 * pages the scan used (RSS stays at the scan's peak) until it collects under pressure, which an idle server
 * may not do for a long time. A few full collections, each in its own turn of the event loop, hand them back.
 * `gc` exists when the server runs with `--expose-gc` (the VS Code client starts it so); elsewhere memory goes
 * back at V8's own pace. `settled` is told where the memory is once the collections are done.
 */
export function settleMemory(settled?: (usage: string) => void, remaining = COLLECTIONS): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') return;
  if (remaining > 1) gc();
  else compactingCollection(gc);
  if (remaining > 1) setTimeout(() => settleMemory(settled, remaining - 1), PAUSE_MS).unref();
  else settled?.(memoryBreakdown());
}

/**
 * The last collection moves every live object together (V8 otherwise compacts only the pages it judges worth
 * it, and after a scan half the heap stays reserved by pages holding a few objects each).
 */
function compactingCollection(gc: () => void): void {
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    gc();
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
}

/** RSS and what V8 knows of it (the rest is the process's own: code, native allocations, freed but not returned). */
function memoryBreakdown(): string {
  const usage = process.memoryUsage();
  const mib = (bytes: number) => Math.round(bytes / 1048576);
  // Where the heap's committed pages are (the young generation keeps the size the scan grew it to until idle).
  const spaces = getHeapSpaceStatistics()
    .filter((space) => space.space_size >= 1048576)
    .map((space) => `${space.space_name.replace(/_space$/, '')} ${mib(space.space_used_size)}/${mib(space.space_size)}`)
    .join(', ');
  return `RSS ${mib(usage.rss)} MiB: JS heap ${mib(usage.heapUsed)} MiB used of ${mib(usage.heapTotal)} MiB (${spaces}), external ${mib(usage.external)} MiB (array buffers ${mib(usage.arrayBuffers)} MiB)`;
}
