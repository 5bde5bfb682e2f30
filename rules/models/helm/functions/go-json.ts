import { GoObject, type GoValue, isGoMap, TemplateError } from '../value';
import { compareGoStrings } from './go-fmt';
import { formatFloat } from './go-strconv';

/**
 * Go's encoding/json for GoValues: map keys sorted, floats as Go prints them (`1e+21`, `1e-7`), strings with
 * Go's escapes (`<`, `>`, `&` as \u003c… unless HTML escaping is off), []byte as base64, structs by field.
 * Decoding turns every number into a float64, as Helm's fromJson does.
 */

/** json.Marshal's float64: shortest 'f' between 1e-6 and 1e21, else 'e' with a two-digit exponent trimmed. */
export function jsonFloat(value: number): string {
  if (!Number.isFinite(value)) throw new TemplateError(`json: unsupported value: ${formatFloat(value, 'g', -1)}`);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return formatFloat(value, 'e', -1).replace(/e([+-])0(\d)$/, 'e$1$2');
  return formatFloat(value, 'f', -1);
}

const plainJson = /^[^"\\\u0000-\u001f<>&\u2028\u2029\ud800-\udfff]*$/;

function jsonString(text: string, escapeHTML: boolean): string {
  if (plainJson.test(text)) return '"' + text + '"';
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === '\\') out += '\\' + char;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else if (code < 0x20 || (escapeHTML && (char === '<' || char === '>' || char === '&')) || code === 0x2028 || code === 0x2029) {
      out += '\\u' + code.toString(16).padStart(4, '0');
    } else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd';
    else out += char;
  }
  return out + '"';
}

/** A struct field's JSON name when the Go struct's tags are unknown: Go's camelCase convention (`APIVersion` → `apiVersion`). */
export function jsonFieldName(field: string): string {
  const leadingUpper = /^[A-Z]+/.exec(field)?.[0] ?? '';
  if (leadingUpper.length <= 1) return field.slice(0, 1).toLowerCase() + field.slice(1);
  const keep = leadingUpper.length === field.length ? leadingUpper.length : leadingUpper.length - 1;
  return field.slice(0, keep).toLowerCase() + field.slice(keep);
}

/** A struct as the JSON encoder sees it: named fields, empty ones left out (Helm's structs tag them omitempty). */
export function structFields(object: GoObject): [string, GoValue][] {
  const out: [string, GoValue][] = [];
  for (const [name, value] of object.fields) {
    const empty = value === null || value === '' || value === false || value === 0 || value === 0n || (Array.isArray(value) && value.length === 0) || (isGoMap(value) && value.size === 0);
    if (!empty) out.push([jsonFieldName(name), value]);
  }
  return out;
}

interface JsonOptions {
  escapeHTML: boolean;
  /** MarshalIndent's indent; undefined for compact output. */
  indent?: string;
}

function encode(value: GoValue, options: JsonOptions, prefix: string, depth: number): string {
  if (depth > 1000) throw new TemplateError('json: unsupported value: encountered a cycle or too deep a value');
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return jsonFloat(value);
    case 'bigint':
      return value.toString();
    case 'string':
      return jsonString(value, options.escapeHTML);
  }
  if (value instanceof Uint8Array) return '"' + Buffer.from(value).toString('base64') + '"';
  let entries: [string | undefined, GoValue][];
  let open: string;
  let close: string;
  if (Array.isArray(value)) {
    entries = value.map((item) => [undefined, item]);
    [open, close] = ['[', ']'];
  } else if (isGoMap(value)) {
    entries = [...value.keys()].sort(compareGoStrings).map((key) => [key, value.get(key)!]);
    [open, close] = ['{', '}'];
  } else {
    entries = structFields(value as GoObject);
    [open, close] = ['{', '}'];
  }
  if (entries.length === 0) return open + close;
  const inner = options.indent === undefined ? '' : prefix + options.indent;
  const items = entries.map(([key, item]) => {
    const keyText = key === undefined ? '' : jsonString(key, options.escapeHTML) + (options.indent === undefined ? ':' : ': ');
    return (options.indent === undefined ? '' : '\n' + inner) + keyText + encode(item, options, inner, depth + 1);
  });
  return open + items.join(',') + (options.indent === undefined ? '' : '\n' + prefix) + close;
}

/** json.Marshal (escapeHTML true) or an Encoder with SetEscapeHTML(false); `indent` for MarshalIndent. */
export function toJsonText(value: GoValue, options: JsonOptions = { escapeHTML: true }): string {
  return encode(value, options, '', 0);
}

function fromJs(value: unknown): GoValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(fromJs);
  const map = new Map<string, GoValue>();
  for (const [key, item] of Object.entries(value as object)) map.set(key, fromJs(item));
  return map;
}

function goSyntaxError(error: unknown, text: string): TemplateError {
  const message = error instanceof Error ? error.message : String(error);
  if (/end of (JSON )?input|Unterminated/i.test(message) || text.trim() === '') return new TemplateError('unexpected end of JSON input');
  const position = /position (\d+)/.exec(message);
  const char = position ? text[Number(position[1])] : /token '?(.)/.exec(message)?.[1];
  return new TemplateError(`invalid character '${char ?? '?'}' looking for beginning of value`);
}

/** json.Unmarshal into interface{} (numbers become float64). */
export function parseJson(text: string): GoValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw goSyntaxError(error, text);
  }
  return fromJs(parsed);
}

/** The JSON kind Go names in "cannot unmarshal <kind> into Go value of type …". */
export function jsonKind(value: GoValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (isGoMap(value)) return 'object';
  return typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'bool' : 'string';
}
