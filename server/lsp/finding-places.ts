import type { Finding, Fix, Range } from '../../rules/engine';
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
  const shifted = {} as Record<string, unknown>;
  // Key by key in the finding's order, `fixes` as a getter: copying it (a spread) would move the edits now.
  for (const key of Object.keys(finding)) {
    if (key === 'fixes') lazyFixes(shifted, () => movedFixes(from.fixes, total, path));
    else shifted[key] = (finding as unknown as Record<string, unknown>)[key];
  }
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
  return {
    ...finding,
    range,
    fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => (edit.path === undefined || edit.path === path ? { ...edit, range: inFile(edit.range) } : edit)) })),
    ...(finding.related ? { related: finding.related.map((entry) => (entry.path === path ? { ...entry, range: inFile(entry.range) } : entry)) } : {}),
  };
}

function movedFixes(fixes: readonly Fix[], lines: number, path: string): Fix[] {
  return fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => (edit.path === undefined || edit.path === path ? { ...edit, range: shiftRange(edit.range, lines) } : edit)) }));
}

/** `fixes` computed on first read, then an ordinary property (also when assigned first). */
function lazyFixes(target: Record<string, unknown>, compute: () => Fix[]): void {
  const settle = (owner: object, value: Fix[]) => {
    Object.defineProperty(owner, 'fixes', { value, enumerable: true, configurable: true, writable: true });
    unmovedFixes.delete(owner as Finding);
    return value;
  };
  Object.defineProperty(target, 'fixes', {
    enumerable: true,
    configurable: true,
    get(this: object) {
      return settle(this, compute());
    },
    set(this: object, value: Fix[]) {
      settle(this, value);
    },
  });
}
