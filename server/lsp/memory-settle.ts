import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** Full collections after a scan: the first frees, the next ones compact the fragmented pages so V8 can return them. */
const COLLECTIONS = 3;
/** Between collections, messages queued meanwhile (a keystroke) are handled. */
const PAUSE_MS = 50;
/**
 * V8 shrinks the young generation (which keeps the size the scan grew it to, 32 MiB) only in a collection after
 * its allocation rate was low for the 5 s its GC tracer looks back over; a scavenge then returns it.
 */
const YOUNG_IDLE_MS = 5_200;
/** Work in the meantime (typing) keeps the rate up: the shrink is tried again, a few times. */
const YOUNG_ATTEMPTS = 4;
/** The young generation's capacity V8 shrinks it to (one page per semi-space). */
const YOUNG_SHRUNK_BYTES = 1048576;

type Gc = (options?: { type: 'minor' | 'major' }) => void;

/**
 * After a workspace scan the server's heap holds little (compact findings, the facts index), but V8 keeps the
 * pages the scan used (RSS stays at the scan's peak) until it collects under pressure, which an idle server
 * may not do for a long time. A few full collections, each in its own turn of the event loop, hand them back.
 * `gc` exists when the server runs with `--expose-gc` (the VS Code client starts it so); elsewhere memory goes
 * back at V8's own pace. `settled` is told where the memory is once the collections are done.
 */
export function settleMemory(settled?: (usage: string) => void, remaining = COLLECTIONS, idle?: (usage: string) => void): void {
  const gc = (globalThis as { gc?: Gc }).gc;
  if (typeof gc !== 'function') return;
  if (remaining > 1) gc();
  else compactingCollection(gc);
  if (remaining > 1) setTimeout(() => settleMemory(settled, remaining - 1, idle), PAUSE_MS).unref();
  else {
    settled?.(memoryBreakdown());
    shrinkYoungGeneration(gc, YOUNG_ATTEMPTS, idle);
  }
}

/** Once the server has been idle long enough, a scavenge lets V8 shrink the young generation; `idle` is told the memory after it. */
function shrinkYoungGeneration(gc: Gc, attempts: number, idle?: (usage: string) => void): void {
  setTimeout(() => {
    gc({ type: 'minor' });
    if (youngCapacity() > YOUNG_SHRUNK_BYTES && attempts > 1) shrinkYoungGeneration(gc, attempts - 1, idle);
    else idle?.(memoryBreakdown());
  }, YOUNG_IDLE_MS).unref();
}

function youngCapacity(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

/**
 * The last collection moves every live object together (V8 otherwise compacts only the pages it judges worth
 * it, and after a scan half the heap stays reserved by pages holding a few objects each).
 */
function compactingCollection(gc: Gc): void {
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
