/**
 * Go's own template functions (src/text/template/funcs.go): and, or, not, len, index, slice, eq, ne, lt, le,
 * gt, ge, print, printf, println, html, js, urlquery, call. Helm's table is these + Sprig + Helm's own.
 * `and`/`or` short-circuit in the evaluator; the entries here are used only for their arity and as a fallback.
 */
import { compareGoStrings, goTypeName, sprint, sprintf, sprintln } from '../functions/go-fmt';
import { isPrintableRune, utf8Bytes, utf8Text } from '../functions/go-strconv';
import type { FunctionEntry, FunctionTable } from '../functions/types';
import { type GoValue, isGoMap, TemplateError } from '../value';
import { GoComplex } from './complex';
import { ArgumentTypeError } from './errors';

/** Go's truth: false, 0, nil, and empty strings, slices and maps are false; structs are true. */
export function isTrue(value: GoValue): boolean {
  if (value === null) return false;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      return value !== 0;
    case 'bigint':
      return value !== 0n;
    case 'string':
      return value.length > 0;
  }
  if (value instanceof Uint8Array || Array.isArray(value)) return value.length > 0;
  if (isGoMap(value)) return value.size > 0;
  if (value instanceof GoComplex) return value.real !== 0 || value.imag !== 0;
  return true;
}

type BasicKind = 'bool' | 'int' | 'float' | 'string' | 'complex' | 'invalid' | 'other';

function basicKind(value: GoValue): BasicKind {
  if (value === null) return 'invalid';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
  }
  return value instanceof GoComplex ? 'complex' : 'other';
}

const BAD_COMPARISON = 'incompatible types for comparison';
const BAD_COMPARISON_TYPE = 'invalid type for comparison';

function eq(args: GoValue[]): boolean {
  const [first, ...others] = args;
  if (others.length === 0) throw new TemplateError('missing argument for comparison');
  const k1 = basicKind(first);
  for (const other of others) {
    const k2 = basicKind(other);
    let truth: boolean;
    if (k1 !== k2) {
      // Go's kinds differ: nil against a value is simply unequal; two real values of different kinds is an error.
      if (first !== null && other !== null && !(k1 === 'other' && k2 === 'other')) throw new TemplateError(BAD_COMPARISON);
      truth = false;
    } else if (k1 === 'complex') {
      const [a, b] = [first as GoComplex, other as GoComplex];
      truth = a.real === b.real && a.imag === b.imag;
    } else if (k1 === 'other') {
      // Maps and slices are only comparable with nil, which they never are here; structs by identity.
      const isStruct = (v: GoValue): boolean => !isGoMap(v) && !Array.isArray(v) && !(v instanceof Uint8Array);
      if (isStruct(first) && isStruct(other) && goTypeName(first) === goTypeName(other)) {
        if (first === other) return true;
        continue;
      }
      if (goTypeName(first) !== goTypeName(other)) throw new TemplateError(BAD_COMPARISON);
      throw new TemplateError(`non-comparable type ${sprint([other])}: ${goTypeName(other)}`);
    } else {
      truth = first === other;
    }
    if (truth) return true;
  }
  return false;
}

function lt(args: GoValue[]): boolean {
  const [a, b] = args;
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k1 === 'other' || k2 === 'invalid' || k2 === 'other') throw new TemplateError(BAD_COMPARISON_TYPE);
  if (k1 !== k2) throw new TemplateError(BAD_COMPARISON);
  if (k1 === 'bool' || k1 === 'complex') throw new TemplateError(BAD_COMPARISON_TYPE);
  if (k1 === 'string') return compareGoStrings(a as string, b as string) < 0;
  return (a as number | bigint) < (b as number | bigint);
}

function le(args: GoValue[]): boolean {
  return lt(args) || eq(args);
}

/** Go's indexArg: an integer within [0, cap]. */
function indexArgument(index: GoValue, cap: number): number {
  if (typeof index !== 'bigint') {
    if (index === null) throw new TemplateError('cannot index slice/array with nil');
    throw new TemplateError(`cannot index slice/array with type ${goTypeName(index)}`);
  }
  if (index < 0n || index > BigInt(cap)) throw new TemplateError(`index out of range: ${index}`);
  return Number(index);
}

function index(args: GoValue[]): GoValue {
  let item = args[0];
  if (item === null) throw new TemplateError('index of untyped nil');
  for (const key of args.slice(1)) {
    if (item === null) throw new TemplateError('index of nil pointer');
    if (typeof item === 'string' || item instanceof Uint8Array || Array.isArray(item)) {
      const bytes: Uint8Array | GoValue[] = typeof item === 'string' ? utf8Bytes(item) : item;
      const at = indexArgument(key, bytes.length);
      if (at >= bytes.length) throw new TemplateError(`reflect: slice index out of range`);
      item = Array.isArray(bytes) ? bytes[at] : BigInt(bytes[at]);
    } else if (isGoMap(item)) {
      if (typeof key !== 'string') {
        if (key === null) throw new TemplateError('value is nil; should be of type string');
        throw new TemplateError(`value has type ${goTypeName(key)}; should be string`);
      }
      item = item.get(key) ?? null;
    } else {
      throw new TemplateError(`can't index item of type ${goTypeName(item)}`);
    }
  }
  return item;
}

function slice(args: GoValue[]): GoValue {
  const [item, ...indexes] = args;
  if (item === null) throw new TemplateError('slice of untyped nil');
  if (indexes.length > 3) throw new TemplateError(`too many slice indexes: ${indexes.length}`);
  let length: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new TemplateError('cannot 3-index slice a string');
    length = /^[\x00-\x7f]*$/.test(item) ? item.length : utf8Bytes(item).length;
  } else if (Array.isArray(item) || item instanceof Uint8Array) {
    length = item.length;
  } else {
    throw new TemplateError(`can't slice item of type ${goTypeName(item)}`);
  }
  const bounds = [0, length, length];
  indexes.forEach((value, i) => (bounds[i] = indexArgument(value, length)));
  if (bounds[0] > bounds[1]) throw new TemplateError(`invalid slice index: ${bounds[0]} > ${bounds[1]}`);
  if (indexes.length === 3 && bounds[1] > bounds[2]) throw new TemplateError(`invalid slice index: ${bounds[1]} > ${bounds[2]}`);
  if (typeof item === 'string') {
    return length === item.length ? item.slice(bounds[0], bounds[1]) : utf8Text(utf8Bytes(item).slice(bounds[0], bounds[1]));
  }
  return item.slice(bounds[0], bounds[1]);
}

function length(args: GoValue[]): GoValue {
  const [item] = args;
  if (item === null) throw new TemplateError('len of nil pointer');
  if (typeof item === 'string') return BigInt(/^[\x00-\x7f]*$/.test(item) ? item.length : utf8Bytes(item).length);
  if (Array.isArray(item) || item instanceof Uint8Array) return BigInt(item.length);
  if (isGoMap(item)) return BigInt(item.size);
  throw new TemplateError(`len of type ${goTypeName(item)}`);
}

/** Go's evalArgs for html/js/urlquery: one string as is, anything else through Sprint (nil is `<no value>`). */
function argumentText(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((arg) => (arg === null ? '<no value>' : arg)));
}

const HTML_ESCAPES: Record<string, string> = { '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;', '\0': '\ufffd' };

function html(args: GoValue[]): string {
  return argumentText(args).replace(/["'&<>\0]/g, (c) => HTML_ESCAPES[c]);
}

const JS_ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D' };

function js(args: GoValue[]): string {
  let out = '';
  for (const rune of argumentText(args)) {
    const code = rune.codePointAt(0)!;
    if (rune in JS_ESCAPES) out += JS_ESCAPES[rune];
    else if (code < 0x20) out += '\\u00' + code.toString(16).toUpperCase().padStart(2, '0');
    else if (code >= 0x80 && !isPrintableRune(rune)) out += '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
    else out += rune;
  }
  return out;
}

/** url.QueryEscape. */
function urlquery(args: GoValue[]): string {
  let out = '';
  for (const byte of utf8Bytes(argumentText(args))) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function printf(args: GoValue[]): string {
  const [format, ...rest] = args;
  if (typeof format !== 'string') {
    throw new ArgumentTypeError(format === null ? 'invalid value; expected string' : `wrong type for value; expected string; got ${goTypeName(format)}`);
  }
  return sprintf(format, rest);
}

function call(args: GoValue[]): GoValue {
  const [fn] = args;
  if (fn === null) throw new TemplateError('call of nil');
  // The value model has no function values: whatever was passed cannot be called.
  throw new TemplateError(`non-function of type ${goTypeName(fn)}`);
}

/** The `and`/`or` of Go without short-circuit (the evaluator short-circuits; this is the plain call). */
function andOr(isOr: boolean) {
  return (args: GoValue[]): GoValue => {
    for (const arg of args) if (isTrue(arg) === isOr) return arg;
    return args[args.length - 1];
  };
}

const VARIADIC = Infinity;

function entry(fn: (args: GoValue[]) => GoValue, min: number, max: number, keepsOrigin = false): FunctionEntry {
  // One shape for every entry, as the library's `entry` (the evaluator's reads stay monomorphic).
  return { fn, arity: [min, max], keepsOrigin };
}

export const AND = entry(andOr(false), 1, VARIADIC, true);
export const OR = entry(andOr(true), 1, VARIADIC, true);

/** Go's builtins as a function table. */
export const GO_BUILTINS: FunctionTable = new Map<string, FunctionEntry>([
  ['and', AND],
  ['or', OR],
  ['not', entry((args) => !isTrue(args[0]), 1, 1)],
  ['len', entry(length, 1, 1)],
  ['index', entry(index, 1, VARIADIC, true)],
  ['slice', entry(slice, 1, VARIADIC)],
  ['eq', entry(eq, 1, VARIADIC)],
  ['ne', entry((args) => !eq(args), 2, 2)],
  ['lt', entry(lt, 2, 2)],
  ['le', entry(le, 2, 2)],
  ['gt', entry((args) => !le(args), 2, 2)],
  ['ge', entry((args) => !lt(args), 2, 2)],
  ['print', entry((args) => sprint(args), 0, VARIADIC)],
  ['printf', entry(printf, 1, VARIADIC)],
  ['println', entry((args) => sprintln(args), 0, VARIADIC)],
  ['html', entry(html, 0, VARIADIC)],
  ['js', entry(js, 0, VARIADIC)],
  ['urlquery', entry(urlquery, 0, VARIADIC)],
  ['call', entry(call, 1, VARIADIC)],
]);
