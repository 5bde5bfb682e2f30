import { ALL_KEYS, type ReadLog } from '../template/read-log';
import type { GoMap, GoValue } from '../value';

/** How a render's coalesced values differ from the previous render's, told by the previous tree's maps. */
export interface ValuesChange {
  /**
   * Keys of a previous map whose value changed, appeared or went. A map below that changed inside is not a
   * change of its key (its own keys say what changed); a list that changed anywhere is.
   */
  changed: Map<GoMap, Set<string>>;
  /** Each previous map → the map at the same place in the new tree (inside lists too, when their lengths agree). */
  counterpart: Map<GoMap, GoMap>;
}

/** Entries of the previous tree as they were before templates wrote into them (undefined: no such key). */
export type Pristine = ReadonlyMap<GoMap, ReadonlyMap<string, GoValue | undefined>>;

/** Compares the previous render's values (as they were before its templates wrote into them) with the new ones. */
export function diffValues(previous: GoValue, next: GoValue, pristine: Pristine = new Map()): ValuesChange {
  const change: ValuesChange = { changed: new Map(), counterpart: new Map() };
  compare(previous, next, { change, pristine });
  return change;
}

interface Comparison {
  change: ValuesChange;
  pristine: Pristine;
}

/** A previous map's entries before the writes. */
function pristineMap(map: GoMap, pristine: Pristine): GoMap {
  const written = pristine.get(map);
  if (!written) return map;
  const entries: GoMap = new Map(Map.prototype.entries.call(map) as Iterable<[string, GoValue]>);
  for (const [key, value] of written) {
    if (value === undefined) entries.delete(key);
    else entries.set(key, value);
  }
  return entries;
}

/** Whether `a` and `b` differ anywhere; records changed keys of the maps on the way. */
function compare(a: GoValue | undefined, b: GoValue | undefined, change: Comparison): boolean {
  if (a instanceof Map && b instanceof Map) return compareMaps(a, b, change);
  if (Array.isArray(a) && Array.isArray(b)) {
    let differs = a.length !== b.length;
    if (!differs) for (let i = 0; i < a.length; i++) if (compare(a[i], b[i], change)) differs = true;
    return differs;
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length !== b.length || a.some((byte, i) => byte !== b[i]);
  return a !== b;
}

function compareMaps(previous: GoMap, b: GoMap, comparison: Comparison): boolean {
  const { change } = comparison;
  change.counterpart.set(previous, b);
  const a = pristineMap(previous, comparison.pristine);
  const mark = (key: string): void => markChanged(change, previous, key);
  let differs = false;
  // Functions such as `keys` list a map in its own order: the same keys in another order is a change of each.
  const orderDiffers = !sameOrder(a, b);
  for (const [key, value] of a) {
    const other = b.get(key);
    if (other === undefined || orderDiffers) {
      mark(key);
      differs = true;
      if (other === undefined) continue;
    }
    if (compare(value, other, comparison)) {
      if (!(value instanceof Map && other instanceof Map)) mark(key);
      differs = true;
    }
  }
  for (const key of b.keys()) {
    if (a.has(key)) continue;
    mark(key);
    differs = true;
  }
  return differs;
}

export function markChanged(change: ValuesChange, map: GoMap, key: string): void {
  const keys = change.changed.get(map);
  if (keys) keys.add(key);
  else change.changed.set(map, new Set([key]));
}

/** Whether the keys both maps hold come in the same order in each. */
function sameOrder(a: GoMap, b: GoMap): boolean {
  const shared = [...b.keys()].filter((key) => a.has(key));
  let index = 0;
  for (const key of a.keys()) if (b.has(key) && shared[index++] !== key) return false;
  return true;
}

/** Whether a template that read `reads` of the previous tree could render differently with the new one. */
export function readsChanged(reads: ReadLog['reads'], change: ValuesChange): boolean {
  for (const [map, keys] of reads) {
    const changed = change.changed.get(map);
    if (!change.counterpart.has(map)) return true; // a map the comparison did not reach: assume the worst
    if (!changed) continue;
    if (keys === ALL_KEYS) return true;
    for (const key of keys) if (changed.has(key)) return true;
  }
  return false;
}

/** The same reads, of the new tree's maps (undefined when one of them has no counterpart there). */
export function carryReads(reads: ReadLog['reads'], change: ValuesChange): ReadLog['reads'] | undefined {
  const carried: ReadLog['reads'] = new Map();
  for (const [map, keys] of reads) {
    const next = change.counterpart.get(map);
    if (!next) return undefined;
    carried.set(next, keys);
  }
  return carried;
}
