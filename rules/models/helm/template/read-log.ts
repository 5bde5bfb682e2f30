/**
 * What one template's execution depended on, recorded while it runs, so that a later render can tell whether
 * an edit could change its output: the values it read, the templates (`define`s) it looked up, whether it read
 * `.Files`. Values are recorded by the maps of the values tree: after `recordReads`, every map of that tree
 * notes each key looked up and each walk over its entries (`range`, `toYaml`, `merge`, `len`…) into the log
 * being recorded. A map's entries read as a whole count as every key read, so a read of a subtree reads all
 * of it. Rendering is synchronous: one log is active at a time.
 */
import type { GoMap, GoValue } from '../value';

/** Keys of one values map that a template read; `ALL_KEYS` when it walked the whole map (or asked its size). */
export const ALL_KEYS = true;

export interface ReadLog {
  /** Values maps read, by map: the keys looked up (present or not), or `ALL_KEYS`. */
  reads: Map<GoMap, Set<string> | typeof ALL_KEYS>;
  /** Template names looked up (`include`, `template`, the file itself), found or not. */
  names: Set<string>;
  /** Read a chart's `.Files`. */
  files: boolean;
  /**
   * Keys of values maps it wrote (`set`, `unset`, `merge` on `.Values`: later templates see the change): the
   * value before its first write and after its last (undefined: no such key).
   */
  writes: Map<GoMap, Map<string, ValueWrite>>;
}

export interface ValueWrite {
  before: GoValue | undefined;
  after: GoValue | undefined;
}

export function emptyReadLog(): ReadLog {
  return { reads: new Map(), names: new Set(), files: false, writes: new Map() };
}

let active: ReadLog | undefined;

/** Runs `body` with `log` recording what it reads. */
export function recordingInto<T>(log: ReadLog, body: () => T): T {
  const saved = active;
  active = log;
  try {
    return body();
  } finally {
    active = saved;
  }
}

export function noteTemplateLookup(name: string): void {
  active?.names.add(name);
}

export function noteFilesRead(): void {
  if (active) active.files = true;
}

function noteKey(map: GoMap, key: string): void {
  const log = active!;
  const keys = log.reads.get(map);
  if (keys === ALL_KEYS) return;
  if (keys) keys.add(key);
  else log.reads.set(map, new Set([key]));
}

function noteAll(map: GoMap): void {
  active!.reads.set(map, ALL_KEYS);
}

function noteWrite(map: GoMap, key: string, after: GoValue | undefined): void {
  const log = active!;
  let keys = log.writes.get(map);
  if (!keys) log.writes.set(map, (keys = new Map()));
  const write = keys.get(key);
  if (write) write.after = after;
  else keys.set(key, { before: Map.prototype.get.call(map, key) as GoValue | undefined, after });
}

/** A map of a recorded values tree: every read goes into the active log (outside a template's run, nothing is noted). */
class RecordedMap extends Map<string, GoValue> {
  override get(key: string): GoValue | undefined {
    if (active) noteKey(this, key);
    return super.get(key);
  }

  override has(key: string): boolean {
    if (active) noteKey(this, key);
    return super.has(key);
  }

  override get size(): number {
    if (active) noteAll(this);
    return super.size;
  }

  override keys(): MapIterator<string> {
    if (active) noteAll(this);
    return super.keys();
  }

  override values(): MapIterator<GoValue> {
    if (active) noteAll(this);
    return super.values();
  }

  override entries(): MapIterator<[string, GoValue]> {
    if (active) noteAll(this);
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, GoValue]> {
    if (active) noteAll(this);
    return super.entries();
  }

  override forEach(callback: (value: GoValue, key: string, map: Map<string, GoValue>) => void, thisArg?: unknown): void {
    if (active) noteAll(this);
    super.forEach(callback, thisArg);
  }

  override set(key: string, value: GoValue): this {
    if (active) {
      noteWrite(this, key, value);
      recordReads(value); // what a template puts into `.Values` (a `dict`) becomes part of the tree: its reads and writes count too
    }
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    if (active) noteWrite(this, key, undefined);
    return super.delete(key);
  }

  override clear(): void {
    if (active) for (const key of super.keys()) noteWrite(this, key, undefined);
    super.clear();
  }
}

/**
 * Makes every map of a values tree (maps inside lists too) note its reads. The tree is this render's own
 * (coalescing copies every values file), so changing its maps' class touches nothing shared.
 */
export function recordReads(value: GoValue | undefined): void {
  if (value instanceof Map) {
    if (Object.getPrototypeOf(value) === Map.prototype) Object.setPrototypeOf(value, RecordedMap.prototype);
    for (const entry of Map.prototype.values.call(value)) recordReads(entry);
  } else if (Array.isArray(value)) {
    for (const entry of value) recordReads(entry);
  }
}
