/**
 * A YAML lexer of our own (issue 17: yaml's `Lexer` is a chain of generators, ≈ 735 bytes allocated per lexeme).
 * `lexYaml(text)` answers the lexemes yaml's `Lexer.lex(text)` yields for a whole text — the same strings, control
 * characters included (`\u0002` a document starts, `\u001f` a scalar follows) — in one array, in one pass without
 * generators. It follows the Lexer's contract (its states: stream, line start, block start, document, flow collection,
 * quoted, block and plain scalars) and gives up, answering undefined, where it is not sure to match it: a byte order
 * mark, a carriage return not followed by a line feed, an unterminated quoted scalar or one cut by an unindented line,
 * a flow collection cut by an unindented line or a document marker, and any step that would not move on. The caller
 * then lexes that text with yaml's Lexer. test/models/yaml-lex.test.ts holds it to the Lexer's output.
 */

const DOC_MODE = '\u0002';
const SCALAR_MARK = '\u001f';

/** Thrown (one object, caught only in lexYaml) when the text leaves what this lexer is sure of. */
const GIVE_UP = { giveUp: true };

function giveUp(): never {
  throw GIVE_UP;
}

const enum State {
  Stream,
  Doc,
  Flow,
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const HASH = 35;
const COMMA = 44;

/** Space, tab, line break or the end of the text (NaN from charCodeAt). */
function isBlank(code: number): boolean {
  return code === SPACE || code === LF || code === CR || code === TAB || code !== code;
}

function isFlowIndicator(code: number): boolean {
  return code === COMMA || code === 0x5b || code === 0x5d || code === 0x7b || code === 0x7d;
}

/** Characters a tag's suffix may hold (URI characters and `!`), by char code. */
const TAG_CHARS = new Uint8Array(128);
for (const ch of "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()") TAG_CHARS[ch.charCodeAt(0)] = 1;

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/**
 * Runs of spaces by length: an indentation lexeme is one of these instead of a new string (V8 copies every slice
 * of 2–12 characters; one space is a string V8 keeps already).
 */
const SPACE_RUNS = Array.from({ length: 33 }, (_, n) => ' '.repeat(n));

class YamlLexer {
  private readonly src: string;
  private readonly len: number;
  /** The lexemes, `count` of them: `out` may be a longer array reused from an earlier text (lexYamlInto). */
  readonly out: string[];
  count = 0;
  private pos = 0;
  /** The position of the next `\n` at or after `pos` (-1: none), cached. */
  private nextLf = -2;
  /** Indentation of the current line, as the Lexer counts it (indicators included). */
  private indentValue = 0;
  /** The least indentation a continuation line of the current scalar needs. */
  private indentNext = 0;
  private flowLevel = 0;
  /** Whether a `:` right after the last flow token (a quoted key or a closed collection) is an indicator. */
  private flowKey = false;
  private blockIndent = -1;
  private blockKeep = false;

  constructor(src: string, out: string[]) {
    this.src = src;
    this.len = src.length;
    this.out = out;
  }

  private push(lexeme: string): void {
    this.out[this.count++] = lexeme;
  }

  run(): void {
    let state: State = State.Stream;
    while (this.pos < this.len) {
      const at = this.pos;
      const before: State = state;
      if (state === State.Stream) state = this.stream();
      else if (state === State.Doc) state = this.doc();
      else state = this.flow();
      // A step that moved nothing and changed nothing would repeat itself forever.
      if (this.pos === at && state === before) giveUp();
    }
  }

  /**
   * The character at `i`, NaN outside the text as `charCodeAt` gives. Tested first: an out-of-bounds
   * `charCodeAt` throws away V8's optimised code of every function it is inlined into (the lexer's loop).
   */
  private code(i: number): number {
    return i >= 0 && i < this.len ? this.src.charCodeAt(i) : NaN;
  }

  /** The end of the current line: its `\n`, or its `\r\n`'s `\r`, or the text's end. */
  private lineEnd(): number {
    let lf = this.nextLf;
    if (lf === -2 || (lf !== -1 && lf < this.pos)) lf = this.nextLf = this.src.indexOf('\n', this.pos);
    if (lf === -1) return this.len;
    const end = lf > 0 && this.src.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
    if (end < this.pos) giveUp();
    return end;
  }

  private pushTo(end: number): void {
    if (end > this.pos) {
      this.push(this.src.slice(this.pos, end));
      this.pos = end;
    }
  }

  private pushSpaces(tabs: boolean): number {
    let i = this.pos;
    let tabbed = false;
    for (;;) {
      const c = this.code(i);
      if (c === SPACE) i++;
      else if (tabs && c === TAB) {
        tabbed = true;
        i++;
      } else break;
    }
    const n = i - this.pos;
    if (!tabbed && n > 0 && n < SPACE_RUNS.length) {
      this.push(SPACE_RUNS[n]);
      this.pos = i;
    } else this.pushTo(i);
    return n;
  }

  private pushNewline(): number {
    const c = this.code(this.pos);
    if (c === LF) {
      this.pushTo(this.pos + 1);
      return 1;
    }
    if (c === CR && this.code(this.pos + 1) === LF) {
      this.pushTo(this.pos + 2);
      return 2;
    }
    return 0;
  }

  /** An anchor or alias: up to a blank or a flow indicator. */
  private pushName(): void {
    let i = this.pos + 1;
    for (;;) {
      const c = this.code(i);
      if (isBlank(c) || isFlowIndicator(c)) break;
      i++;
    }
    this.pushTo(i);
  }

  private pushTag(): void {
    let i = this.pos + 1;
    if (this.code(i) === 0x3c) {
      // Verbatim `!<...>`.
      i++;
      let c = this.code(i);
      while (!isBlank(c) && c !== 0x3e) c = this.code(++i);
      this.pushTo(c === 0x3e ? i + 1 : i);
      return;
    }
    for (;;) {
      const c = this.code(i);
      if (c < 128 && TAG_CHARS[c] === 1) i++;
      else if (c === 0x25 && isHexDigit(this.code(i + 1)) && isHexDigit(this.code(i + 2))) i += 3;
      else break;
    }
    this.pushTo(i);
  }

  /** `---` or `...` at `i`, followed by a blank. */
  private isDocumentMarker(i: number): boolean {
    const c = this.code(i);
    if (c !== 0x2d && c !== 0x2e) return false;
    return this.code(i + 1) === c && this.code(i + 2) === c && isBlank(this.code(i + 3));
  }

  /** A line of the stream outside documents: a directive, a blank or comment line, or a document's start. */
  private stream(): State {
    const end = this.lineEnd();
    const src = this.src;
    if (this.code(this.pos) === 0x25) {
      // A directive, to the last non-blank before a ` #` comment.
      let stop = end;
      let hash = src.indexOf('#', this.pos);
      while (hash !== -1 && hash < end) {
        const before = this.code(hash - 1);
        if (before === SPACE || before === TAB) {
          stop = hash - 1;
          break;
        }
        hash = src.indexOf('#', hash + 1);
      }
      for (;;) {
        const before = this.code(stop - 1);
        if (stop > this.pos && (before === SPACE || before === TAB)) stop--;
        else break;
      }
      this.pushTo(stop);
      this.pushSpaces(true);
      this.pushTo(end);
      this.pushNewline();
      return State.Stream;
    }
    let i = this.pos;
    let c = this.code(i);
    while (c === SPACE || c === TAB) c = this.code(++i);
    if (c !== c || c === HASH || c === LF || (c === CR && this.code(i + 1) === LF)) {
      this.pushSpaces(true);
      this.pushTo(end);
      this.pushNewline();
      return State.Stream;
    }
    this.push(DOC_MODE);
    return this.lineStart();
  }

  private lineStart(): State {
    if (this.isDocumentMarker(this.pos)) {
      const isStart = this.code(this.pos) === 0x2d;
      this.pushTo(this.pos + 3);
      this.indentValue = 0;
      this.indentNext = 0;
      return isStart ? State.Doc : State.Stream;
    }
    this.indentValue = this.pushSpaces(false);
    if (this.indentNext > this.indentValue && !isBlank(this.code(this.pos + 1))) this.indentNext = this.indentValue;
    // Block indicators (`-`, `?`, `:` before a blank) count as indentation.
    for (;;) {
      const c = this.code(this.pos);
      if ((c === 0x2d || c === 0x3f || c === 0x3a) && isBlank(this.code(this.pos + 1))) {
        this.pushTo(this.pos + 1);
        const n = 1 + this.pushSpaces(true);
        this.indentNext = this.indentValue + 1;
        this.indentValue += n;
      } else return State.Doc;
    }
  }

  /** Tags, anchors and indicators before a node. */
  private pushIndicators(): void {
    for (;;) {
      const c = this.code(this.pos);
      if (c === 0x21) this.pushTag();
      else if (c === 0x26) this.pushName();
      else if (c === 0x2d || c === 0x3f || c === 0x3a) {
        const next = this.code(this.pos + 1);
        if (!isBlank(next) && !(this.flowLevel > 0 && isFlowIndicator(next))) return;
        if (this.flowLevel === 0) this.indentNext = this.indentValue + 1;
        else this.flowKey = false;
        this.pushTo(this.pos + 1);
      } else return;
      this.pushSpaces(true);
    }
  }

  private doc(): State {
    this.pushSpaces(true);
    const end = this.lineEnd();
    this.pushIndicators();
    const c = this.pos < end ? this.code(this.pos) : -1;
    switch (c) {
      case HASH:
      case -1:
        // A comment, or nothing, to the line's end.
        this.pushTo(end);
        this.pushNewline();
        return this.lineStart();
      case 0x7b:
      case 0x5b:
        this.pushTo(this.pos + 1);
        this.flowKey = false;
        this.flowLevel = 1;
        return State.Flow;
      case 0x7d:
      case 0x5d:
        this.pushTo(this.pos + 1);
        return State.Doc;
      case 0x2a:
        this.pushName();
        return State.Doc;
      case 0x22:
      case 0x27:
        return this.quoted();
      case 0x7c:
      case 0x3e:
        this.blockScalarHeader();
        this.pushSpaces(true);
        this.pushTo(end);
        this.pushNewline();
        return this.blockScalar();
      default:
        return this.plain();
    }
  }

  private flow(): State {
    let indent = -1;
    for (;;) {
      const lf = this.pushNewline();
      let spaces = 0;
      if (lf > 0) {
        spaces = this.pushSpaces(false);
        this.indentValue = indent = spaces;
      }
      spaces += this.pushSpaces(true);
      if (lf + spaces === 0) break;
    }
    const end = this.lineEnd();
    const first = this.pos < end ? this.code(this.pos) : -1;
    if ((indent !== -1 && indent < this.indentNext && first !== HASH) || (indent === 0 && this.isDocumentMarker(this.pos))) {
      // A flow collection cut by an unindented line (an error), unless it is the closing bracket one column left.
      const isEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (first === 0x5d || first === 0x7d);
      if (!isEndMarker) giveUp();
    }
    while (this.pos < end && this.code(this.pos) === COMMA) {
      this.pushTo(this.pos + 1);
      this.pushSpaces(true);
      this.flowKey = false;
    }
    this.pushIndicators();
    const c = this.pos < end ? this.code(this.pos) : -1;
    switch (c) {
      case -1:
        return State.Flow;
      case HASH:
        this.pushTo(end);
        return State.Flow;
      case 0x7b:
      case 0x5b:
        this.pushTo(this.pos + 1);
        this.flowKey = false;
        this.flowLevel++;
        return State.Flow;
      case 0x7d:
      case 0x5d:
        this.pushTo(this.pos + 1);
        this.flowKey = true;
        this.flowLevel--;
        return this.flowLevel > 0 ? State.Flow : State.Doc;
      case 0x2a:
        this.pushName();
        return State.Flow;
      case 0x22:
      case 0x27:
        this.flowKey = true;
        return this.quoted();
      case 0x3a: {
        const next = this.code(this.pos + 1);
        if (this.flowKey || isBlank(next) || next === COMMA) {
          this.flowKey = false;
          this.pushTo(this.pos + 1);
          this.pushSpaces(true);
          return State.Flow;
        }
        this.flowKey = false;
        return this.plain();
      }
      default:
        this.flowKey = false;
        return this.plain();
    }
  }

  /**
   * Where a scalar's next line goes on (the first character the scalar may hold), or -1 when that line ends it:
   * less indented than `indentNext`, or (at no indentation) a document marker.
   */
  private continueAt(lineStart: number): number {
    if (this.indentNext > 0) {
      let i = lineStart;
      while (this.code(i) === SPACE) i++;
      const c = this.code(i);
      if (c === CR && this.code(i + 1) === LF) return i + 1;
      return c === LF || i - lineStart >= this.indentNext ? i : -1;
    }
    return this.isDocumentMarker(lineStart) ? -1 : lineStart;
  }

  private quoted(): State {
    const src = this.src;
    const start = this.pos;
    let close: number;
    if (this.code(start) === 0x27) {
      close = src.indexOf("'", start + 1);
      while (close !== -1 && this.code(close + 1) === 0x27) close = src.indexOf("'", close + 2);
    } else {
      close = src.indexOf('"', start + 1);
      while (close !== -1) {
        let slashes = 0;
        while (this.code(close - 1 - slashes) === 0x5c) slashes++;
        if (slashes % 2 === 0) break;
        close = src.indexOf('"', close + 1);
      }
    }
    // Unterminated: the Lexer takes the rest of the text.
    if (close === -1) giveUp();
    let lf = src.indexOf('\n', start);
    while (lf !== -1 && lf < close) {
      const next = this.continueAt(lf + 1);
      // An unindented line inside the quotes cuts the scalar there (an error).
      if (next === -1) giveUp();
      lf = src.indexOf('\n', next);
    }
    this.pushTo(close + 1);
    return this.flowLevel > 0 ? State.Flow : State.Doc;
  }

  private blockScalarHeader(): void {
    this.blockIndent = -1;
    this.blockKeep = false;
    let i = this.pos + 1;
    for (;; i++) {
      const c = this.code(i);
      if (c === 0x2b) this.blockKeep = true;
      else if (c >= 0x31 && c <= 0x39) this.blockIndent = c - 0x31;
      else if (c !== 0x2d) break;
    }
    i = this.pos + 1;
    for (;;) {
      const c = this.code(i);
      if (isBlank(c) || c === HASH) break;
      i++;
    }
    this.pushTo(i);
  }

  private blockScalar(): State {
    const src = this.src;
    const start = this.pos;
    // The first line with content: its indentation, and the line break before it.
    let lf = start - 1;
    let indent = 0;
    for (let i = start; ; i++) {
      const c = this.code(i);
      if (c === SPACE) indent++;
      else if (c === LF) {
        lf = i;
        indent = 0;
      } else if (!(c === CR && this.code(i + 1) === LF)) break;
    }
    if (indent >= this.indentNext) {
      this.indentNext = this.blockIndent === -1 ? indent : this.blockIndent + (this.indentNext === 0 ? 1 : this.indentNext);
      for (;;) {
        const next = this.continueAt(lf + 1);
        if (next === -1) break;
        lf = src.indexOf('\n', next);
        if (lf === -1) {
          lf = this.len;
          break;
        }
      }
    }
    // Where the body ends: less indented tabs stay in it (an error found later); trailing blank lines do not, unless kept.
    let i = lf + 1;
    let c = this.code(i);
    while (c === SPACE) c = this.code(++i);
    if (c === TAB) {
      while (c === TAB || c === SPACE || c === CR || c === LF) c = this.code(++i);
      lf = i - 1;
    } else if (!this.blockKeep) {
      for (;;) {
        let j = lf - 1;
        let d = this.code(j);
        if (d === CR) d = this.code(--j);
        const last = j;
        while (d === SPACE) d = this.code(--j);
        if (d === LF && j >= start && j + 1 + indent > last) lf = j;
        else break;
      }
    }
    this.push(SCALAR_MARK);
    const end = Math.min(lf + 1, this.len);
    if (end > start) this.pushTo(end);
    else this.push('');
    return this.lineStart();
  }

  private plain(): State {
    const inFlow = this.flowLevel > 0;
    const start = this.pos;
    let end = start - 1;
    for (let i = start; ; i++) {
      let c = this.code(i);
      if (c !== c) break;
      if (c === 0x3a) {
        const next = this.code(i + 1);
        if (isBlank(next) || (inFlow && isFlowIndicator(next))) break;
        end = i;
      } else if (c === SPACE || c === TAB || c === LF || c === CR) {
        let next = this.code(i + 1);
        if (c === CR) {
          if (next !== LF) giveUp();
          i++;
          c = LF;
          next = this.code(i + 1);
        }
        if (next === HASH || (inFlow && isFlowIndicator(next))) break;
        if (c === LF) {
          const at = this.continueAt(i + 1);
          if (at === -1) break;
          // Resume at the line's last indentation character, so that a ` #` after it still ends the scalar.
          if (at - 2 > i) i = at - 2;
        }
      } else {
        if (inFlow && isFlowIndicator(c)) break;
        end = i;
      }
    }
    this.push(SCALAR_MARK);
    if (end + 1 > start) this.pushTo(end + 1);
    else this.push('');
    return inFlow ? State.Flow : State.Doc;
  }
}

/** Whether the text holds what this lexer leaves to yaml's: a byte order mark, or a `\r` without its `\n`. */
function hasUnsure(src: string): boolean {
  if (src.indexOf('\ufeff') !== -1) return true;
  let cr = src.indexOf('\r');
  while (cr !== -1) {
    if (src.charCodeAt(cr + 1) !== LF) return true;
    cr = src.indexOf('\r', cr + 2);
  }
  return false;
}

/** The lexemes yaml's `new Lexer().lex(src)` yields, or undefined when this lexer is not sure to match them. */
export function lexYaml(src: string): string[] | undefined {
  const out: string[] = [];
  return lexYamlInto(src, out) === undefined ? undefined : out;
}

/**
 * lexYaml's lexemes written into `out` from its start (an array kept from an earlier text, whose longer tail is
 * left as it was); answers how many, or undefined where lexYaml does (then what it wrote is overwritten by '').
 */
export function lexYamlInto(src: string, out: string[]): number | undefined {
  if (hasUnsure(src)) return undefined;
  const lexer = new YamlLexer(src, out);
  try {
    lexer.run();
  } catch {
    // GIVE_UP (or, were there a fault here, anything else): yaml's Lexer reads the text.
    out.fill('', 0, lexer.count);
    return undefined;
  }
  return lexer.count;
}
