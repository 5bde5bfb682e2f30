import type { OutputSpan, SourceLocation, TracedText } from '../helm/source-map';
import { escapeCodePoint, isBreak as isBreakChar, needsEscape } from '../go-yaml-scalars';
import { ASTRAL_PRINTABLE, compareKeys, formatNumber, isSimpleKey, stringStyle } from './go-yaml-scalar';
import type { NodeOrigin } from './origin';
import type { KNode, KScalar } from './tree';

/** go-yaml v2 folds plain and quoted scalars at spaces past this column. */
const BEST_WIDTH = 80;

/**
 * Prints documents the way `kustomize build` does (each resource through JSON and go-yaml v2: sorted keys,
 * two-space indent, lists at their key's column, folding past 80 columns, `---` between documents) and
 * records, for every character, the tree node that wrote it: the source map of the build output.
 */
export function printDocuments(documents: readonly KNode[], callers: readonly (readonly SourceLocation[])[] = []): TracedText {
  const writer = new Writer();
  documents.forEach((document, index) => {
    writer.callers = callers[index] ?? [];
    if (index > 0) {
      writer.origin = document.origin;
      writer.raw('---\n');
    }
    writer.startDocument(document.origin);
    emitNode(writer, document, -1, { mapping: false, simpleKey: false });
    if (writer.column !== 0) writer.raw('\n');
  });
  return writer.finish();
}

interface Context {
  mapping: boolean;
  simpleKey: boolean;
}

function emitNode(writer: Writer, node: KNode, indent: number, context: Context): void {
  if (node.kind === 'map') {
    if (node.entries.length === 0) return writer.flowEmpty('{}', node.origin);
    const entries = [...node.entries].sort((a, b) => compareKeys(a.key, b.key));
    const mapIndent = indent < 0 ? 0 : indent + 2;
    for (const entry of entries) {
      writer.origin = node.origin;
      writer.writeIndent(mapIndent);
      const key: KScalar = { kind: 'scalar', value: entry.key, origin: entry.keyOrigin ?? node.origin };
      if (isSimpleKey(entry.key)) {
        emitScalar(writer, key, mapIndent, true);
        writer.origin = node.origin;
        writer.indicator(':', false, false, false);
      } else {
        writer.indicator('?', true, false, true);
        emitScalar(writer, key, mapIndent, false);
        writer.origin = node.origin;
        writer.writeIndent(mapIndent);
        writer.indicator(':', true, false, true);
      }
      emitNode(writer, entry.value, mapIndent, { mapping: true, simpleKey: false });
    }
    return;
  }
  if (node.kind === 'seq') {
    if (node.items.length === 0) return writer.flowEmpty('[]', node.origin);
    const indentless = context.mapping && !writer.indention;
    const seqIndent = indent < 0 ? 0 : indentless ? indent : indent + 2;
    for (const item of node.items) {
      writer.origin = node.origin;
      writer.writeIndent(seqIndent);
      writer.indicator('-', true, false, true);
      emitNode(writer, item, seqIndent, { mapping: false, simpleKey: false });
    }
    return;
  }
  emitScalar(writer, node, indent, context.simpleKey);
}

function emitScalar(writer: Writer, node: KScalar, indent: number, simpleKey: boolean): void {
  const scalarIndent = indent < 0 ? 2 : indent + 2;
  writer.origin = node.origin ?? writer.origin;
  const value = node.value;
  if (value === null) return writer.plain('null', scalarIndent, false);
  if (typeof value === 'boolean') return writer.plain(String(value), scalarIndent, false);
  if (typeof value === 'number') return writer.plain(formatNumber(value), scalarIndent, false);
  const style = stringStyle(value, simpleKey);
  if (style === 'plain') writer.plain(value, scalarIndent, !simpleKey);
  else if (style === 'single') writer.singleQuoted(value, scalarIndent, !simpleKey);
  else if (style === 'double') writer.doubleQuoted(value, scalarIndent, !simpleKey);
  else writer.literal(value, scalarIndent);
}

const NO_SOURCE: SourceLocation = { file: '', start: 0, end: 0 };

/** The emitter's output state (column, whitespace, indention) as go-yaml keeps it, plus the span recorder. */
class Writer {
  /** The text written so far, in pieces joined once at the end (appending to one string makes a rope to flatten). */
  private readonly pieces: string[] = [];
  private length = 0;
  column = 0;
  whitespace = true;
  indention = true;
  origin: NodeOrigin | undefined;
  private spans: OutputSpan[] = [];
  private lastSource: SourceLocation | undefined;
  /** The kustomization entries that included the document being written, outermost first. */
  callers: readonly SourceLocation[] = [];
  private documentOrigin: SourceLocation | undefined;

  startDocument(origin: SourceLocation | undefined): void {
    this.documentOrigin = origin;
    this.whitespace = true;
    this.indention = true;
  }

  /** Extends the last span when the same node writes on, else starts a span for the current node. */
  private record(start: number): void {
    const source = this.origin ?? this.documentOrigin ?? NO_SOURCE;
    const last = this.spans[this.spans.length - 1];
    if (last && last.end === start && this.lastSource === source && last.callers === this.callers) {
      last.end = this.length;
      return;
    }
    this.lastSource = source;
    const kind = (source as NodeOrigin).writer === 'field' || (source as NodeOrigin).writer === 'generator' ? 'action' : 'text';
    this.spans.push({ start, end: this.length, kind, source: { file: source.file, start: source.start, end: source.end }, callers: this.callers as SourceLocation[] });
  }

  finish(): TracedText {
    return { text: this.pieces.join(''), spans: this.spans };
  }

  private append(text: string): number {
    const start = this.length;
    this.pieces.push(text);
    this.length += text.length;
    return start;
  }

  /** Appends text that is not a scalar's content (document separators). */
  raw(text: string): void {
    const start = this.append(text);
    this.column = text.endsWith('\n') ? 0 : this.column + Array.from(text).length;
    this.record(start);
  }

  private put(c: string): void {
    const start = this.append(c);
    this.column = c === '\n' ? 0 : this.column + 1;
    this.record(start);
  }

  /** `put` of each character of `run` (no line break in it), in one append: the same text, column and spans. */
  private putRun(run: string): void {
    const start = this.append(run);
    this.column += codePoints(run);
    this.record(start);
  }

  private putBreak(): void {
    this.put('\n');
  }

  writeIndent(indent: number): void {
    const target = Math.max(indent, 0);
    if (!this.indention || this.column > target || (this.column === target && !this.whitespace)) this.putBreak();
    if (this.column < target) this.putRun(' '.repeat(target - this.column));
    this.whitespace = true;
    this.indention = true;
  }

  indicator(text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    for (const c of text) this.put(c);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  flowEmpty(text: string, origin: NodeOrigin | undefined): void {
    this.origin = origin ?? this.origin;
    this.indicator(text[0], true, true, false);
    this.indicator(text[1], false, false, false);
  }

  plain(value: string, indent: number, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    let spaces = false;
    for (let i = 0; i < value.length; ) {
      if (value[i] === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && value[i + 1] !== ' ') this.writeIndent(indent);
        else this.put(' ');
        spaces = true;
        i++;
      } else if (value[i] === '\n') {
        this.put('\n');
        this.indention = false;
        spaces = false;
        i++;
      } else {
        // A word: only a space can fold the line, so the characters up to the next one go out together.
        const end = runEnd(value, i);
        this.putRun(value.slice(i, end));
        this.indention = false;
        spaces = false;
        i = end;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  singleQuoted(value: string, indent: number, allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    const chars = Array.from(value);
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') this.writeIndent(indent);
        else this.put(c);
        spaces = true;
      } else {
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
      }
    }
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  doubleQuoted(value: string, indent: number, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    const chars = Array.from(value);
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      const code = c.codePointAt(0) ?? 0;
      if (needsEscape(c, ASTRAL_PRINTABLE)) {
        for (const e of escapeCodePoint(code)) this.put(e);
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.writeIndent(indent);
          if (chars[i + 1] === ' ') this.put('\\');
        } else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  literal(value: string, indent: number): void {
    this.indicator('|', true, false, false);
    if (value.startsWith(' ') || isBreakChar(value[0] ?? '')) this.indicator('2', false, false, false);
    const chars = Array.from(value);
    const last = chars[chars.length - 1];
    let chomp = '';
    if (chars.length === 0 || !isBreakChar(last)) chomp = '-';
    else if (chars.length === 1 || isBreakChar(chars[chars.length - 2])) chomp = '+';
    if (chomp) this.indicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreakChar(c)) {
        this.put(c === '\n' ? '\n' : c);
        this.column = 0;
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent(indent);
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

/** Where the run of characters from `start` ends: at the next space or line feed, or the end. */
function runEnd(value: string, start: number): number {
  let end = start + 1;
  while (end < value.length && value[end] !== ' ' && value[end] !== '\n') end++;
  return end;
}

/** How many characters go-yaml counts in `text` (code points: `Array.from`'s elements, a lone surrogate one). */
function codePoints(text: string): number {
  return /[\uD800-\uDFFF]/.test(text) ? Array.from(text).length : text.length;
}
