import { lazyFixes, type Finding, type Fix, type Range } from '../../rules/engine';
import { shiftRange } from './fact-ranges';

// Findings of a file linted in parts (YAML documents, compose services) moved to where their part is in the file.

/**
 * Findings moved by whole lines whose fix edits have not been moved yet: the finding they were first moved from
 * (its fixes as the rules gave them) and the lines moved since. Fix edits are read by code actions only, so a
 * line inserted at the top of a large manifest moves the ranges of every later finding but none of their edits.
 */
const unmovedFixes = new WeakMap<Finding, { from: Finding; lines: number }>();

/** The finding each moved one was moved from, until it is published (then its diagnostic's JSON is derived from that one's). */
const movedFromFinding = new WeakMap<Finding, Finding>();

/** The finding this one was moved from by shiftFinding (asked once: the link is dropped). */
export function takeMovedFrom(finding: Finding): Finding | undefined {
  const from = movedFromFinding.get(finding);
  movedFromFinding.delete(finding);
  return from;
}

/** A finding moved down (or up) by whole lines: its range, its fixes' edits in this file (when read), related places in this file. */
export function shiftFinding(finding: Finding, lines: number, path: string): Finding {
  if (lines === 0) return finding;
  const pending = unmovedFixes.get(finding);
  const from = pending?.from ?? finding;
  const total = (pending?.lines ?? 0) + lines;
  const shifted = copyWithLazyFixes(finding, () => {
    unmovedFixes.delete(shifted as unknown as Finding);
    return movedFixes(from.fixes, total, path);
  });
  shifted.range = shiftRange(finding.range, lines);
  if (finding.related) shifted.related = finding.related.map((entry) => (entry.path === path ? { ...entry, range: shiftRange(entry.range, lines) } : entry));
  unmovedFixes.set(shifted as unknown as Finding, { from, lines: total });
  // One link back at most: a finding moved again no longer needs the one before it (no chain kept alive).
  movedFromFinding.delete(finding);
  movedFromFinding.set(shifted as unknown as Finding, finding);
  return shifted as unknown as Finding;
}

/** A finding of the composite text placed in the file: its range given, its fixes' edits and related places in this file each mapped by `inFile`. */
export function placeFinding(finding: Finding, range: Range, inFile: (range: Range) => Range, path: string): Finding {
  // The server lints open documents with their fixes built (server/lsp/file-linter.ts): their edits are mapped now,
  // in one spread (a copy key by key with a lazy getter cost more per keystroke than the few edits it put off).
  return {
    ...finding,
    range,
    fixes: mappedFixes(finding.fixes, inFile, path),
    ...(finding.related ? { related: finding.related.map((entry) => (entry.path === path ? { ...entry, range: inFile(entry.range) } : entry)) } : {}),
  };
}

function movedFixes(fixes: readonly Fix[], lines: number, path: string): Fix[] {
  return mappedFixes(fixes, (range) => shiftRange(range, lines), path);
}

/** The fixes with their edits in this file mapped by `inFile` (edits of other files stay). */
function mappedFixes(fixes: readonly Fix[], inFile: (range: Range) => Range, path: string): Fix[] {
  return fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => (edit.path === undefined || edit.path === path ? { ...edit, range: inFile(edit.range) } : edit)) }));
}

/** A copy key by key in the finding's order, `fixes` as a getter: a spread would read (and compute) them now. */
function copyWithLazyFixes(finding: Finding, compute: () => Fix[]): Record<string, unknown> {
  const copy = {} as Record<string, unknown>;
  for (const key of Object.keys(finding)) {
    if (key === 'fixes') lazyFixes(copy, compute);
    else copy[key] = (finding as unknown as Record<string, unknown>)[key];
  }
  return copy;
}
