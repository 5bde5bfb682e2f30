/** Full collections after a scan: the first frees, the next ones compact the fragmented pages so V8 can return them. */
const COLLECTIONS = 3;
/** Between collections, messages queued meanwhile (a keystroke) are handled. */
const PAUSE_MS = 50;

/**
 * After a workspace scan the server's heap holds little (compact findings, the facts index), but V8 keeps the
 * pages the scan used (RSS stays at the scan's peak) until it collects under pressure, which an idle server
 * may not do for a long time. A few full collections, each in its own turn of the event loop, hand them back.
 * `gc` exists when the server runs with `--expose-gc` (the VS Code client starts it so); elsewhere memory goes
 * back at V8's own pace.
 */
export function settleMemory(remaining = COLLECTIONS): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') return;
  gc();
  if (remaining > 1) setTimeout(() => settleMemory(remaining - 1), PAUSE_MS).unref();
}
