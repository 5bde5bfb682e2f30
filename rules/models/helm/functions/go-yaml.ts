import { parseDocument } from 'yaml';
import { GoObject, type GoValue, isGoMap, TemplateError } from '../value';
import { jsonFloat, structFields } from './go-json';
import { formatFloat } from './go-strconv';
import { deepCopy, parseGoInt } from './go-values';
import { emitYaml, type YamlNode } from './yaml-emitter';

/**
 * YAML as Helm reads and writes it through sigs.k8s.io/yaml:
 *
 * - toYaml = json.Marshal, then the JSON re-read by go-yaml v2 and written back: so numbers are what their JSON text
 *   resolves to (an integral float64 prints as an integer, 1e+21 stays a float), keys come out in go-yaml's
 *   "natural" order (digit runs compared as numbers), and strings are quoted when YAML 1.1 would read them as
 *   something else (`"true"`, `"yes"`, `"1.0"`, `"2024-01-01"`, `"12:30"`).
 * - toYamlPretty = go-yaml v3's encoder on the Go value directly (floats in Go's %v form, sequences indented).
 * - fromYaml = YAML 1.1 (yes/no booleans, 0777 octal) converted to JSON and decoded: every number a float64.
 */

const yaml11Words = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '~', 'null', 'Null', 'NULL', '',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);

const yamlFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const base60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const timestamp = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]*)?(Z|[-+][0-9]{1,2}(:[0-9]{2})?)?)?$/;

const yaml11Int = /^[+-]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[0-9]+)$/;
const underscores = /_/g;
const DOT = 0x2e;
const MINUS = 0x2d;
const PLUS = 0x2b;

/** go-yaml v2's resolve(): would this text, written plain, read back as something other than this string? */
export function yaml11NeedsQuotes(text: string): boolean {
  // Only the words above and number-like texts resolve to something else; most strings start otherwise.
  if (text !== '' && !'-+.0123456789yYnNtTfFoO~<'.includes(text[0])) return false;
  if (yaml11Words.has(text)) return true;
  // Characters compared, not regular expression literals (each one a new RegExp object, for every string toYaml writes).
  const first = text.charCodeAt(0);
  if (first === DOT) return isAsciiDigit(text.charCodeAt(1)) && yamlFloat.test(text);
  if (first !== MINUS && first !== PLUS && !isAsciiDigit(first)) return false;
  if (isAsciiDigit(first) && timestamp.test(text)) return true;
  const plain = text.includes('_') ? text.replace(underscores, '') : text;
  if (parseGoInt(plain) !== undefined || yaml11Int.test(plain)) return true;
  if (yamlFloat.test(plain)) return true;
  return base60.test(text);
}

const yaml12Words = new Set(['~', 'null', 'Null', 'NULL', '', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<']);
const oldBools = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);

/** go-yaml v3's resolver plus its isOldBool quoting (it still quotes `yes`/`no` for YAML 1.1 readers). */
function yaml12NeedsQuotes(text: string): boolean {
  if (yaml12Words.has(text) || oldBools.has(text)) return true;
  if (/^[-+]?(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*)$/.test(text)) return true;
  if (yamlFloat.test(text.replace(/_/g, ''))) return true;
  return timestamp.test(text);
}

/** go-yaml's key order: digit runs compare as numbers, letters after other characters. */
export function compareYamlKeys(a: string, b: string): number {
  // Most keys differ first at two ASCII characters that are not digits: decided here without the rune arrays.
  const shorter = Math.min(a.length, b.length);
  let i = 0;
  while (i < shorter && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // One key a prefix of the other: the longer is greater on runes too (split surrogates included).
  if (i === shorter) return a.length - b.length;
  const left = a.charCodeAt(i);
  const right = b.charCodeAt(i);
  if (left < 0x80 && right < 0x80 && !isAsciiDigit(left) && !isAsciiDigit(right)) {
    const leftLetter = isAsciiLetter(left);
    if (leftLetter === isAsciiLetter(right)) return left - right;
    return leftLetter ? 1 : -1;
  }
  return compareKeyRunes(a, b);
}

const isAsciiDigit = (code: number) => code >= 0x30 && code <= 0x39;
const isAsciiLetter = (code: number) => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);

/** go-yaml's keyList.Less on runes (exported for the test that checks the shortcut above against it). */
export function compareKeyRunes(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  const isLetter = (c: string) => /^\p{L}$/u.test(c);
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  for (let i = 0; i < left.length && i < right.length; i++) {
    if (left[i] === right[i]) continue;
    const leftLetter = isLetter(left[i]);
    const rightLetter = isLetter(right[i]);
    if (leftLetter && rightLetter) return left[i].codePointAt(0)! - right[i].codePointAt(0)!;
    if (leftLetter || rightLetter) return leftLetter ? 1 : -1;
    let leftNumber = 0n;
    let rightNumber = 0n;
    if (left[i] === '0' || right[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(left[j]); j--) {
        if (left[j] !== '0') {
          leftNumber = 1n;
          rightNumber = 1n;
          break;
        }
      }
    }
    let li = i;
    let ri = i;
    for (; li < left.length && isDigit(left[li]); li++) leftNumber = leftNumber * 10n + BigInt(left[li]);
    for (; ri < right.length && isDigit(right[ri]); ri++) rightNumber = rightNumber * 10n + BigInt(right[ri]);
    if (leftNumber !== rightNumber) return leftNumber < rightNumber ? -1 : 1;
    if (li !== ri) return li - ri;
    return left[i].codePointAt(0)! - right[i].codePointAt(0)!;
  }
  return left.length - right.length;
}

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** A number after the JSON round trip: its JSON text, re-resolved by go-yaml (integer, or float as %v prints it). */
function jsonNumberScalar(json: string): string {
  if (/^-?[0-9]+$/.test(json)) {
    const value = BigInt(json);
    if (value >= -INT64_MAX - 1n && value <= UINT64_MAX) return value.toString();
  }
  return formatFloat(Number(json), 'g', -1);
}

const scalar = (text: string, string: boolean): YamlNode => ({ kind: 'scalar', text, string });
/**
 * One node for every null, true and false (the emitter never changes a node). Returning a constant also takes the
 * null path without a call: a call first reached there, with no type feedback yet, deoptimised `toNode`.
 */
const NULL_NODE = scalar('null', false);
const TRUE_NODE = scalar('true', false);
const FALSE_NODE = scalar('false', false);

function entriesOf(value: GoValue): [string, GoValue][] | undefined {
  if (isGoMap(value)) return [...value];
  if (value instanceof GoObject) return structFields(value);
  return undefined;
}

/**
 * GoValue → node. `number` writes a float64: through Helm's JSON round trip for toYaml (an integral float prints as
 * an integer), directly as go-yaml v3 does for toYamlPretty (Go's %v, `.inf`).
 */
function toNode(value: GoValue, number: (value: number) => string, depth: number): YamlNode {
  if (depth > 1000) throw new TemplateError('yaml: value nested too deeply');
  if (value === null) return NULL_NODE;
  switch (typeof value) {
    case 'boolean':
      return value ? TRUE_NODE : FALSE_NODE;
    case 'number':
      return scalar(number(value), false);
    case 'bigint':
      return scalar(value.toString(), false);
    case 'string':
      return scalar(value, true);
  }
  if (value instanceof Uint8Array) return scalar(Buffer.from(value).toString('base64'), true);
  if (Array.isArray(value)) return { kind: 'seq', items: value.map((item) => toNode(item, number, depth + 1)) };
  const entries = entriesOf(value) ?? [];
  return {
    kind: 'map',
    entries: entries.sort(([a], [b]) => compareYamlKeys(a, b)).map(([key, item]) => [scalar(key, true), toNode(item, number, depth + 1)]),
  };
}

/** A float64 after json.Marshal, as go-yaml v2 re-reads it. Throws for NaN and infinities, as json.Marshal does. */
const viaJson = (value: number) => jsonNumberScalar(jsonFloat(value));

function directFloat(value: number): string {
  const text = formatFloat(value, 'g', -1);
  return text === '+Inf' ? '.inf' : text === '-Inf' ? '-.inf' : text === 'NaN' ? '.nan' : text;
}

/** sigs.k8s.io/yaml.Marshal (with its trailing newline). */
export function marshalYaml(value: GoValue): string {
  return emitYaml(toNode(value, viaJson, 0), { indentlessSequences: true, width: 80, needsQuotes: yaml11NeedsQuotes });
}

/** go-yaml v3 Encoder with SetIndent(2). */
export function marshalYamlPretty(value: GoValue): string {
  return emitYaml(toNode(value, directFloat, 0), { indentlessSequences: false, width: Infinity, needsQuotes: yaml12NeedsQuotes });
}

/** A map key as sigs.k8s.io/yaml turns a YAML key into a JSON key. */
function keyText(key: unknown): string {
  if (key === null || key === undefined) return 'null';
  if (typeof key === 'number') return Number.isInteger(key) ? String(key) : formatFloat(key, 'g', -1);
  if (typeof key === 'string') return key;
  return String(key);
}

function fromJs(value: unknown, depth: number): GoValue {
  if (depth > 1000) throw new TemplateError('yaml: value nested too deeply');
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TemplateError(`json: unsupported value: ${formatFloat(value, 'g', -1)}`);
    return value;
  }
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map((item) => fromJs(item, depth + 1));
  if (value instanceof Map) {
    const map = new Map<string, GoValue>();
    for (const [key, item] of value) map.set(keyText(key), fromJs(item, depth + 1));
    return map;
  }
  if (value instanceof Set) return [...value].map((item) => fromJs(item, depth + 1));
  return String(value);
}

/** A text that failed to parse, by its message: a cached error object would keep its stack's frames (the renderer that called) alive. */
class ParseFailure {
  constructor(readonly message: string) {}
}

const parsedCache = new Map<string, GoValue | ParseFailure>();

/**
 * YAML (1.1, as go-yaml v2 reads it) → GoValue as Helm gets it after the JSON step: numbers are float64.
 * Charts parse the same include output again and again (`include "x" . | fromYaml`): parsing is pure, so the result
 * is remembered and each caller gets its own copy (templates may change maps with set/merge).
 */
export function parseYaml(text: string): GoValue {
  let parsed = parsedCache.get(text);
  if (parsed === undefined) {
    try {
      parsed = parseYamlText(text);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      parsed = new ParseFailure(error.message);
    }
    if (text.length <= 65_536) {
      if (parsedCache.size >= 256) parsedCache.clear();
      parsedCache.set(text, parsed);
    }
  }
  if (parsed instanceof ParseFailure) throw new TemplateError(parsed.message);
  return deepCopy(parsed);
}

function parseYamlText(text: string): GoValue {
  const document = parseDocument(text, {
    version: '1.1',
    merge: true,
    uniqueKeys: false,
    // go-yaml hands timestamps to interface{} as strings
    customTags: (tags) => tags.filter((tag) => typeof tag === 'object' && tag.tag !== 'tag:yaml.org,2002:timestamp'),
  });
  const error = document.errors[0];
  if (error) {
    const line = error.linePos?.[0].line;
    throw new TemplateError(`error converting YAML to JSON: yaml: ${line ? `line ${line}: ` : ''}${error.message.split('\n')[0]}`);
  }
  return fromJs(document.toJS({ mapAsMap: true, maxAliasCount: 100 }), 0);
}
