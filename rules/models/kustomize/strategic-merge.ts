import type { MergeSchema } from './merge-keys';
import { BuildError } from './problem';
import { cloneNode, getField, isNull, type KMap, type KNode, type KSeq } from './tree';

export interface StrategicMergeOptions {
  /** Kustomize's patches prepend new list elements (kyaml `ListIncreaseDirection: Prepend`); kyaml's default appends. */
  prepend: boolean;
  /** The list strategies of the resource's kind; undefined: no schema (lists are replaced unless `infer`). */
  schema?: MergeSchema;
  /** Without a schema, merge lists whose elements have a `name` (kyaml `InferAssociativeLists`). */
  infer?: boolean;
}

/**
 * Strategic merge the way kustomize applies it (kyaml merge2, dest = the resource, source = the patch):
 * maps merge field by field, a `null` value deletes, `$patch: delete|replace|merge` on maps and lists,
 * associative lists merge element by element on their merge keys, other lists are replaced. Returns the
 * merged node (the dest, modified) or undefined when the patch deletes it. Patch nodes keep their origins,
 * so what the patch wrote maps back to the patch.
 */
export function strategicMerge(dest: KNode | undefined, patch: KNode | undefined, options: StrategicMergeOptions): KNode | undefined {
  return walk(dest, patch === undefined ? undefined : cloneNode(patch), [], options, options.schema !== undefined);
}

type Directive = 'merge' | 'delete' | 'replace';

function walk(dest: KNode | undefined, patch: KNode | undefined, path: string[], options: StrategicMergeOptions, hasSchema: boolean): KNode | undefined {
  const kind = [dest, patch].find((node) => !isNull(node))?.kind;
  if (dest && patch && !isNull(dest) && !isNull(patch) && dest.kind !== patch.kind) {
    throw new BuildError('patch-error', `wrong node kind: expected ${kindName(dest)} but got ${kindName(patch)}: node contents:\n${path.join('.')}`);
  }
  if (kind === 'seq') return walkList(dest as KSeq | undefined, patch as KSeq | undefined, path, options, hasSchema);
  if (kind === 'scalar') return patch !== undefined ? (isNull(patch) ? undefined : patch) : dest;
  return walkMap(dest as KMap | undefined, patch as KMap | undefined, path, options, hasSchema);
}

function walkMap(dest: KMap | undefined, patch: KMap | undefined, path: string[], options: StrategicMergeOptions, hasSchema: boolean): KNode | undefined {
  if (dest === undefined || isNull(dest)) {
    if (patch === undefined) return dest;
    if (isNull(patch)) return undefined;
    if (mapDirective(patch) === 'delete') return undefined;
    return mergeFields(patch, patch, path, options, hasSchema);
  }
  if (patch === undefined) return dest;
  if (isNull(patch)) return undefined;
  const directive = mapDirective(patch);
  if (directive === 'delete') return undefined;
  if (directive === 'replace') return mergeFields(patch, patch, path, options, hasSchema);
  return mergeFields(dest, patch, path, options, hasSchema);
}

function mergeFields(dest: KMap, patch: KMap, path: string[], options: StrategicMergeOptions, hasSchema: boolean): KMap {
  const names = [...new Set([...dest.entries.map((e) => e.key), ...patch.entries.map((e) => e.key)])].sort();
  for (const name of names) {
    const destValue = getField(dest, name);
    const patchEntry = dest === patch ? undefined : patch.entries.find((e) => e.key === name);
    const patchValue = dest === patch ? destValue : patchEntry?.value;
    const merged = walk(destValue, patchValue, [...path, name], options, hasSchema);
    const index = dest.entries.findIndex((e) => e.key === name);
    // A null the patch writes deletes the field; a null the resource already has stays.
    if (merged === undefined || (isNull(merged) && (patchValue !== undefined || (merged.kind === 'scalar' && merged.blank)))) {
      if (index >= 0) dest.entries.splice(index, 1);
    } else if (index >= 0) dest.entries[index].value = merged;
    else dest.entries.push({ key: name, keyOrigin: patchEntry?.keyOrigin ?? merged.origin, value: merged });
  }
  return dest;
}

function mapDirective(patch: KMap): Directive {
  const node = getField(patch, '$patch');
  if (node === undefined) return 'merge';
  const value = node.kind === 'scalar' ? String(node.value) : '';
  if (value !== 'delete' && value !== 'replace' && value !== 'merge') throw new BuildError('patch-error', `unknown patch strategy '${value}'`, node.origin);
  patch.entries = patch.entries.filter((e) => e.key !== '$patch');
  return value;
}

/** A list's `$patch` is an element `{$patch: x}` alone in its map. */
function listDirective(patch: KSeq): Directive {
  const index = patch.items.findIndex((item) => item.kind === 'map' && item.entries.length === 1 && item.entries[0].key === '$patch');
  if (index < 0) return 'merge';
  const node = (patch.items[index] as KMap).entries[0].value;
  const value = node.kind === 'scalar' ? String(node.value) : '';
  if (value !== 'delete' && value !== 'replace' && value !== 'merge') throw new BuildError('patch-error', `unknown patch strategy '${value}'`, node.origin);
  patch.items.splice(index, 1);
  return value;
}

function walkList(dest: KSeq | undefined, patch: KSeq | undefined, path: string[], options: StrategicMergeOptions, hasSchema: boolean): KNode | undefined {
  const strategy = options.schema?.(path);
  const associative = strategy ? strategy.merge : !hasSchema && !!options.infer && [dest, patch].some((list) => isSeq(list) && list.items.some((item) => getField(item, 'name') !== undefined));
  if (!associative) return patch !== undefined ? (isNull(patch) ? undefined : patch) : dest;
  if (dest === undefined || isNull(dest)) return patch;
  if (patch === undefined) return dest;
  if (isNull(patch)) return undefined;
  const directive = listDirective(patch);
  if (directive === 'delete') return undefined;
  if (directive === 'replace') return patch;
  const keys = strategy && strategy.keys.length > 0 ? strategy.keys : strategy ? [] : ['name'];
  if (keys.length === 0) return mergeScalarSet(dest, patch, options.prepend);
  return mergeByKeys(dest, patch, keys, path, options, hasSchema);
}

function isSeq(node: KNode | undefined): node is KSeq {
  return node?.kind === 'seq';
}

function keyValues(item: KNode, keys: string[]): string[] {
  return keys.map((key) => {
    const value = getField(item, key);
    return value?.kind === 'scalar' && value.value !== null ? String(value.value) : '';
  });
}

function mergeByKeys(dest: KSeq, patch: KSeq, keys: string[], path: string[], options: StrategicMergeOptions, hasSchema: boolean): KSeq {
  const sources = options.prepend ? [patch, dest] : [dest, patch];
  let tuples: string[][] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    for (const item of source.items) {
      const tuple = keyValues(item, keys);
      const id = JSON.stringify(tuple);
      if (!seen.has(id)) {
        seen.add(id);
        tuples.push(tuple);
      }
    }
  }
  // With several keys, tuples that agree where both are set are one element (a port without `protocol`
  // matches the same port with `protocol: TCP`), as kyaml's mergeValues does.
  if (keys.length > 1) tuples = unifyTuples(tuples);
  const valid = keys.map((_, i) => tuples.some((tuple) => tuple[i] !== ''));
  const matches = (item: KNode, tuple: string[]) => keyValues(item, keys).every((value, i) => !valid[i] || value === tuple[i] || value === '');
  const merged = new Map<string, KNode | undefined>();
  const order: string[] = [];
  for (const tuple of tuples) {
    const id = JSON.stringify(tuple.filter((_, i) => valid[i]));
    if (merged.has(id)) continue;
    const destItem = dest.items.find((item) => matches(item, tuple));
    const patchItem = patch.items.find((item) => matches(item, tuple));
    const result = walk(destItem, patchItem, path, options, hasSchema);
    const empty = result === undefined || isNull(result) || (result.kind === 'map' && result.entries.length === 0);
    merged.set(id, empty ? undefined : result);
    order.push(id);
  }
  const items: KNode[] = [];
  const placed = new Set<string>();
  if (!options.prepend) {
    for (const item of dest.items) {
      const tuple = tuples.find((t) => matches(item, t));
      const id = tuple ? JSON.stringify(tuple.filter((_, i) => valid[i])) : undefined;
      if (id === undefined || placed.has(id)) continue;
      placed.add(id);
      const result = merged.get(id);
      if (result) items.push(result);
    }
  }
  for (const id of order) {
    if (placed.has(id)) continue;
    const item = merged.get(id);
    if (item) items.push(item);
  }
  dest.items = items;
  return dest;
}

function unifyTuples(tuples: string[][]): string[][] {
  const out = tuples.map((tuple) => [...tuple]);
  for (let i = 0; i < out.length; i++) {
    for (let j = 0; j < out.length; j++) {
      const a = out[i];
      const b = out[j];
      if (i === j || a.some((value, k) => value !== '' && b[k] !== '' && value !== b[k]) || !a.some((value, k) => value === b[k] && value !== '')) continue;
      const unified = a.map((value, k) => value || b[k]);
      out[i] = unified;
      out[j] = [...unified];
    }
  }
  const seen = new Set<string>();
  return out.filter((tuple) => {
    const id = JSON.stringify(tuple);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function mergeScalarSet(dest: KSeq, patch: KSeq, prepend: boolean): KSeq {
  const first = prepend ? patch : dest;
  const second = prepend ? dest : patch;
  const seen = new Set<string>();
  const items: KNode[] = [];
  for (const item of [...first.items, ...second.items]) {
    const id = item.kind === 'scalar' ? String(item.value) : JSON.stringify(item);
    if (seen.has(id)) continue;
    seen.add(id);
    items.push(item);
  }
  dest.items = items;
  return dest;
}

function kindName(node: KNode): string {
  return node.kind === 'map' ? 'MappingNode' : node.kind === 'seq' ? 'SequenceNode' : 'ScalarNode';
}
