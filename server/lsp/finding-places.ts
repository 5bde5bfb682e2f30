import type { Finding, Range } from '../../rules/engine';
import { shiftRange } from './fact-ranges';

// Findings of a file linted in parts (YAML documents, compose services) moved to where their part is in the file.

/** A finding moved down (or up) by whole lines: its range, its fixes' edits in this file, related places in this file. */
export function shiftFinding(finding: Finding, lines: number, path: string): Finding {
  if (lines === 0) return finding;
  return {
    ...finding,
    range: shiftRange(finding.range, lines),
    fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => (edit.path === undefined || edit.path === path ? { ...edit, range: shiftRange(edit.range, lines) } : edit)) })),
    ...(finding.related ? { related: finding.related.map((entry) => (entry.path === path ? { ...entry, range: shiftRange(entry.range, lines) } : entry)) } : {}),
  };
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
