import type { Range } from '../../rules/engine';

/**
 * Ranges inside workspace facts (an object's name, a grant's rule, a service account): facts are plain data
 * whose places are every `{ start: { line }, end: { line } }` in them, found by shape so that a new fact with a
 * range needs no change here.
 */

/** A copy of `value` with every range replaced by `place(range)`. */
export function mapRanges<T>(value: T, place: (range: Range) => Range): T {
  if (Array.isArray(value)) return value.map((item) => mapRanges(item, place)) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (isRange(value)) return place(value) as T;
  const copy: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) copy[name] = mapRanges(item, place);
  return copy as T;
}

/** Moves a range by whole lines (a document starts at a line start, so columns stay). */
export function shiftRange(range: Range, lines: number): Range {
  return lines === 0 ? range : { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}

/** Facts as JSON without their places: equal when only where they are written changed. */
export function withoutPlaces(facts: unknown): string | undefined {
  return JSON.stringify(facts, (_key, value: unknown) => (isRange(value) ? undefined : value));
}

function isRange(value: unknown): value is Range {
  return typeof value === 'object' && value !== null && isPosition((value as { start?: unknown }).start) && isPosition((value as { end?: unknown }).end);
}

function isPosition(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { line?: unknown }).line === 'number';
}
