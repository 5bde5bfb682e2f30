import type { LintCache } from '../shared/lint-cache';
import { fileStamp } from '../shared/file-stamp';
import type { FactsItem, FactsOutcome } from './scan-task';
import { SCAN_SLICE_MS, yieldToEventLoop } from './workspace-scan';

/**
 * Phase one of a warm scan without reading: every item whose stamp the cache holds with its key is answered
 * here as unchanged (no worker reads or hashes it); returns the items still to be read. A file the cache has no
 * entry for is not stat'ed (a first scan stats nothing here: its workers start at once). Stat'ing yields to
 * keystrokes every 15 ms.
 */
export async function answerByStamp(
  items: readonly FactsItem[],
  cache: LintCache | undefined,
  answer: (item: FactsItem, outcome: FactsOutcome) => void,
  stampOf: (path: string, settingsKey: string) => string = fileStamp,
): Promise<FactsItem[]> {
  if (!cache) return [...items];
  const unread: FactsItem[] = [];
  let sliceStart = Date.now();
  for (const item of items) {
    if (cache.keyOf(item.path) === undefined) {
      unread.push(item);
      continue;
    }
    const stamp = stampOf(item.path, item.settingsKey);
    const key = cache.keyByStamp(item.path, stamp);
    if (key !== undefined) answer(item, { key, unchanged: true, stamp });
    else unread.push(item);
    if (Date.now() - sliceStart > SCAN_SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = Date.now();
    }
  }
  return unread;
}
