import { LineIndex } from './line-index';
import type { Finding, Fix, TextEdit } from './types';

/** Applies non-overlapping edits (ranges against `text`) and returns the new text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((edit) => ({ ...lines.spanOf(edit.range), newText: edit.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of spans) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** Whether two fixes touch overlapping (or, for two insertions, the same) places. */
function overlaps(a: Fix, b: Fix, lines: LineIndex): boolean {
  for (const editA of a.edits) {
    const spanA = lines.spanOf(editA.range);
    for (const editB of b.edits) {
      const spanB = lines.spanOf(editB.range);
      if (spanA.start < spanB.end && spanB.start < spanA.end) return true;
      if (spanA.start === spanB.start && (spanA.start === spanA.end || spanB.start === spanB.end)) return true;
    }
  }
  return false;
}

/**
 * Picks, for fix-all, the first safe fix of each finding and drops any that overlaps one already taken
 * (the next run picks it up, as `eslint --fix` does).
 */
export function selectFixes(text: string, findings: readonly Finding[], options: { safeOnly?: boolean; ruleId?: string } = {}): Fix[] {
  const lines = new LineIndex(text);
  const chosen: Fix[] = [];
  for (const finding of findings) {
    if (options.ruleId && finding.ruleId !== options.ruleId) continue;
    const fix = finding.fixes.find((candidate) => candidate.safe || options.safeOnly === false);
    if (!fix || fix.newFiles?.length) continue;
    if (chosen.some((taken) => overlaps(taken, fix, lines))) continue;
    chosen.push(fix);
  }
  return chosen;
}

export function applyFixes(text: string, fixes: readonly Fix[]): string {
  return applyEdits(text, fixes.flatMap((fix) => fix.edits));
}
