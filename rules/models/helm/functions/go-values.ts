import { GoObject, type GoValue, isGoMap, TemplateError } from '../value';
import { formatValue, goTypeName } from './go-fmt';

/**
 * The Go-side value helpers Sprig builds on: `strval` (its toString), spf13/cast's ToInt64/ToFloat64 (string
 * parsing, float truncation, bool → 0/1, nil → 0), reflect-based emptiness and slices, reflect.DeepEqual.
 */

/** Sprig's strval: strings and []byte as text, anything else as `%v` (nil → `<nil>`). */
export function strval(value: GoValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return formatValue(value);
}

const INT64_MIN = -(1n << 63n);

/** Go's int64(f) conversion; out of range and NaN give the minimum int64, as on amd64. */
export function truncateFloat(value: number): bigint {
  if (!Number.isFinite(value) || value >= 9.223372036854776e18 || value < -9.223372036854776e18) return INT64_MIN;
  return BigInt(Math.trunc(value));
}

/** cast's trimZeroDecimal: "12.00" → "12" (cast ≥ 1.5 accepts integral decimals). */
function trimZeroDecimal(text: string): string {
  let foundZero = false;
  for (let i = text.length; i > 0; i--) {
    const c = text[i - 1];
    if (c === '.') return foundZero ? text.slice(0, i - 1) : text;
    if (c !== '0') return text;
    foundZero = true;
  }
  return text;
}

/** strconv.ParseInt(text, 0, 64): base prefixes 0x/0o/0b, a leading 0 for octal, `_` between digits. */
export function parseGoInt(text: string): bigint | undefined {
  const match = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (!match || /__|_$/.test(match[2]) || /^[+-]?_/.test(match[2])) return undefined;
  let body = match[2].replace(/_/g, '');
  if (/^0[0-7]+$/.test(body)) body = '0o' + body.slice(1);
  else if (/^0[oO]$/.test(body)) return undefined;
  const magnitude = BigInt(body);
  const value = match[1] === '-' ? -magnitude : magnitude;
  return value === BigInt.asIntN(64, value) ? value : undefined;
}

/** cast.ToInt64: what Sprig's int64/add/sub/mul… apply to each operand. Unreadable → 0. */
export function toInt64(value: GoValue): bigint {
  switch (typeof value) {
    case 'bigint':
      return BigInt.asIntN(64, value);
    case 'number':
      return truncateFloat(value);
    case 'boolean':
      return value ? 1n : 0n;
    case 'string':
      return parseGoInt(trimZeroDecimal(value)) ?? 0n;
  }
  return 0n;
}

/** strconv.ParseFloat(text, 64) (Go syntax: no leading/trailing space, `_` only with a base prefix, inf/nan words). */
export function parseGoFloat(text: string): number | undefined {
  if (/^[+-]?(inf|infinity)$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(text)) return NaN;
  if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text)) return Number(text);
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?[0-9]+)$/.exec(text);
  if (hex && (hex[2] || hex[3])) {
    const mantissa = parseInt(hex[2] + hex[3] || '0', 16) / 16 ** hex[3].length;
    const value = mantissa * 2 ** Number(hex[4]);
    return hex[1] === '-' ? -value : value;
  }
  const integer = parseGoInt(text);
  return integer === undefined || !/^[+-]?0[xXbBoO]/.test(text) ? undefined : Number(integer);
}

/** cast.ToFloat64. Unreadable → 0. */
export function toFloat64(value: GoValue): number {
  switch (typeof value) {
    case 'number':
      return value;
    case 'bigint':
      return Number(value);
    case 'boolean':
      return value ? 1 : 0;
    case 'string':
      return parseGoFloat(value) ?? 0;
  }
  return 0;
}

/** Sprig's empty: nil, false, 0, "", and empty slices and maps; a struct is never empty. */
export function isEmpty(value: GoValue): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'boolean':
      return !value;
    case 'number':
      return value === 0;
    case 'bigint':
      return value === 0n;
    case 'string':
      return value.length === 0;
  }
  if (value instanceof Uint8Array || Array.isArray(value)) return value.length === 0;
  if (isGoMap(value)) return value.size === 0;
  return false;
}

/** A slice or array as reflect sees it (a []byte is a slice of uint8); undefined for anything else. */
export function sliceOf(value: GoValue): GoValue[] | undefined {
  if (Array.isArray(value)) return value;
  if (value instanceof Uint8Array) return Array.from(value, (byte) => BigInt(byte));
  return undefined;
}

/** reflect.DeepEqual (types must match: int 1 ≠ float64 1). */
export function deepEqual(a: GoValue, b: GoValue, depth = 0): boolean {
  if (a === b) return true;
  if (depth > 1000) throw new TemplateError('deepEqual: values nested too deeply (a cycle?)');
  if (a === null || b === null || typeof a !== typeof b) return false;
  if (typeof a === 'number') return a === b;
  if (a instanceof Uint8Array) return b instanceof Uint8Array && a.length === b.length && a.every((byte, i) => byte === b[i]);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i], depth + 1));
  if (isGoMap(a)) {
    if (!isGoMap(b) || a.size !== b.size) return false;
    for (const [key, item] of a) if (!b.has(key) || !deepEqual(item, b.get(key)!, depth + 1)) return false;
    return true;
  }
  if (a instanceof GoObject && b instanceof GoObject) {
    if (a.typeName !== b.typeName || a.fields.size !== b.fields.size) return false;
    for (const [key, item] of a.fields) if (!deepEqual(item, b.fields.get(key) ?? null, depth + 1)) return false;
    return true;
  }
  return false;
}

/** A deep copy of slices and maps (copystructure): the copy shares nothing mutable with the original. */
export function deepCopy(value: GoValue, depth = 0): GoValue {
  if (depth > 1000) throw new TemplateError('deepCopy: value nested too deeply (a cycle?)');
  if (Array.isArray(value)) return value.map((item) => deepCopy(item, depth + 1));
  if (value instanceof Uint8Array) return value.slice();
  if (isGoMap(value)) return new Map([...value].map(([key, item]) => [key, deepCopy(item, depth + 1)]));
  return value;
}

/** reflect.Kind's name for a value (Sprig's kindOf and its "Cannot … on type %s" errors). */
export function goKind(value: GoValue): string {
  if (value === null) return 'invalid';
  if (value instanceof Uint8Array || Array.isArray(value)) return 'slice';
  if (isGoMap(value)) return 'map';
  if (value instanceof GoObject) return value.typeName.startsWith('*') ? 'ptr' : 'struct';
  return goTypeName(value); // bool, float64, int, string: kind and type name agree
}
