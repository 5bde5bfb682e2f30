/**
 * Strategic merge patch with Kubernetes apimachinery's semantics (`StrategicMergeMapPatch`, what `kubectl
 * patch` and the API server apply), on plain JSON data: `$patch: replace|delete` on maps and list elements,
 * `$retainKeys`, `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>`, merge lists by merge key
 * (new elements after the server's, in the patch's order) and sets of scalars. kustomize itself uses kyaml's
 * merge (strategic-merge.ts); this one serves patches meant for the API server and the apimachinery oracles.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonMap = { [key: string]: Json };

/** The patch metadata of a field: its strategies (`merge`, `replace`, `retainKeys`), merge key and own schema. */
export interface PatchMeta {
  strategies: string[];
  mergeKey: string;
  schema: PatchSchema;
}

export interface PatchSchema {
  field(name: string): PatchMeta;
}

/** No metadata anywhere: maps merge, lists are replaced. */
export const NO_SCHEMA: PatchSchema = { field: () => ({ strategies: [], mergeKey: '', schema: NO_SCHEMA }) };

export class PatchError extends Error {}

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder';
const DELETE_FROM_PRIMITIVE = '$deleteFromPrimitiveList';

const isMap = (value: Json | undefined): value is JsonMap => value !== null && typeof value === 'object' && !Array.isArray(value);
const clone = (value: Json): Json => (value === undefined ? value : JSON.parse(JSON.stringify(value)));

export function applyStrategicMergePatch(original: JsonMap | null, patch: JsonMap, schema: PatchSchema): JsonMap {
  return mergeMap(original ? (clone(original) as JsonMap) : {}, clone(patch) as JsonMap, schema);
}

function mergeMap(original: JsonMap, patch: JsonMap, schema: PatchSchema): JsonMap {
  if (DIRECTIVE in patch) {
    if (patch[DIRECTIVE] === 'replace') {
      delete patch[DIRECTIVE];
      return patch;
    }
    if (patch[DIRECTIVE] === 'delete') return {};
    throw new PatchError(`Unknown patch type: ${String(patch[DIRECTIVE])} in map: ${JSON.stringify(patch)}`);
  }
  applyRetainKeys(original, patch);
  applySetElementOrder(original, patch, schema);
  for (const [rawKey, patchValue] of Object.entries(patch)) {
    let key = rawKey;
    let isDeleteList = false;
    if (rawKey.startsWith(`${DELETE_FROM_PRIMITIVE}/`)) {
      key = extractKey(rawKey, DELETE_FROM_PRIMITIVE);
      isDeleteList = true;
    } else if (rawKey.startsWith(DELETE_FROM_PRIMITIVE)) throw new PatchError('invalid patch format of primitive list');
    if (patchValue === null) {
      delete original[key];
      continue;
    }
    const current = original[key];
    const sameType = current !== undefined && current !== null && Array.isArray(current) === Array.isArray(patchValue) && typeof current === typeof patchValue;
    if (current === undefined || !sameType) {
      if (!isDeleteList) {
        discardNulls(patchValue);
        const [cleaned, keep] = removeDirectives(patchValue);
        if (keep) original[key] = cleaned;
        else delete original[key];
      }
      continue;
    }
    const meta = schema.field(key);
    const strategy = meta.strategies.filter((s) => s !== 'retainKeys')[0] ?? '';
    if (isMap(current)) original[key] = strategy === 'replace' ? patchValue : mergeMap(current, patchValue as JsonMap, meta.schema);
    else if (Array.isArray(current)) {
      original[key] = strategy === 'merge' || isDeleteList ? mergeSlice(current, patchValue as Json[], meta.schema, meta.mergeKey, isDeleteList) : (patchValue as Json[]);
    } else {
      const [cleaned, keep] = removeDirectives(patchValue);
      if (keep) original[key] = cleaned;
      else delete original[key];
    }
  }
  return original;
}

function extractKey(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) throw new PatchError(`invalid patch format of ${prefix}`);
  return key.slice(slash + 1);
}

function discardNulls(value: Json): void {
  if (Array.isArray(value)) value.forEach(discardNulls);
  else if (isMap(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (item === null) delete value[key];
      else discardNulls(item);
    }
  }
}

/** Drops maps that carry a `$patch` directive (and the values holding them). */
function removeDirectives(value: Json): [Json, boolean] {
  if (isMap(value)) {
    if (DIRECTIVE in value) return [null, false];
    for (const [key, item] of Object.entries(value)) {
      const [cleaned, keep] = removeDirectives(item);
      if (keep) value[key] = cleaned;
      else delete value[key];
    }
    return [value, true];
  }
  if (Array.isArray(value)) return [value.map((item) => removeDirectives(item)).filter(([, keep]) => keep).map(([item]) => item), true];
  return [value, true];
}

function applyRetainKeys(original: JsonMap, patch: JsonMap): void {
  if (!(RETAIN_KEYS in patch)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(retain)) throw new PatchError('invalid patch format of retainKeys');
  const keep = new Set(retain.map(String));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith(DELETE_FROM_PRIMITIVE) || key.startsWith(SET_ORDER)) continue;
    if (!keep.has(key)) throw new PatchError('doesn\'t match with retainKeys: invalid patch format of retainKeys');
  }
  for (const key of Object.keys(original)) if (!keep.has(key)) delete original[key];
}

function applySetElementOrder(original: JsonMap, patch: JsonMap, schema: PatchSchema): void {
  for (const directiveKey of Object.keys(patch)) {
    if (!directiveKey.startsWith(SET_ORDER)) continue;
    const order = patch[directiveKey];
    delete patch[directiveKey];
    if (!Array.isArray(order)) throw new PatchError('invalid patch format of setElementOrder list');
    const key = extractKey(directiveKey, SET_ORDER);
    const originalList = original[key];
    const patchList = patch[key];
    if (originalList !== undefined && !Array.isArray(originalList)) throw new PatchError(`expected a list at ${key}`);
    if (patchList !== undefined && !Array.isArray(patchList)) throw new PatchError(`expected a list at ${key}`);
    const meta = schema.field(key);
    validateSetOrder(patchList as Json[] | undefined, order, meta.mergeKey);
    let merged: Json[];
    if (originalList !== undefined && patchList === undefined) merged = originalList as Json[];
    else if (originalList === undefined && patchList !== undefined) merged = removeDirectives(patchList)[0] as Json[];
    else if (originalList !== undefined && patchList !== undefined) {
      const strategy = meta.strategies.filter((s) => s !== 'retainKeys')[0] ?? '';
      merged = strategy === 'merge' ? mergeSlice(originalList as Json[], patchList as Json[], meta.schema, meta.mergeKey, false) : (patchList as Json[]);
    } else continue;
    const [inPatch, serverOnly] = partition(merged, order, meta.mergeKey);
    const serverOrder = originalList !== undefined && patchList !== undefined && meta.mergeKey ? aliasedOriginal(originalList as Json[], patchList as Json[], meta.mergeKey) : ((originalList as Json[] | undefined) ?? []);
    original[key] = normalizeOrder(inPatch, serverOnly, order, serverOrder, meta.mergeKey);
    delete patch[key];
  }
}

/** The patch's elements (deletions aside) must appear in the `$setElementOrder` list in the same relative order. */
function validateSetOrder(patchList: Json[] | undefined, order: Json[], mergeKey: string): void {
  if (!patchList || order.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? patchList.filter((item) => !(isMap(item) && item[DIRECTIVE] === 'delete')) : patchList;
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    if (isMap(items[p]) && DIRECTIVE in (items[p] as JsonMap)) {
      p++;
      continue;
    }
    if (same(keyOf(items[p], mergeKey), keyOf(order[o], mergeKey))) p++;
    o++;
  }
  if (p < items.length && o >= order.length) throw new PatchError(`The order in patch list: ${JSON.stringify(patchList)} doesn't match ${SET_ORDER} list: ${JSON.stringify(order)}`);
}

const same = (a: Json | undefined, b: Json | undefined) => a === b || (a !== null && b !== null && typeof a === 'object' && JSON.stringify(a) === JSON.stringify(b));

/**
 * Upstream orders by the original list *after* the merge wrote through Go's shared slice storage: deletions
 * shift elements left (leaving the last ones doubled), appends fill the freed slots. Reproduced here because
 * the result order depends on it.
 */
function aliasedOriginal(original: Json[], patch: Json[], mergeKey: string): Json[] {
  const backing = [...original];
  let length = backing.length;
  for (const item of patch) {
    if (!isMap(item) || item[DIRECTIVE] !== 'delete') continue;
    for (let i = 0; i < length; ) {
      if (isMap(backing[i]) && (backing[i] as JsonMap)[mergeKey] === item[mergeKey]) {
        backing.copyWithin(i, i + 1, length);
        length--;
      } else i++;
    }
  }
  if (patch.some((item) => isMap(item) && item[DIRECTIVE] === 'replace')) return backing;
  for (const item of patch) {
    if (!isMap(item) || DIRECTIVE in item) continue;
    const index = backing.slice(0, length).findIndex((entry) => isMap(entry) && entry[mergeKey] === item[mergeKey]);
    if (index >= 0) continue;
    if (length < backing.length) backing[length] = item;
    length++;
  }
  return backing;
}

function mergeSlice(original: Json[], patch: Json[], schema: PatchSchema, mergeKey: string, isDeleteList: boolean): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const all = [...original, ...patch];
  if (all.some(Array.isArray)) throw new PatchError('lists of lists are not supported');
  const mapKind = all.length > 0 && isMap(all[0]);
  if (all.some((item) => isMap(item) !== mapKind)) throw new PatchError('list element types are not identical');
  let merged: Json[];
  let serverOrder = original;
  if (!mapKind) {
    if (isDeleteList) return original.filter((item) => !patch.some((p) => p === item));
    merged = dedupe(all);
  } else {
    if (!mergeKey) throw new PatchError('cannot merge lists without merge key');
    const special = withSpecialElements(original, patch, mergeKey);
    serverOrder = special.original;
    merged = mergeWithoutSpecial(special.original, special.patch, mergeKey, schema);
    patch = special.patch;
    if (special.replaced) return special.original;
  }
  const [inPatch, serverOnly] = partition(merged, patch, mapKind ? mergeKey : '');
  return normalizeOrder(inPatch, serverOnly, patch, serverOrder, mapKind ? mergeKey : '');
}

/** Go's deduplicateScalars: a later duplicate is replaced by the last element (order changes, as upstream). */
function dedupe(list: Json[]): Json[] {
  const s = [...list];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

function withSpecialElements(original: Json[], patch: Json[], mergeKey: string): { original: Json[]; patch: Json[]; replaced: boolean } {
  const plain: Json[] = [];
  let replace = false;
  let current = original;
  for (const item of patch) {
    if (!isMap(item) || !(DIRECTIVE in item)) {
      plain.push(item);
      continue;
    }
    const directive = item[DIRECTIVE];
    if (directive === 'delete') {
      if (!(mergeKey in item)) throw new PatchError(`map: ${JSON.stringify(item)} does not contain declared merge key: ${mergeKey}`);
      current = current.filter((entry) => !(isMap(entry) && entry[mergeKey] === item[mergeKey]));
    } else if (directive === 'replace') replace = true;
    else if (directive === 'merge') throw new PatchError('merging lists cannot yet be specified in the patch');
    else throw new PatchError(`Unknown patch type: ${String(directive)}`);
  }
  return replace ? { original: plain, patch: [], replaced: true } : { original: current, patch: plain, replaced: false };
}

function mergeWithoutSpecial(original: Json[], patch: Json[], mergeKey: string, schema: PatchSchema): Json[] {
  const out = [...original];
  for (const item of patch) {
    const map = item as JsonMap;
    if (!(mergeKey in map)) throw new PatchError(`map: ${JSON.stringify(map)} does not contain declared merge key: ${mergeKey}`);
    const index = out.findIndex((entry) => isMap(entry) && entry[mergeKey] === map[mergeKey]);
    if (index >= 0) out[index] = mergeMap(out[index] as JsonMap, map, schema);
    else out.push(item);
  }
  return out;
}

function keyOf(item: Json, mergeKey: string): Json | undefined {
  return mergeKey ? (isMap(item) ? item[mergeKey] : undefined) : item;
}

function partition(merged: Json[], by: Json[], mergeKey: string): [Json[], Json[]] {
  const inPatch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const item of merged) {
    if (mergeKey && (!isMap(item) || !(mergeKey in item))) throw new PatchError(`map: ${JSON.stringify(item)} does not contain declared merge key: ${mergeKey}`);
    const found = by.some((b) => (mergeKey ? isMap(b) && b[mergeKey] === keyOf(item, mergeKey) : b === item));
    (found ? inPatch : serverOnly).push(item);
  }
  return [inPatch, serverOnly];
}

function indexIn(list: Json[], item: Json, mergeKey: string): number {
  const value = keyOf(item, mergeKey);
  return list.findIndex((entry) => keyOf(entry, mergeKey) === value);
}

function sortByOrder(items: Json[], order: Json[], mergeKey: string): Json[] {
  let toDelete: Json[] = [];
  let toSort = items;
  if (mergeKey) {
    for (const item of [...items, ...order]) if (!isMap(item) || !(mergeKey in item)) throw new PatchError(`map: ${JSON.stringify(item)} does not contain declared merge key: ${mergeKey}`);
    toDelete = items.filter((item) => isMap(item) && item[DIRECTIVE] === 'delete');
    toSort = items.filter((item) => !(isMap(item) && item[DIRECTIVE] === 'delete'));
  }
  // Go's sort.SliceStable with a "less" that is true whenever either index is unknown: emulate by a stable
  // insertion sort with the same comparator.
  const sorted = [...toSort];
  const less = (a: Json, b: Json) => {
    const ia = indexIn(order, a, mergeKey);
    const ib = indexIn(order, b, mergeKey);
    return ia >= 0 && ib >= 0 ? ia < ib : true;
  };
  for (let i = 1; i < sorted.length; i++) {
    for (let j = i; j > 0 && less(sorted[j], sorted[j - 1]); j--) [sorted[j], sorted[j - 1]] = [sorted[j - 1], sorted[j]];
  }
  return [...sorted, ...toDelete];
}

function normalizeOrder(inPatch: Json[], serverOnly: Json[], patchOrder: Json[], serverOrder: Json[], mergeKey: string): Json[] {
  const right = sortByOrder(inPatch, patchOrder, mergeKey);
  const left = sortByOrder(serverOnly, serverOrder, mergeKey);
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey);
      const ri = indexIn(serverOrder, right[j], mergeKey);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}
