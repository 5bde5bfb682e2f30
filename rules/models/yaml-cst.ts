import { Composer, Document as YamlDocument, Lexer, Parser, YAMLParseError, parseDocument, type CST, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { composeYamlDocuments } from './yaml-compose';
import { lexYamlInto } from './yaml-lex';

/**
 * A CST stage of our own for the YAML that manifests are written in (issue 17: the `yaml` library's `Parser` is half of
 * its parse, most of it generator plumbing). It reads the lexemes of our lexer (yaml-lex.ts; yaml's public `Lexer`
 * where ours gives up) and builds, by recursive descent and without generators, the same CST tokens yaml's `Parser`
 * yields, so that yaml's `Composer` builds the same Documents from them. It covers block maps and sequences, plain, quoted and block scalars, comments, documents
 * and directives, simple flow collections, anchors, aliases and tags. On anything else (explicit `?` keys, keys
 * without a key, flow collections or block scalars as keys, compact nested maps, anything the Parser would report as
 * an error, a byte order mark, ...) it gives up: `buildCst` answers undefined and `parseCst` uses yaml's Parser for
 * that text. test/models/yaml-cst.test.ts holds it to the Parser's output.
 */

type SourceToken = CST.SourceToken;
type Item = CST.CollectionItem & { explicitKey?: true };
type Block = CST.BlockMap | CST.BlockSequence;
type Parent = CST.Document | Block | CST.FlowCollection;
type Node = CST.Token;

/** Thrown (one object, never caught outside this file) when the text leaves the subset. */
const GIVE_UP = { giveUp: true };

function giveUp(): never {
  throw GIVE_UP;
}

const SCALAR_MARK = '\u001f';
const DOC_MODE = '\u0002';

/** The lexeme's token type as yaml's `tokenType` names it; kinds outside the subset give up. */
function typeOf(lexeme: string): string {
  switch (lexeme) {
    case SCALAR_MARK:
      return 'scalar';
    case DOC_MODE:
      return 'doc-mode';
    case '---':
      return 'doc-start';
    case '...':
      return 'doc-end';
    case '':
    case '\n':
    case '\r\n':
      return 'newline';
    case '-':
      return 'seq-item-ind';
    case ':':
      return 'map-value-ind';
    case '{':
      return 'flow-map-start';
    case '}':
      return 'flow-map-end';
    case '[':
      return 'flow-seq-start';
    case ']':
      return 'flow-seq-end';
    case ',':
      return 'comma';
  }
  switch (lexeme[0]) {
    case ' ':
    case '\t':
      return 'space';
    case '#':
      return 'comment';
    case '%':
      return 'directive-line';
    case '*':
      return 'alias';
    case '&':
      return 'anchor';
    case '!':
      return 'tag';
    case "'":
      return 'single-quoted-scalar';
    case '"':
      return 'double-quoted-scalar';
    case '|':
    case '>':
      return 'block-scalar-header';
  }
  // `?` (explicit keys), the byte order mark, the flow-error mark and unknown lexemes.
  return giveUp();
}

function isEmptyType(type: string): boolean {
  return type === 'space' || type === 'comment' || type === 'newline';
}

function allEmpty(tokens: SourceToken[]): boolean {
  for (const token of tokens) if (!isEmptyType(token.type)) return false;
  return true;
}

function has(tokens: SourceToken[], type: string): boolean {
  for (const token of tokens) if (token.type === type) return true;
  return false;
}

function isFlowNode(node: Node | null | undefined): node is CST.FlowScalar | CST.FlowCollection {
  const type = node?.type;
  return type === 'scalar' || type === 'alias' || type === 'single-quoted-scalar' || type === 'double-quoted-scalar' || type === 'flow-collection';
}

/** The tokens of `props` from the last line break or indicator on (leading spaces skipped): a new key's own props. */
function takeKeyProps(props: SourceToken[]): SourceToken[] {
  let at = props.length - 1;
  while (at >= 0) {
    const type = props[at].type;
    if (type === 'doc-start' || type === 'map-value-ind' || type === 'seq-item-ind' || type === 'newline') break;
    at--;
  }
  at++;
  while (at < props.length && props[at].type === 'space') at++;
  return props.splice(at);
}

/** A flow sequence's entries are values: the key a pair-shaped entry got while reading becomes its value. */
function settleFlowSequence(collection: CST.FlowCollection): void {
  if (collection.start.source !== '[') return;
  for (const item of collection.items as Item[]) {
    if (!item.sep || item.value) continue;
    const sep = item.sep;
    if (item.key) item.value = item.key;
    delete item.key;
    delete item.sep;
    const value = item.value;
    if (isFlowNode(value)) {
      if (value.end) for (const token of sep) value.end.push(token);
      else value.end = sep;
    } else for (const token of sep) item.start.push(token);
  }
}

class CstBuilder {
  private readonly lexemes: string[];
  /** How many of `lexemes` are this text's (the array may be longer: see LEXEMES). */
  private readonly count: number;
  private next = 0;
  /** The current token: its type and source. */
  private type = '';
  private source = '';
  private offset = 0;
  private indent = 0;
  private atLineStart = true;
  private onKeyLine = false;

  constructor(lexemes: string[], count: number) {
    this.lexemes = lexemes;
    this.count = count;
    this.load();
  }

  private load(): void {
    if (this.next >= this.count) {
      this.type = 'eof';
      this.source = '';
      return;
    }
    const lexeme = this.lexemes[this.next];
    this.type = typeOf(lexeme);
    if (lexeme === SCALAR_MARK) {
      if (this.next + 1 >= this.count) giveUp();
      this.source = this.lexemes[this.next + 1];
    } else this.source = lexeme;
  }

  /** Moves past the current token (offset, indentation and line-start state as yaml's Parser counts them). */
  private advance(): void {
    const { type, source } = this;
    switch (type) {
      case 'scalar':
        this.atLineStart = false;
        this.offset += source.length;
        this.next += 2;
        this.load();
        return;
      case 'doc-mode':
        this.next++;
        this.load();
        return;
      case 'newline':
        this.atLineStart = true;
        this.indent = 0;
        break;
      case 'space':
        if (this.atLineStart && source.charCodeAt(0) === 32) this.indent += source.length;
        break;
      case 'map-value-ind':
      case 'seq-item-ind':
        if (this.atLineStart) this.indent += source.length;
        break;
      default:
        this.atLineStart = false;
    }
    this.offset += source.length;
    this.next++;
    this.load();
  }

  /** The current token as a CST source token, moving past it. */
  private take(): SourceToken {
    const token = { type: this.type, offset: this.offset, indent: this.indent, source: this.source } as SourceToken;
    this.advance();
    return token;
  }

  /**
   * Token lists built where their length is known once read: tokens are gathered here (`gather`, `gatherBlanks`)
   * and copied out as an array of their number (`gathered`). An array grown by `push` from empty or from one
   * token holds 16 or 17 (≈ 170 bytes where most lists hold one to three tokens), and each value's line end, each
   * pair's `:` and each sequence item's `-` make one.
   */
  private readonly gathering: SourceToken[] = [];
  private gatheringCount = 0;

  private gather(token: SourceToken): void {
    this.gathering[this.gatheringCount++] = token;
  }

  /** Gathers the blanks and comments from the current token up to and with a line break (`acrossLines`: and past it). */
  private gatherBlanks(acrossLines: boolean): void {
    for (;;) {
      const type = this.type;
      if (type === 'space' || type === 'comment') this.gather(this.take());
      else if (type === 'newline') {
        this.gather(this.take());
        if (!acrossLines) return;
      } else return;
    }
  }

  private gathered(): SourceToken[] {
    const tokens = this.gathering.slice(0, this.gatheringCount);
    this.gatheringCount = 0;
    return tokens;
  }

  /**
   * The current token (a sequence item's `-`, a pair's `:`, a block scalar's header) and the blanks and comments
   * after it across line breaks, after the tokens `before` it, as one list.
   */
  private takeWithBlanks(before: SourceToken[] | null = null): SourceToken[] {
    if (before) for (const token of before) this.gather(token);
    this.gather(this.take());
    this.gatherBlanks(true);
    return this.gathered();
  }

  stream(): Node[] {
    const out: Node[] = [];
    for (;;) {
      switch (this.type) {
        case 'eof':
          return out;
        case 'directive-line':
          out.push({ type: 'directive', offset: this.offset, source: this.source });
          this.advance();
          break;
        case 'space':
        case 'comment':
        case 'newline':
          out.push(this.take());
          break;
        case 'doc-mode':
        case 'doc-start':
          out.push(this.document());
          break;
        case 'doc-end':
          out.push(this.documentEnd());
          break;
        default:
          giveUp();
      }
    }
  }

  private documentEnd(): CST.DocumentEnd {
    const token: CST.DocumentEnd = { type: 'doc-end', offset: this.offset, source: this.source };
    this.advance();
    for (;;) {
      switch (this.type) {
        case 'eof':
          return token;
        case 'space':
        case 'comment':
          (token.end ??= []).push(this.take());
          break;
        case 'newline':
          (token.end ??= []).push(this.take());
          return token;
        default:
          giveUp();
      }
    }
  }

  private document(): CST.Document {
    const doc: CST.Document = { type: 'document', offset: this.offset, start: [] };
    if (this.type === 'doc-start') doc.start.push(this.take());
    else this.advance();
    for (;;) {
      const type = this.type;
      if (type === 'eof' || type === 'doc-end') return doc;
      if (type === 'doc-start') {
        if (!allEmpty(doc.start)) return doc;
        doc.start.push(this.take());
      } else if (type === 'anchor' || type === 'tag' || isEmptyType(type)) doc.start.push(this.take());
      else {
        const value = this.blockValue(doc);
        if (!value) giveUp();
        this.attach(doc, value);
        break;
      }
    }
    for (;;) {
      switch (this.type) {
        case 'eof':
        case 'doc-end':
        case 'doc-start':
          return doc;
        case 'space':
        case 'comment':
          (doc.end ??= []).push(this.take());
          break;
        case 'newline':
          this.onKeyLine = false;
          (doc.end ??= []).push(this.take());
          return doc;
        default:
          giveUp();
      }
    }
  }

  /** A value starting at the current token, read to its end; null when the token starts none. */
  private blockValue(parent: Parent): Node | null {
    switch (this.type) {
      case 'scalar':
      case 'alias':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        return this.flowScalarOrMap(this.take() as unknown as CST.FlowScalar, parent);
      case 'block-scalar-header':
        return this.blockScalar();
      case 'flow-map-start':
      case 'flow-seq-start':
        return this.flowCollection(parent);
      case 'seq-item-ind': {
        const offset = this.offset;
        const indent = this.indent;
        const seq: CST.BlockSequence = { type: 'block-seq', offset, indent, items: [{ start: this.takeWithBlanks() }] };
        return this.blockSequence(seq);
      }
      case 'map-value-ind':
        return giveUp();
    }
    return null;
  }

  /** A scalar in a value's place: the rest of its line, or the first key of a block map when a `:` follows. */
  private flowScalarOrMap(scalar: CST.FlowScalar, parent: Parent): Node {
    for (;;) {
      switch (this.type) {
        case 'map-value-ind': {
          if (parent.type === 'flow-collection') giveUp();
          let props: SourceToken[];
          if (parent.type === 'document') props = parent.start;
          else {
            const last = parent.items[parent.items.length - 1] as Item;
            // `a: b: c`, a mapping nested on its parent's key line, is an error.
            if (parent.type === 'block-map' && last.sep && !has(last.sep, 'newline')) giveUp();
            props = last.sep ?? last.start;
          }
          const start = takeKeyProps(props);
          let sep = scalar.end;
          if (sep) {
            delete scalar.end;
            sep.push(this.take());
            this.onKeyLine = true;
          } else {
            sep = this.takeWithBlanks();
            this.onKeyLine = !has(sep, 'newline');
          }
          const map: CST.BlockMap = { type: 'block-map', offset: scalar.offset, indent: scalar.indent, items: [{ start, key: scalar, sep }] };
          return this.blockMap(map);
        }
        case 'eof':
        case 'doc-end':
        case 'doc-start':
        case 'comma':
        case 'flow-map-end':
        case 'flow-seq-end':
          return scalar;
        case 'space':
        case 'comment':
        case 'newline': {
          // Only blanks before a `:` or a flow indicator, or the rest of the line with its break.
          this.gatherBlanks(false);
          const end = this.gathered();
          if (scalar.end) for (const token of end) scalar.end.push(token);
          else scalar.end = end;
          if (end[end.length - 1].type !== 'newline') break;
          this.onKeyLine = false;
          return scalar;
        }
        default:
          giveUp();
      }
    }
  }

  private blockScalar(): CST.BlockScalar {
    const offset = this.offset;
    const indent = this.indent;
    const scalar: CST.BlockScalar = { type: 'block-scalar', offset, indent, props: this.takeWithBlanks(), source: '' };
    if (this.type !== 'scalar') giveUp();
    scalar.source = this.source;
    this.advance();
    // The body ends with its line break.
    this.atLineStart = true;
    this.indent = 0;
    return scalar;
  }

  private flowCollection(parent: Parent): CST.FlowCollection {
    const collection: CST.FlowCollection = { type: 'flow-collection', offset: this.offset, indent: this.indent, start: this.take(), items: [], end: [] };
    const isSeq = collection.start.source === '[';
    const items = collection.items as Item[];
    while (collection.end.length === 0) {
      const it = items[items.length - 1] as Item | undefined;
      switch (this.type) {
        case 'comma':
          if (!it || it.sep) items.push({ start: [this.take()] });
          else it.start.push(this.take());
          break;
        case 'map-value-ind':
          if (isSeq || !it || it.value || !it.sep) giveUp();
          it.sep.push(this.take());
          break;
        case 'space':
        case 'comment':
        case 'newline':
        case 'anchor':
        case 'tag':
          if (!it || it.value) items.push({ start: [this.take()] });
          else if (it.sep) it.sep.push(this.take());
          else it.start.push(this.take());
          break;
        case 'scalar':
        case 'alias':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar': {
          const scalar = this.take() as unknown as CST.FlowScalar;
          if (!it || it.value) items.push({ start: [], key: scalar, sep: [] });
          else if (it.sep) {
            if (isSeq) giveUp();
            it.value = this.flowScalarOrMap(scalar, collection);
          } else {
            it.key = scalar;
            it.sep = [];
          }
          break;
        }
        case 'flow-map-end':
        case 'flow-seq-end':
          if ((this.type === 'flow-seq-end') !== isSeq) giveUp();
          collection.end.push(this.take());
          break;
        case 'flow-map-start':
        case 'flow-seq-start': {
          const inner = this.flowCollection(collection);
          settleFlowSequence(inner);
          // In a flow map only as a value; in a flow sequence an entry is read as a key and settled as a value.
          if (isSeq ? it?.sep && !it.value : !it?.sep || it.value) giveUp();
          if (!it || it.value) items.push({ start: [], key: inner, sep: [] });
          else if (it.sep) it.value = inner;
          else {
            it.key = inner;
            it.sep = [];
          }
          break;
        }
        default:
          giveUp();
      }
    }
    for (;;) {
      switch (this.type) {
        case 'map-value-ind':
          // A flow collection as a key.
          return giveUp();
        case 'eof':
        case 'doc-end':
        case 'doc-start':
        case 'comma':
        case 'flow-map-end':
        case 'flow-seq-end':
          return collection;
        case 'space':
        case 'comment':
          collection.end.push(this.take());
          break;
        case 'newline':
          if (parent.type === 'block-map' && !(parent.items[parent.items.length - 1] as Item).sep) giveUp();
          this.onKeyLine = false;
          collection.end.push(this.take());
          return collection;
        default:
          giveUp();
      }
    }
  }

  private blockSequence(seq: CST.BlockSequence): CST.BlockSequence {
    const items = seq.items as Item[];
    for (;;) {
      const it = items[items.length - 1];
      const type = this.type;
      switch (type) {
        case 'newline':
          if (it.value) {
            if (endsWithComment(it.value)) (it.value as CST.FlowScalar).end!.push(this.take());
            else items.push({ start: [this.take()] });
          } else it.start.push(this.take());
          continue;
        case 'space':
        case 'comment':
          if (it.value) items.push({ start: [this.take()] });
          else if (!this.mergeIndentedComment(items, seq.indent)) it.start.push(this.take());
          continue;
        case 'anchor':
        case 'tag':
          if (!it.value && this.indent > seq.indent) {
            it.start.push(this.take());
            continue;
          }
          break;
        case 'seq-item-ind':
          if (this.indent !== seq.indent) break;
          if (it.value || has(it.start, 'seq-item-ind')) items.push({ start: this.takeWithBlanks() });
          else it.start = this.takeWithBlanks(it.start);
          continue;
      }
      if (type === 'eof' || type === 'doc-end' || this.indent <= seq.indent) return seq;
      const value = this.blockValue(seq);
      if (!value) return seq;
      this.attach(seq, value);
    }
  }

  private blockMap(map: CST.BlockMap): CST.BlockMap {
    const items = map.items as Item[];
    for (;;) {
      const it = items[items.length - 1];
      const type = this.type;
      switch (type) {
        case 'newline':
          this.onKeyLine = false;
          if (it.value) {
            if (endsWithComment(it.value)) (it.value as CST.FlowScalar).end!.push(this.take());
            else items.push({ start: [this.take()] });
          } else if (it.sep) it.sep.push(this.take());
          else it.start.push(this.take());
          continue;
        case 'space':
        case 'comment':
          if (it.value) items.push({ start: [this.take()] });
          else if (it.sep) it.sep.push(this.take());
          else if (!this.mergeIndentedComment(items, map.indent)) it.start.push(this.take());
          continue;
        case 'eof':
        case 'doc-end':
          return map;
      }
      if (this.indent < map.indent) return map;
      const atMapIndent = !this.onKeyLine && this.indent === map.indent;
      const atNextItem = atMapIndent && !!it.sep && type !== 'seq-item-ind';
      // Most tokens start no item: no list for them (the split still happens here, before `it.sep` is read below).
      const start = atNextItem && it.sep && !it.value ? splitAtBlankLine(it.sep, map.indent) : undefined;
      switch (type) {
        case 'anchor':
        case 'tag':
          if (atNextItem || it.value) {
            const token = this.take();
            if (start) start.push(token);
            items.push({ start: start ?? [token] });
            this.onKeyLine = true;
          } else if (it.sep) it.sep.push(this.take());
          else it.start.push(this.take());
          continue;
        case 'map-value-ind':
          if (!it.sep || it.value || atNextItem || has(it.sep, 'map-value-ind')) giveUp();
          if (it.sep.length === 0) {
            it.sep = this.takeWithBlanks();
            this.onKeyLine = !has(it.sep, 'newline');
          } else {
            it.sep.push(this.take());
            this.onKeyLine = true;
          }
          continue;
        case 'scalar':
        case 'alias':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar': {
          const scalar = this.take() as unknown as CST.FlowScalar;
          if (atNextItem || it.value) {
            items.push({ start: start ?? [], key: scalar, sep: [] });
            this.onKeyLine = true;
          } else if (it.sep) this.attach(map, this.flowScalarOrMap(scalar, map));
          else {
            it.key = scalar;
            it.sep = [];
            this.onKeyLine = true;
          }
          continue;
        }
        case 'seq-item-ind':
          if (it.sep && !has(it.sep, 'newline')) giveUp();
          break;
        case 'block-scalar-header':
        case 'flow-map-start':
        case 'flow-seq-start':
          // As a key (a new item at the map's indent).
          if (atMapIndent) giveUp();
          break;
        default:
          return map;
      }
      const value = this.blockValue(map);
      if (!value) return map;
      this.attach(map, value);
    }
  }

  /** A comment indented under the previous value, on a line of its own, ends that value. */
  private mergeIndentedComment(items: Item[], indent: number): boolean {
    if (this.type !== 'comment' || this.indent <= indent) return false;
    const it = items[items.length - 1];
    for (const token of it.start) if (token.type !== 'newline' && token.type !== 'space') return false;
    const end = (items[items.length - 2]?.value as CST.FlowScalar | undefined)?.end;
    if (!Array.isArray(end)) return false;
    for (const token of it.start) end.push(token);
    end.push(this.take());
    items.pop();
    return true;
  }

  /** Puts a finished value in its parent's place; trailing comment lines of a block collection move out to it. */
  private attach(parent: CST.Document | Block, node: Node): void {
    if (node.type === 'block-scalar') node.indent = parent.type === 'document' ? 0 : parent.indent;
    else if (node.type === 'flow-collection') {
      if (parent.type === 'document') node.indent = 0;
      settleFlowSequence(node);
    }
    if (parent.type === 'document') parent.value = node;
    else {
      const items = parent.items as Item[];
      const it = items[items.length - 1];
      if (parent.type === 'block-map') {
        if (it.value || !it.sep) giveUp();
        it.value = node;
      } else if (it.value) items.push({ start: [], value: node });
      else it.value = node;
    }
    if (node.type !== 'block-map' && node.type !== 'block-seq') return;
    const items = node.items as Item[];
    const last = items[items.length - 1];
    if (!last || last.sep || last.value || last.start.length === 0 || !allEmpty(last.start)) return;
    if (node.indent !== 0) for (const token of last.start) if (token.type === 'comment' && token.indent >= node.indent) return;
    if (parent.type === 'document') parent.end = last.start;
    else (parent.items as Item[]).push({ start: last.start });
    items.pop();
  }
}

function endsWithComment(node: Node): boolean {
  const end = (node as CST.FlowScalar).end;
  return Array.isArray(end) && end.length > 0 && end[end.length - 1].type === 'comment';
}

/** For a key without a value: the tokens from its second line break on (blank lines, comments) start the next item. */
function splitAtBlankLine(sep: SourceToken[], indent: number): SourceToken[] {
  let first = -1;
  let second = -1;
  for (let i = 0; i < sep.length; i++) {
    const token = sep[i];
    if (token.type === 'newline') {
      if (first < 0) first = i;
      else if (second < 0) second = i;
    } else if (token.type !== 'space' && (token.type !== 'comment' || token.indent > indent)) first = second = -1;
  }
  return second < 0 ? [] : sep.splice(second);
}

/**
 * The lexemes of the text being built, kept from text to text: an array grown by `push` to a text's hundreds of
 * thousands of lexemes is copied a dozen times on the way; this one grows once to the largest text. Emptied after
 * each build (the lexemes are slices that would keep the text alive); dropped after a text this large, or when the
 * lexer gave up (how much of it that text filled is not known).
 */
let keptLexemes: string[] = [];
const KEPT_LEXEMES_MAX = 1 << 17;

/** The CST of `source` as yaml's Parser yields it, or undefined when the text leaves this builder's subset. */
export function buildCst(source: string): Node[] | undefined {
  const lexemes = keptLexemes;
  let count: number | undefined;
  try {
    count = lexYamlInto(source, lexemes);
  } catch (error) {
    keptLexemes = [];
    throw error;
  }
  try {
    if (count === undefined) {
      const yamls = Array.from(new Lexer().lex(source));
      return new CstBuilder(yamls, yamls.length).stream();
    }
    return new CstBuilder(lexemes, count).stream();
  } catch {
    // GIVE_UP, or a stack overflow on deep nesting: yaml's Parser reads it.
    return undefined;
  } finally {
    if (count === undefined || lexemes.length > KEPT_LEXEMES_MAX) keptLexemes = [];
    else lexemes.fill('', 0, count);
  }
}

/** The CST of `source`: this builder's, else yaml's Parser's. */
export function parseCst(source: string): Node[] {
  return buildCst(source) ?? Array.from(new Parser().parse(source));
}

/**
 * `parseAllDocuments` (yaml's) with this CST stage and our Composer (yaml-compose.ts): the same Documents, for the
 * options the engine parses with (no `prettyErrors`: it needs the Parser's line counter). Where our Composer gives up
 * (tags, directives, merge keys, anything yaml reports as an error or a warning, other options), yaml's Composer
 * composes the same CST.
 */
export function parseYamlDocuments(source: string, options: ParseOptions & DocumentOptions & SchemaOptions & { prettyErrors: false }): Document.Parsed[] {
  const tokens = parseCst(source);
  const ours = composeYamlDocuments(tokens, options);
  if (ours) return ours;
  const composer = new Composer(options);
  const documents = Array.from(composer.compose(tokens));
  if (documents.length > 0) return documents;
  // As parseAllDocuments: an empty stream's comments, directives and errors on an empty list.
  return Object.assign([], { empty: true }, composer.streamInfo());
}

/**
 * `parseDocument` (yaml's) with this CST stage and our Composer: the stream's first Document (a text without one gives
 * an empty Document, its comment before it), carrying the MULTIPLE_DOCS error when a second follows. Where our
 * Composer gives up, yaml's composes the same CST as parseDocument would (lazily: the first Document, and the second
 * only for its range); with `prettyErrors` on (yaml's default), a result with errors is yaml's own parseDocument's,
 * since prettifying them needs the Parser's line counter.
 */
export function parseYamlDocument(source: string, options: ParseOptions & DocumentOptions & SchemaOptions = {}): Document.Parsed {
  const tokens = parseCst(source);
  const ours = composeYamlDocuments(tokens, options);
  if (ours && ours.length === 1) return ours[0];
  if (ours && ours.length === 0) {
    // As Composer.end(forceDoc): an empty Document over the whole text, the stream's comment before it.
    const { comment, directives } = ours as unknown as { comment: string; directives: unknown };
    const doc = new YamlDocument(undefined, Object.assign({ _directives: directives }, options)) as Document.Parsed;
    doc.range = [0, source.length, source.length];
    if (comment) doc.commentBefore = comment;
    return doc;
  }
  const pretty = options.prettyErrors !== false;
  if (ours && !pretty) {
    ours[0].errors.push(new YAMLParseError([ours[1].range[0], ours[1].range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
    return ours[0];
  }
  if (pretty) return parseDocument(source, options) as Document.Parsed;
  let doc: Document.Parsed | null = null;
  for (const next of new Composer(options).compose(tokens, true, source.length)) {
    if (!doc) doc = next;
    else if (doc.options.logLevel !== 'silent') {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  return doc!;
}
