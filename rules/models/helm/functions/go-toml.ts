import { GoObject, type GoMap, type GoValue, isGoMap, TemplateError } from '../value';
import { compareGoStrings } from './go-fmt';
import { structFields } from './go-json';
import { formatFloat } from './go-strconv';

/**
 * TOML as Helm's toToml/fromToml see it (BurntSushi/toml): the encoder writes plain keys first, then tables, each
 * sorted, with nested keys indented two spaces a level; the decoder here reads the common subset — key/value
 * lines with bare, quoted and dotted keys, [tables], [[arrays of tables]], strings, integers (int64), floats, booleans,
 * arrays and inline tables. Dates and multi-line strings are not read (an error names the line).
 */

function tomlString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const escapes: Record<string, string> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '"': '\\"', '\\': '\\\\' };
    if (escapes[char]) out += escapes[char];
    else if (code < 0x20 || code === 0x7f) out += '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
    else out += char;
  }
  return out + '"';
}

const bareKey = /^[A-Za-z0-9_-]+$/;
const keyText = (key: string) => (bareKey.test(key) ? key : tomlString(key));

function tableEntries(value: GoValue): [string, GoValue][] | undefined {
  if (isGoMap(value)) return [...value];
  if (value instanceof GoObject) return structFields(value);
  return undefined;
}

const isTable = (value: GoValue) => tableEntries(value) !== undefined;
const isTableArray = (value: GoValue) => Array.isArray(value) && value.length > 0 && value.every(isTable);

function scalarText(value: GoValue): string {
  switch (typeof value) {
    case 'boolean':
      return String(value);
    case 'bigint':
      return value.toString();
    case 'number': {
      if (Number.isNaN(value)) return 'nan';
      if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
      const text = formatFloat(value, 'f', -1);
      return text.includes('.') ? text : text + '.0';
    }
    case 'string':
      return tomlString(value);
  }
  if (value instanceof Uint8Array) return tomlString(Buffer.from(value).toString());
  if (Array.isArray(value)) return '[' + value.filter((item) => item !== null).map(scalarText).join(', ') + ']';
  const entries = tableEntries(value) ?? [];
  return '{' + entries.filter(([, item]) => item !== null).map(([key, item]) => `${keyText(key)} = ${scalarText(item)}`).join(', ') + '}';
}

class TomlWriter {
  out = '';

  private newline(): void {
    if (this.out !== '') this.out += '\n';
  }

  table(path: string[], entries: [string, GoValue][]): void {
    const sorted = entries.filter(([, value]) => value !== null).sort(([a], [b]) => compareGoStrings(a, b));
    const indent = '  '.repeat(path.length);
    for (const [key, value] of sorted) {
      if (isTable(value) || isTableArray(value)) continue;
      this.out += `${indent}${keyText(key)} = ${scalarText(value)}\n`;
    }
    for (const [key, value] of sorted) {
      const child = [...path, key];
      const header = child.map(keyText).join('.');
      if (isTableArray(value)) {
        for (const item of value as GoValue[]) {
          this.newline();
          this.out += `${indent}[[${header}]]\n`;
          this.table(child, tableEntries(item)!);
        }
      } else if (isTable(value)) {
        if (path.length === 0) this.newline();
        this.out += `${indent}[${header}]\n`;
        this.table(child, tableEntries(value)!);
      }
    }
  }
}

/** toml.NewEncoder(w).Encode(v): only a map or struct can be a TOML document. */
export function marshalToml(value: GoValue): string {
  const entries = tableEntries(value);
  if (!entries) throw new TemplateError('toml: top-level values must be Go maps or structs');
  const writer = new TomlWriter();
  writer.table([], entries);
  return writer.out;
}

// ---- decoding

class TomlReader {
  private pos = 0;
  private line = 1;
  readonly root: GoMap = new Map();

  constructor(private readonly text: string) {}

  private fail(message: string): never {
    throw new TemplateError(`toml: line ${this.line}: ${message}`);
  }

  private skipSpace(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  private skipLine(): void {
    this.skipSpace();
    if (this.text[this.pos] === '#') while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
    if (this.text[this.pos] === '\r') this.pos++;
    if (this.pos < this.text.length && this.text[this.pos] !== '\n') this.fail(`expected a top-level item to end with a newline, comment, or EOF, but got '${this.text[this.pos]}' instead`);
    if (this.text[this.pos] === '\n') {
      this.pos++;
      this.line++;
    }
  }

  private key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === '"' || c === "'") parts.push(this.stringValue());
      else {
        const match = /^[A-Za-z0-9_-]+/.exec(this.text.slice(this.pos));
        if (!match) this.fail(this.pos >= this.text.length ? "unexpected EOF; expected key separator '='" : `bare keys cannot contain '${c}'`);
        parts.push(match[0]);
        this.pos += match[0].length;
      }
      this.skipSpace();
      if (this.text[this.pos] !== '.') return parts;
      this.pos++;
    }
  }

  private stringValue(): string {
    const quote = this.text[this.pos++];
    let out = '';
    while (this.pos < this.text.length && this.text[this.pos] !== quote) {
      const c = this.text[this.pos++];
      if (c === '\n') this.fail('strings cannot contain newlines');
      if (c === '\\' && quote === '"') {
        const e = this.text[this.pos++];
        const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
        if (simple[e]) out += simple[e];
        else if (e === 'u' || e === 'U') {
          const length = e === 'u' ? 4 : 8;
          out += String.fromCodePoint(parseInt(this.text.slice(this.pos, this.pos + length), 16));
          this.pos += length;
        } else this.fail(`invalid escape character '${e}'`);
      } else out += c;
    }
    if (this.text[this.pos] !== quote) this.fail('unexpected EOF; expected end of string');
    this.pos++;
    return out;
  }

  private value(): GoValue {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '"' || c === "'") return this.stringValue();
    if (c === '[') {
      this.pos++;
      const items: GoValue[] = [];
      for (;;) {
        while (/[\s]/.test(this.text[this.pos] ?? '')) if (this.text[this.pos++] === '\n') this.line++;
        if (this.text[this.pos] === ']') break;
        items.push(this.value());
        while (/[\s]/.test(this.text[this.pos] ?? '')) if (this.text[this.pos++] === '\n') this.line++;
        if (this.text[this.pos] === ',') this.pos++;
        else if (this.text[this.pos] !== ']') this.fail('expected a comma or array terminator');
      }
      this.pos++;
      return items;
    }
    if (c === '{') {
      this.pos++;
      const table: GoMap = new Map();
      this.skipSpace();
      while (this.text[this.pos] !== '}') {
        const key = this.key();
        if (this.text[this.pos++] !== '=') this.fail("expected key separator '='");
        this.assign(table, key, this.value());
        this.skipSpace();
        if (this.text[this.pos] === ',') this.pos++;
        this.skipSpace();
        if (this.pos >= this.text.length) this.fail('unexpected EOF; expected inline table terminator');
      }
      this.pos++;
      return table;
    }
    const match = /^[^\s,\]}#]+/.exec(this.text.slice(this.pos));
    if (!match) this.fail('unexpected EOF; expected a value');
    this.pos += match[0].length;
    const word = match[0];
    if (word === 'true' || word === 'false') return word === 'true';
    if (/^[+-]?(0|[1-9](_?[0-9])*)$/.test(word)) return BigInt(word.replace(/_/g, ''));
    if (/^0x[0-9a-fA-F_]+$|^0o[0-7_]+$|^0b[01_]+$/.test(word)) return BigInt(word.replace(/_/g, ''));
    if (/^[+-]?[0-9_]+(\.[0-9_]+)?([eE][+-]?[0-9_]+)?$/.test(word)) return Number(word.replace(/_/g, ''));
    if (/^[+-]?(inf|nan)$/.test(word)) return word.endsWith('nan') ? NaN : word.startsWith('-') ? -Infinity : Infinity;
    this.fail(`expected value but found '${word}' instead`);
  }

  private assign(table: GoMap, key: string[], value: GoValue): void {
    let target = table;
    for (const part of key.slice(0, -1)) target = this.child(target, part);
    const last = key[key.length - 1];
    if (target.has(last)) this.fail(`key '${key.join('.')}' has already been defined`);
    target.set(last, value);
  }

  private child(table: GoMap, key: string): GoMap {
    let next = table.get(key);
    if (next === undefined) {
      next = new Map();
      table.set(key, next);
    }
    if (Array.isArray(next)) next = next[next.length - 1];
    if (!isGoMap(next!)) this.fail(`key '${key}' is not a table`);
    return next as GoMap;
  }

  parse(): GoMap {
    let current = this.root;
    while (this.pos < this.text.length) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === '\n' || c === '\r' || c === '#') {
        this.skipLine();
        continue;
      }
      if (c === '[') {
        const array = this.text[this.pos + 1] === '[';
        this.pos += array ? 2 : 1;
        const key = this.key();
        if (this.text.slice(this.pos, this.pos + (array ? 2 : 1)) !== (array ? ']]' : ']')) this.fail('expected table header terminator');
        this.pos += array ? 2 : 1;
        let parent = this.root;
        for (const part of key.slice(0, -1)) parent = this.child(parent, part);
        const last = key[key.length - 1];
        if (array) {
          const list = (parent.get(last) as GoValue[] | undefined) ?? [];
          if (!Array.isArray(list)) this.fail(`key '${key.join('.')}' is not an array of tables`);
          current = new Map();
          list.push(current);
          parent.set(last, list);
        } else current = this.child(parent, last);
        this.skipLine();
        continue;
      }
      const key = this.key();
      if (this.text[this.pos] !== '=') this.fail(this.pos >= this.text.length ? "unexpected EOF; expected key separator '='" : `expected key separator '=', but got '${this.text[this.pos]}' instead`);
      this.pos++;
      this.assign(current, key, this.value());
      this.skipLine();
    }
    return this.root;
  }
}

/** toml.Unmarshal into map[string]interface{}. */
export function parseToml(text: string): GoMap {
  return new TomlReader(text).parse();
}
