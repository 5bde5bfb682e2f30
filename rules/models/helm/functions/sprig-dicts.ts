import { type GoMap, type GoValue, isGoMap, TemplateError } from '../value';
import { entry, mapArg, mapArgs, stringArg, stringArgs } from './arguments';
import { compareGoStrings } from './go-fmt';
import { deepCopy, isEmpty, strval } from './go-values';
import type { FunctionEntry } from './types';

/**
 * Sprig's dict.go. Go's map iteration order is random: `keys` and `values` return key order here (sorted), which is
 * one of the orders Go may produce, so every render is reproducible.
 *
 * merge/mergeOverwrite follow mergo (Sprig's dependency) on map[string]interface{}: a key missing or empty in the
 * destination takes the source's value; nested maps merge recursively; a non-empty destination value is kept when the
 * source holds a map or list; with overwrite, any other source value replaces the destination's (a nil too).
 */

function requireMap(map: GoMap | null): GoMap {
  if (!map) throw new TemplateError('assignment to entry in nil map');
  return map;
}

/** mergo.Merge(dst, src[, WithOverride]) for map[string]interface{}. Mutates and returns dst. */
export function mergeInto(target: GoMap, source: GoMap, overwrite: boolean, depth = 0): GoMap {
  if (depth > 1000) throw new TemplateError('merge: maps nested too deeply');
  for (const [key, value] of source) {
    const existing = target.has(key) ? target.get(key)! : undefined;
    if (value === null) {
      if (overwrite) target.set(key, null);
      continue;
    }
    if (isGoMap(value) && existing !== undefined && isGoMap(existing)) mergeInto(existing, value, overwrite, depth + 1);
    const existingEmpty = existing === undefined || isEmpty(existing);
    if (!existingEmpty && (isGoMap(value) || Array.isArray(value))) continue;
    if (overwrite || existingEmpty) target.set(key, value);
  }
  return target;
}

function merge(args: readonly GoValue[], overwrite: boolean): GoMap {
  const target = requireMap(mapArg(args, 0));
  for (const source of mapArgs(args, 1)) if (source) mergeInto(target, source, overwrite);
  return target;
}

function dig(args: readonly GoValue[]): GoValue {
  if (args.length < 3) throw new TemplateError('dig needs at least three arguments');
  let map = mapArg(args, args.length - 1);
  const fallback = args[args.length - 2];
  const keys = stringArgs(args.slice(0, -2), 0);
  for (let i = 0; i < keys.length; i++) {
    if (!map || !map.has(keys[i])) return fallback;
    const step = map.get(keys[i])!;
    if (i === keys.length - 1) return step;
    if (!isGoMap(step)) throw new TemplateError(`interface conversion: interface {} is ${step === null ? 'nil' : typeof step}, not map[string]interface {}`);
    map = step;
  }
  return fallback;
}

function sortedKeys(map: GoMap): string[] {
  return [...map.keys()].sort(compareGoStrings);
}

export const dictFunctions: Record<string, FunctionEntry> = {
  dict: entry((args) => {
    const map: GoMap = new Map();
    for (let i = 0; i < args.length; i += 2) map.set(strval(args[i]), i + 1 < args.length ? args[i + 1] : '');
    return map;
  }, [0, Infinity]),
  get: entry((args) => {
    const map = mapArg(args, 0);
    const key = stringArg(args, 1);
    return map && map.has(key) ? map.get(key)! : '';
  }, [2, 2], true),
  set: entry((args) => requireMap(mapArg(args, 0)).set(stringArg(args, 1), args[2]), [3, 3]),
  unset: entry((args) => {
    const map = mapArg(args, 0);
    map?.delete(stringArg(args, 1));
    return map;
  }, [2, 2]),
  hasKey: entry((args) => mapArg(args, 0)?.has(stringArg(args, 1)) ?? false, [2, 2]),
  pluck: entry((args) => {
    const name = stringArg(args, 0);
    return mapArgs(args, 1)
      .filter((map): map is GoMap => !!map && map.has(name))
      .map((map) => map.get(name)!);
  }, [1, Infinity]),
  keys: entry((args) => mapArgs(args, 0).flatMap((map) => (map ? sortedKeys(map) : [])), [0, Infinity]),
  pick: entry((args) => {
    const map = mapArg(args, 0);
    const picked: GoMap = new Map();
    for (const key of stringArgs(args, 1)) if (map?.has(key)) picked.set(key, map.get(key)!);
    return picked;
  }, [1, Infinity], true),
  omit: entry((args) => {
    const map = mapArg(args, 0);
    const omitted = new Set(stringArgs(args, 1));
    return new Map([...(map ?? [])].filter(([key]) => !omitted.has(key)));
  }, [1, Infinity], true),
  values: entry((args) => {
    const map = mapArg(args, 0);
    return map ? sortedKeys(map).map((key) => map.get(key)!) : [];
  }, [1, 1]),
  merge: entry((args) => merge(args, false), [1, Infinity], true),
  mustMerge: entry((args) => merge(args, false), [1, Infinity], true),
  mergeOverwrite: entry((args) => merge(args, true), [1, Infinity], true),
  mustMergeOverwrite: entry((args) => merge(args, true), [1, Infinity], true),
  deepCopy: entry((args) => deepCopy(args[0]), [1, 1], true),
  mustDeepCopy: entry((args) => deepCopy(args[0]), [1, 1], true),
  dig: entry((args) => dig(args), [3, Infinity], true),
};
