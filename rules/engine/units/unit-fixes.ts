import { applyEdits } from '../fixes';
import { LineIndex } from '../line-index';
import type { Finding, Fix, TextEdit } from '../types';

/** A fix's edits grouped by the file they change (an edit without a path changes the finding's own file). */
export function editsByFile(fix: Fix, findingFile: string): Map<string, TextEdit[]> {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of fix.edits) {
    const file = edit.path ?? findingFile;
    byFile.set(file, [...(byFile.get(file) ?? []), edit]);
  }
  return byFile;
}

/**
 * Fix-all across a unit's files: the first safe fix (or any fix with `safeOnly: false`) of each finding,
 * dropping one whose edits overlap, in any file, an edit already taken (a later pass picks it up). Returns
 * the new text of each changed file. `texts` gives each file's current text; `limit` caps the fixes taken.
 */
export function applyUnitFixes(findings: ReadonlyMap<string, readonly Finding[]>, texts: (file: string) => string | undefined, options: { safeOnly?: boolean; limit?: number } = {}): Map<string, string> {
  let count = 0;
  const taken = new Map<string, Array<{ start: number; end: number }>>();
  const chosen = new Map<string, TextEdit[]>();
  const indexes = new Map<string, LineIndex>();
  const spanOf = (file: string, edit: TextEdit) => {
    let index = indexes.get(file);
    if (!index) indexes.set(file, (index = new LineIndex(texts(file) ?? '')));
    return index.spanOf(edit.range);
  };
  for (const [file, list] of findings) {
    for (const finding of list) {
      if (count >= (options.limit ?? Infinity)) break;
      const fix = finding.fixes.find((candidate) => candidate.safe || options.safeOnly === false);
      if (!fix || fix.newFiles?.length) continue;
      const groups = editsByFile(fix, file);
      if ([...groups.keys()].some((target) => texts(target) === undefined)) continue;
      const clashes = [...groups].some(([target, edits]) => edits.some((edit) => {
        const span = spanOf(target, edit);
        return (taken.get(target) ?? []).some((other) => (span.start < other.end && other.start < span.end) || span.start === other.start);
      }));
      if (clashes) continue;
      count++;
      for (const [target, edits] of groups) {
        taken.set(target, [...(taken.get(target) ?? []), ...edits.map((edit) => spanOf(target, edit))]);
        chosen.set(target, [...(chosen.get(target) ?? []), ...edits]);
      }
    }
  }
  const changed = new Map<string, string>();
  for (const [file, edits] of chosen) changed.set(file, applyEdits(texts(file) as string, edits));
  return changed;
}
