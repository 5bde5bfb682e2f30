import type { SourceLocation } from '../helm/source-map';

/**
 * The value tree a build works on: plain YAML data (maps, lists, scalars) where every node remembers the
 * source node that wrote it — a base resource, a patch, or the overlay field (namespace, commonLabels,
 * images…) that set it. Merges and transformers move and copy nodes with their origins, so the printed
 * output's source map comes from the tree itself, never from searching text.
 */
export type KNode = KMap | KSeq | KScalar;

export interface KMap {
  kind: 'map';
  entries: KEntry[];
  origin?: SourceLocation;
}

export interface KEntry {
  key: string;
  keyOrigin?: SourceLocation;
  value: KNode;
}

export interface KSeq {
  kind: 'seq';
  items: KNode[];
  origin?: SourceLocation;
}

export type ScalarValue = string | number | boolean | null;

export interface KScalar {
  kind: 'scalar';
  value: ScalarValue;
  origin?: SourceLocation;
  /** A null written as nothing at all (`key:`), which a strategic merge drops where `null` or `~` stays. */
  blank?: boolean;
}

export function scalar(value: ScalarValue, origin?: SourceLocation): KScalar {
  return { kind: 'scalar', value, origin };
}

export function emptyMap(origin?: SourceLocation): KMap {
  return { kind: 'map', entries: [], origin };
}

export function isMap(node: KNode | undefined): node is KMap {
  return node?.kind === 'map';
}

export function isSeq(node: KNode | undefined): node is KSeq {
  return node?.kind === 'seq';
}

export function isNull(node: KNode | undefined): boolean {
  return node === undefined || (node.kind === 'scalar' && node.value === null);
}

export function getField(map: KNode | undefined, key: string): KNode | undefined {
  if (!isMap(map)) return undefined;
  for (const entry of map.entries) if (entry.key === key) return entry.value;
  return undefined;
}

export function getEntry(map: KMap, key: string): KEntry | undefined {
  return map.entries.find((entry) => entry.key === key);
}

/** Sets `key` (replacing the value in place, keeping its key's origin, or appending a new entry). */
export function setField(map: KMap, key: string, value: KNode, keyOrigin?: SourceLocation): void {
  const entry = getEntry(map, key);
  if (entry) entry.value = value;
  else map.entries.push({ key, keyOrigin: keyOrigin ?? value.origin, value });
}

/** The string value of a scalar field (numbers and booleans as YAML would print them), else undefined. */
export function getString(map: KNode | undefined, key: string): string | undefined {
  const node = getField(map, key);
  return node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
}

/** Walks `path` down maps, creating missing maps (with `origin`) when `create` is set. */
export function mapAt(root: KMap, path: readonly string[], create: boolean, origin?: SourceLocation): KMap | undefined {
  let current: KMap = root;
  for (const key of path) {
    const next = getField(current, key);
    if (isMap(next)) current = next;
    else if (create && isNull(next)) {
      const made = emptyMap(origin);
      setField(current, key, made, origin);
      current = made;
    } else return undefined;
  }
  return current;
}

export function cloneNode<T extends KNode>(node: T): T {
  if (node.kind === 'scalar') return { ...node };
  if (node.kind === 'seq') return { kind: 'seq', items: node.items.map(cloneNode), origin: node.origin } as T;
  return { kind: 'map', entries: node.entries.map((entry) => ({ key: entry.key, keyOrigin: entry.keyOrigin, value: cloneNode(entry.value) })), origin: node.origin } as T;
}

/** Plain JavaScript data (for hashing, comparisons and tests). */
export function toPlain(node: KNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const entry of node.entries) out[entry.key] = toPlain(entry.value);
  return out;
}

/** A tree from plain data, every node with the same origin (for values an overlay field writes). */
export function fromPlain(value: unknown, origin?: SourceLocation): KNode {
  if (Array.isArray(value)) return { kind: 'seq', items: value.map((item) => fromPlain(item, origin)), origin };
  if (value !== null && typeof value === 'object') {
    return { kind: 'map', entries: Object.entries(value).map(([key, item]) => ({ key, keyOrigin: origin, value: fromPlain(item, origin) })), origin };
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return scalar(value, origin);
  return scalar(null, origin);
}
