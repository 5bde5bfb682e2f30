import { goTypeName } from '../functions/go-fmt';
import { parseJson } from '../functions/go-json';
import type { GoMap, GoValue } from '../value';

/**
 * Helm's `--set` / `--set-string` / `--set-json` / `--set-file` parser (pkg/strvals): `a.b=c,d[0].e=f,list={x,y}`,
 * `\` escapes any character, and typing as Helm does it: `--set` gives `true`/`false` (any case) → bool, `null` →
 * nil (deletes a chart default), an integer without a leading zero → int64 (not float64 as in values files),
 * anything else (floats included) → string; `--set-string` keeps every value a string; `--set-json` reads each
 * value as one JSON value (numbers float64, an empty value nil); `--set-file` takes each value as a file path
 * and sets the file's text, which the caller's `readFile` supplies (the engine never reads files itself).
 */
export type SetKind = 'set' | 'string' | 'json' | 'file';

export class SetParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetParseError';
  }
}

const MAX_INDEX = 65536;
const MAX_NESTED_NAME_LEVEL = 30;

/**
 * Parses one expression into `dest` (mutated); `asString` true is `--set-string`, false `--set`. Throws
 * `SetParseError` with Helm's message (`readFile`'s own errors pass through for `--set-file`).
 */
export function parseSetInto(expression: string, dest: GoMap, asString: boolean | SetKind, readFile?: (path: string) => string): void {
  const kind: SetKind = asString === true ? 'string' : asString === false ? 'set' : asString;
  const parser = new SetParser(expression, kind, readFile ?? ((path) => { throw new SetParseError(`open ${path}: no such file or directory`); }));
  while (!parser.atEnd()) parser.key(dest, 0);
}

/** The file paths a `--set-file` expression names, in order (for the adapter to read before rendering). */
export function setFilePaths(expression: string): string[] {
  const paths: string[] = [];
  try {
    parseSetInto(expression, new Map(), 'file', (path) => (paths.push(path), ''));
  } catch {
    // a malformed expression: the render reports it
  }
  return paths;
}

class SetParser {
  private position = 0;
  private readonly chars: string[];

  constructor(text: string, private readonly kind: SetKind, private readonly readFile: (path: string) => string) {
    this.chars = [...text];
  }

  atEnd(): boolean {
    return this.position >= this.chars.length;
  }

  /** Reads up to (and consuming) one of `stop`; `last` is undefined at the end of input. */
  private until(stop: string): { text: string; last?: string } {
    let text = '';
    while (this.position < this.chars.length) {
      const char = this.chars[this.position++];
      if (stop.includes(char)) return { text, last: char };
      if (char === '\\') {
        if (this.position >= this.chars.length) return { text };
        text += this.chars[this.position++];
      } else {
        text += char;
      }
    }
    return { text };
  }

  key(data: GoMap, level: number): void {
    const { text: key, last } = this.until('=[,.');
    if (last === undefined) {
      if (key === '') return;
      throw new SetParseError(`key "${key}" has no value`);
    }
    if (last === '[') {
      const index = this.index();
      const existing = data.get(key);
      if (existing !== undefined && !Array.isArray(existing)) throw new SetParseError(`unable to parse key: interface conversion: interface {} is ${goTypeName(existing)}, not []interface {}`);
      setKey(data, key, this.listItem(existing ? [...existing] : [], index, level));
    } else if (last === '=') {
      setKey(data, key, this.kind === 'json' ? this.jsonValue() : this.value());
    } else if (last === ',') {
      setKey(data, key, '');
      throw new SetParseError(`key "${key}" has no value (cannot end with ,)`);
    } else {
      if (level + 1 > MAX_NESTED_NAME_LEVEL) throw new SetParseError(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`);
      const existing = data.get(key);
      if (existing !== undefined && !(existing instanceof Map)) throw new SetParseError(`unable to parse key: interface conversion: interface {} is ${goTypeName(existing)}, not map[string]interface {}`);
      const inner: GoMap = existing ?? new Map();
      this.key(inner, level + 1);
      if (inner.size === 0) throw new SetParseError(`key map "${key}" has no value`);
      setKey(data, key, inner);
    }
  }

  private index(): number {
    const { text, last } = this.until(']');
    if (last === undefined) throw new SetParseError('error parsing index: EOF');
    if (!/^[+-]?\d+$/.test(text)) throw new SetParseError(`error parsing index: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
    return Number(text);
  }

  private listItem(list: GoValue[], index: number, level: number): GoValue[] {
    if (index < 0) throw new SetParseError(`negative ${index} index not allowed`);
    const { text, last } = this.until('[.=');
    if (text.length > 0) throw new SetParseError(`unexpected data at end of array index: "${text}"`);
    if (last === undefined) throw new SetParseError('EOF');
    if (last === '=') return setIndex(list, index, this.kind === 'json' ? this.jsonValue() : this.value());
    if (last === '[') {
      const next = this.index();
      const existing = list[index];
      if (existing !== undefined && existing !== null && !Array.isArray(existing)) throw new SetParseError(`unable to parse key: interface conversion: interface {} is ${goTypeName(existing)}, not []interface {}`);
      return setIndex(list, index, this.listItem(existing ? [...existing] : [], next, level));
    }
    const existing = list[index];
    const inner: GoMap = existing instanceof Map ? existing : new Map();
    this.key(inner, level);
    return setIndex(list, index, inner);
  }

  /** After `=`: a `{a,b}` list or a single value up to the next `,`. */
  private value(): GoValue {
    if (this.atEnd()) return '';
    if (this.chars[this.position] === '{') {
      this.position++;
      const list: GoValue[] = [];
      for (;;) {
        const { text, last } = this.until(',}');
        if (last === undefined) throw new SetParseError("list must terminate with '}'");
        list.push(this.typed(text));
        if (last === '}') {
          if (this.chars[this.position] === ',') this.position++;
          return list;
        }
      }
    }
    return this.typed(this.until(',').text);
  }

  /**
   * `--set-json` after `=`: blanks, then nothing (up to `,` or the end: nil) or one JSON value, as Go's
   * json.Decoder reads it from the rest of the text; then blanks and one `,` are skipped.
   */
  private jsonValue(): GoValue {
    if (this.skipBlanksAndComma()) return null;
    const end = jsonValueEnd(this.chars, this.position);
    let value: GoValue;
    try {
      value = parseJson(this.chars.slice(this.position, end).join(''));
    } catch (error) {
      throw new SetParseError((error as Error).message);
    }
    this.position = end;
    this.skipBlanksAndComma();
    return value;
  }

  /** strvals' emptyVal: consumes blanks and one `,`; true at a `,` or the end (an empty value). */
  private skipBlanksAndComma(): boolean {
    while (this.position < this.chars.length) {
      const char = this.chars[this.position];
      if (char === ',') {
        this.position++;
        return true;
      }
      if (!/\s/u.test(char)) return false;
      this.position++;
    }
    return true;
  }

  private typed(text: string): GoValue {
    if (this.kind === 'file') return this.readFile(text);
    if (this.kind === 'string') return text;
    const lower = text.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (lower === 'null') return null;
    if (text === '0') return 0n;
    if (text.length > 0 && text[0] !== '0' && /^[+-]?\d+$/.test(text)) {
      const value = BigInt(text);
      if (value >= -(2n ** 63n) && value < 2n ** 63n) return value;
    }
    return text;
  }
}

function setKey(data: GoMap, key: string, value: GoValue): void {
  if (key.length > 0) data.set(key, value);
}

function setIndex(list: GoValue[], index: number, value: GoValue): GoValue[] {
  if (index > MAX_INDEX) throw new SetParseError(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`);
  while (list.length <= index) list.push(null);
  list[index] = value;
  return list;
}

/** Where the JSON value starting at `start` (after blanks) ends: a string, a bracketed value, or a literal. */
function jsonValueEnd(chars: readonly string[], start: number): number {
  let position = start;
  let depth = 0;
  let inString = false;
  for (; position < chars.length; position++) {
    const char = chars[position];
    if (inString) {
      if (char === '\\') position++;
      else if (char === '"') {
        inString = false;
        if (depth === 0) return position + 1;
      }
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth++;
    } else if (char === '}' || char === ']') {
      if (depth === 0) return position;
      if (--depth === 0) return position + 1;
    } else if (depth === 0 && (char === ',' || /\s/u.test(char))) {
      return position;
    }
  }
  return position;
}
