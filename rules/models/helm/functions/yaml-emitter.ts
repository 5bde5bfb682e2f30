/**
 * The YAML text Helm's toYaml produces: go-yaml's emitter (the libyaml port) as sigs.k8s.io/yaml drives it —
 * block style, two-space indent, sequences not indented under their key (v2; v3's toYamlPretty indents them),
 * empty collections as `{}`/`[]`, strings plain when they would read back as the same string and otherwise
 * single- or double-quoted by the emitter's analysis, multi-line strings as `|` literals, and long plain or
 * quoted strings folded at spaces after column 80 (v2 only). Written from the emitter's documented behaviour;
 * the scalar analysis, style choice and escapes are shared with Kustomize's printer (../../go-yaml-scalars.ts).
 */
import { escapeCodePoint, isBreak, needsEscape, scalarStyle, type ScalarStyle } from '../../go-yaml-scalars';

/** A node ready to emit: scalars carry their text and whether they are strings (strings need quoting analysis). */
export type YamlNode =
  | { kind: 'scalar'; text: string; string: boolean }
  | { kind: 'map'; entries: [YamlNode, YamlNode][] }
  | { kind: 'seq'; items: YamlNode[] };

export interface EmitterOptions {
  /** go-yaml v2 (Helm's toYaml) writes sequences at their key's indent; v3 (toYamlPretty) indents them. */
  indentlessSequences: boolean;
  /** Column after which long scalars fold at a space: 80 in v2, unlimited in v3. */
  width: number;
  /** Whether a string would be read back as something else when written plain (resolver of that version). */
  needsQuotes: (text: string) => boolean;
}

/** Helm's go-yaml escapes characters beyond the BMP in double quotes (upstream is_printable rejects 4-byte UTF-8). */
const ASTRAL_PRINTABLE = false;

/** One regular expression object for every `put` (a literal in the method would be a new object each time). */
const HIGH_SURROGATE = /[\ud800-\udbff]/;

class Emitter {
  out = '';
  private column = 0;
  private indent = -1;
  private readonly indents: number[] = [];
  private whitespace = true;
  private indention = true;

  constructor(private readonly options: EmitterOptions) {}

  private put(text: string): void {
    this.out += text;
    // Columns count characters (code points), not UTF-16 units.
    this.column += text.length === 1 || !HIGH_SURROGATE.test(text) ? text.length : Array.from(text).length;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  /** A line break of the value itself (write_break): `\n` as a newline, other breaks copied. */
  private writeBreak(c: string): void {
    if (c === '\n') this.putBreak();
    else {
      this.put(c);
      this.column = 0;
    }
    this.indention = true;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? 2 : 0;
    else if (!indentless) this.indent += 2;
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** Emits a node; `mapping` = it is a mapping value, `simpleKey` = it is a mapping key. */
  node(node: YamlNode, mapping: boolean, simpleKey: boolean): void {
    if (node.kind === 'scalar') return this.scalar(node, simpleKey);
    const empty = node.kind === 'map' ? node.entries.length === 0 : node.items.length === 0;
    if (empty) {
      this.writeIndicator(node.kind === 'map' ? '{' : '[', true, true, false);
      this.writeIndicator(node.kind === 'map' ? '}' : ']', false, false, false);
      return;
    }
    if (node.kind === 'map') {
      this.increaseIndent(false, false);
      for (const [key, value] of node.entries) {
        this.writeIndent();
        this.node(key, false, true);
        this.writeIndicator(':', false, false, false);
        this.node(value, true, false);
      }
    } else {
      this.increaseIndent(false, this.options.indentlessSequences && mapping && !this.indention);
      for (const item of node.items) {
        this.writeIndent();
        this.writeIndicator('-', true, false, true);
        this.node(item, false, false);
      }
    }
    this.popIndent();
  }

  private style(node: { text: string; string: boolean }, simpleKey: boolean): ScalarStyle {
    return scalarStyle(node.text, { isString: node.string, simpleKey, needsQuotes: this.options.needsQuotes, astralPrintable: ASTRAL_PRINTABLE });
  }

  private scalar(node: { text: string; string: boolean }, simpleKey: boolean): void {
    const style = this.style(node, simpleKey);
    this.increaseIndent(true, false);
    const allowBreaks = !simpleKey;
    if (style === 'plain') this.plain(node.text, allowBreaks);
    else if (style === 'single') this.single(node.text, allowBreaks);
    else if (style === 'double') this.double(node.text, allowBreaks);
    else this.literal(node.text);
    this.popIndent();
  }

  private foldsAt(allowBreaks: boolean, spaces: boolean): boolean {
    return allowBreaks && !spaces && this.column > this.options.width;
  }

  private plain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    if (!allowBreaks || !value.includes(' ') || this.column + value.length <= this.options.width) {
      // Nothing to fold (a value ending within the width never reaches a space past it): the whole value at once.
      this.put(value);
      this.whitespace = false;
      this.indention = false;
      return;
    }
    const chars = Array.from(value);
    let spaces = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        if (this.foldsAt(allowBreaks, spaces) && chars[i + 1] !== ' ') this.writeIndent();
        else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        this.indention = false;
        spaces = false;
      }
    });
    this.whitespace = false;
    this.indention = false;
  }

  private single(value: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    const chars = Array.from(value);
    let spaces = false;
    let breaks = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        if (this.foldsAt(allowBreaks, spaces) && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') this.writeIndent();
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        // A lone newline inside single quotes folds to a space: write an empty line to keep it.
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c === "'" ? "''" : c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    });
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private double(value: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    const chars = Array.from(value);
    let spaces = false;
    chars.forEach((c, i) => {
      if (needsEscape(c, ASTRAL_PRINTABLE)) {
        this.put(escapeCodePoint(c.codePointAt(0)!));
        spaces = false;
      } else if (c === ' ') {
        if (this.foldsAt(allowBreaks, spaces) && i > 0 && i < chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.put('\\');
        } else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    });
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private literal(value: string): void {
    this.writeIndicator('|', true, false, false);
    const chars = Array.from(value);
    if (chars[0] === ' ' || isBreak(chars[0])) this.writeIndicator('2', false, false, false);
    const last = chars[chars.length - 1];
    let chomp = '';
    if (chars.length === 0 || !isBreak(last)) chomp = '-';
    else if (chars.length === 1 || isBreak(chars[chars.length - 2])) chomp = '+';
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreak(c)) {
        this.writeBreak(c);
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }

  /** The document end: the emitter ends the last line. */
  finish(): string {
    this.writeIndent();
    return this.out;
  }
}

/** Emits one document (no `---`), ending with a newline, as yaml.Marshal does. */
export function emitYaml(root: YamlNode, options: EmitterOptions): string {
  const emitter = new Emitter(options);
  emitter.node(root, false, false);
  return emitter.finish();
}
