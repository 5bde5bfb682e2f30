import type { GoValue } from '../value';
import { entry, intArg, stringArg } from './arguments';
import { compareGoStrings, formatValue } from './go-fmt';
import { parseGoInt, sliceOf, strval, toFloat64, toInt64 } from './go-values';
import type { FunctionEntry } from './types';

/**
 * Sprig's conversions between numbers, strings and string lists: atoi/int/int64/float64 (spf13/cast: strings
 * parsed, floats truncated, bool → 0/1, unreadable → 0), toDecimal (octal), split/splitList/splitn, join,
 * toStrings and sortAlpha (nil elements dropped, others through strval).
 */

/** Sprig's strslice: a list's non-nil elements as strings; a non-list is a one-element list, nil an empty one. */
export function stringSlice(value: GoValue): string[] {
  const list = sliceOf(value);
  if (list) return list.filter((item) => item !== null).map(strval);
  return value === null ? [] : [strval(value)];
}

/** strings.Split: an empty separator splits into runes. */
export function splitString(text: string, separator: string, limit = -1): string[] {
  if (limit === 0) return [];
  if (separator === '') {
    const runes = Array.from(text);
    if (limit < 0 || runes.length <= limit) return runes;
    return [...runes.slice(0, limit - 1), runes.slice(limit - 1).join('')];
  }
  const parts = text.split(separator);
  if (limit < 0 || parts.length <= limit) return parts;
  return [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(separator)];
}

function indexedMap(parts: string[]): Map<string, GoValue> {
  return new Map(parts.map((part, i) => [`_${i}`, part]));
}

export const conversionFunctions: Record<string, FunctionEntry> = {
  atoi: entry((args) => {
    const text = stringArg(args, 0);
    // strconv.Atoi: decimal only, optional sign.
    return /^[+-]?[0-9]+$/.test(text) ? (parseGoInt(text.replace(/^([+-]?)0+(?=\d)/, '$1')) ?? 0n) : 0n;
  }, [1, 1], true),
  int: entry((args) => toInt64(args[0]), [1, 1], true),
  int64: entry((args) => toInt64(args[0]), [1, 1], true),
  float64: entry((args) => toFloat64(args[0]), [1, 1], true),
  toDecimal: entry((args) => {
    const text = formatValue(args[0]);
    if (!/^[+-]?[0-7]+$/.test(text)) return 0n;
    const magnitude = BigInt('0o' + text.replace(/^[+-]/, ''));
    const value = text.startsWith('-') ? -magnitude : magnitude;
    return value === BigInt.asIntN(64, value) ? value : 0n;
  }, [1, 1]),
  toStrings: entry((args) => stringSlice(args[0]), [1, 1]),
  split: entry((args) => indexedMap(splitString(stringArg(args, 1), stringArg(args, 0))), [2, 2]),
  splitList: entry((args) => splitString(stringArg(args, 1), stringArg(args, 0)), [2, 2]),
  splitn: entry((args) => indexedMap(splitString(stringArg(args, 2), stringArg(args, 0), intArg(args, 1))), [3, 3]),
  join: entry((args) => stringSlice(args[1]).join(stringArg(args, 0)), [2, 2], true),
  sortAlpha: entry((args) => {
    const list = sliceOf(args[0]);
    if (!list) return [strval(args[0])];
    return stringSlice(list).sort(compareGoStrings);
  }, [1, 1], true),
};
