/**
 * The tokens of Go's text/template (src/text/template/parse/lex.go), with UTF-16 offsets into the file.
 *
 * Go lexes lazily on a goroutine; here the whole file is lexed at once into `Tokens`: three typed arrays (kind,
 * start, end), no object and no string per token (a large chart has 100,000 tokens, a third of them spaces; as
 * objects they were a third of the template parse's allocation). A token's text is the file's text between its
 * offsets, sliced when the parser asks. Trim markers (`{{- `, ` -}}`) are applied while lexing: a text token never
 * contains the whitespace they remove, and its offsets are the kept text's offsets in the file.
 */

export type TokenKind =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'space'
  | 'identifier'
  | 'field'
  | 'variable'
  | 'dot'
  | 'string'
  | 'rawString'
  | 'char'
  | 'charConstant'
  | 'number'
  | 'complex'
  | 'bool'
  | 'nil'
  | 'pipe'
  | 'leftParen'
  | 'rightParen'
  | 'assign'
  | 'declare'
  | 'keyword'
  | 'eof'
  | 'error';

/** Each kind's number in `Tokens.kinds` (its index here). */
export const TOKEN_KINDS: readonly TokenKind[] = [
  'text', 'leftDelim', 'rightDelim', 'space', 'identifier', 'field', 'variable', 'dot', 'string', 'rawString', 'char', 'charConstant',
  'number', 'complex', 'bool', 'nil', 'pipe', 'leftParen', 'rightParen', 'assign', 'declare', 'keyword', 'eof', 'error',
];
export const TEXT = 0;
export const LEFT_DELIM = 1;
export const RIGHT_DELIM = 2;
export const SPACE = 3;
export const IDENTIFIER = 4;
export const FIELD = 5;
export const VARIABLE = 6;
export const DOT = 7;
export const STRING = 8;
export const RAW_STRING = 9;
export const CHAR = 10;
export const CHAR_CONSTANT = 11;
export const NUMBER = 12;
export const COMPLEX = 13;
export const BOOL = 14;
export const NIL = 15;
export const PIPE = 16;
export const LEFT_PAREN = 17;
export const RIGHT_PAREN = 18;
export const ASSIGN = 19;
export const DECLARE = 20;
export const KEYWORD = 21;
export const EOF = 22;
export const ERROR = 23;

/**
 * The tokens of one file: token `i` is `kinds[i]` (an index of TOKEN_KINDS) over `text.slice(starts[i], ends[i])`.
 * The arrays are reused by the next file once the parser gives them back (`releaseTokens`): a typed array costs
 * more to allocate than a small object, and a chart has hundreds of files.
 */
export class Tokens {
  text = '';
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  count = 0;
  /** The message of the `error` token (always the last one). */
  errorMessage = '';

  constructor(capacity: number) {
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  /** Empty, for `text`. */
  reset(text: string): void {
    this.text = text;
    this.count = 0;
    this.errorMessage = '';
  }

  add(kind: number, start: number, end: number): void {
    if (this.count === this.kinds.length) this.grow();
    this.kinds[this.count] = kind;
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  /** The token's text (for `error`: the message; for `leftDelim`/`rightDelim`: `{{`/`}}`). */
  value(index: number): string {
    return this.kinds[index] === ERROR ? this.errorMessage : this.text.slice(this.starts[index], this.ends[index]);
  }

  private grow(): void {
    const capacity = this.kinds.length * 2;
    const kinds = new Uint8Array(capacity);
    kinds.set(this.kinds);
    const starts = new Int32Array(capacity);
    starts.set(this.starts);
    const ends = new Int32Array(capacity);
    ends.set(this.ends);
    this.kinds = kinds;
    this.starts = starts;
    this.ends = ends;
  }
}

/** The length of ` -}}`. */
const TRIM_RIGHT_DELIM = 4;

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a;
}

function isAlphaNumeric(code: number): boolean {
  if (code === 0x5f) return true;
  if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return true;
  // Go accepts any Unicode letter or digit in identifiers.
  return code > 0x7f && /[\p{L}\p{Nd}]/u.test(String.fromCharCode(code));
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Lexes one file. The last token is always `eof` or `error` (lexing stops at the first error, as in Go). */
export function lex(text: string): Tokens {
  // About one token per 7 characters in real charts; grown by doubling past that.
  const tokens = spare ?? new Tokens(Math.max(256, text.length >> 3));
  spare = undefined;
  tokens.reset(text);
  return new Lexer(text, tokens).run();
}

/** Tokens given back, their arrays for the next `lex`. */
let spare: Tokens | undefined;

/** Gives back the tokens of a file the caller is done with (nothing may read them after): the next `lex` reuses their arrays. */
export function releaseTokens(tokens: Tokens): void {
  tokens.reset('');
  spare = tokens;
}

class Lexer {
  private pos = 0;
  private parenDepth = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Tokens,
  ) {}

  run(): Tokens {
    const text = this.text;
    for (;;) {
      const open = text.indexOf('{{', this.pos);
      if (open < 0) {
        if (this.pos < text.length) this.tokens.add(TEXT, this.pos, text.length);
        this.tokens.add(EOF, text.length, text.length);
        return this.tokens;
      }
      const trimLeft = this.hasLeftTrimMarker(open + 2);
      let textEnd = open;
      if (trimLeft) while (textEnd > this.pos && isSpace(text.charCodeAt(textEnd - 1))) textEnd--;
      if (textEnd > this.pos) this.tokens.add(TEXT, this.pos, textEnd);
      const afterMarker = open + 2 + (trimLeft ? 2 : 0);
      if (text.startsWith('/*', afterMarker)) {
        if (!this.lexComment(afterMarker)) return this.tokens;
        continue;
      }
      this.tokens.add(LEFT_DELIM, open, open + 2);
      this.pos = afterMarker;
      this.parenDepth = 0;
      if (!this.lexInsideAction()) return this.tokens;
    }
  }

  private fail(message: string): false {
    this.tokens.errorMessage = message;
    this.tokens.add(ERROR, this.pos, this.pos);
    return false;
  }

  private hasLeftTrimMarker(at: number): boolean {
    return this.text.charCodeAt(at) === 0x2d && isSpace(this.text.charCodeAt(at + 1));
  }

  /** At `at`: ` -}}` (trim: 4) or `}}` (2); returns the length of the delimiter including the marker, or 0. */
  private rightDelimAt(at: number): number {
    const text = this.text;
    if (isSpace(text.charCodeAt(at)) && text.charCodeAt(at + 1) === 0x2d && text.startsWith('}}', at + 2)) return TRIM_RIGHT_DELIM;
    if (text.startsWith('}}', at)) return 2;
    return 0;
  }

  /** Ends an action or comment at the right delimiter (`length` from rightDelimAt) found at `at`; skips the whitespace a trim marker removes. */
  private finishRightDelim(at: number, length: number, emitToken: boolean): void {
    const trim = length === TRIM_RIGHT_DELIM;
    const delimStart = trim ? at + 2 : at;
    if (emitToken) this.tokens.add(RIGHT_DELIM, delimStart, delimStart + 2);
    this.pos = at + length;
    if (trim) while (this.pos < this.text.length && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  private lexComment(at: number): boolean {
    this.pos = at;
    const close = this.text.indexOf('*/', at + 2);
    if (close < 0) return this.fail('unclosed comment');
    this.pos = close + 2;
    const delim = this.rightDelimAt(this.pos);
    if (delim === 0) return this.fail('comment ends before closing delimiter');
    this.finishRightDelim(this.pos, delim, false);
    return true;
  }

  /** Lexes tokens up to and including the action's right delimiter; false after an error token. */
  private lexInsideAction(): boolean {
    const text = this.text;
    for (;;) {
      const delim = this.rightDelimAt(this.pos);
      if (delim !== 0) {
        if (this.parenDepth !== 0) return this.fail('unclosed left paren');
        this.finishRightDelim(this.pos, delim, true);
        return true;
      }
      if (this.pos >= text.length) return this.fail('unclosed action');
      const start = this.pos;
      const code = text.charCodeAt(start);
      if (isSpace(code)) {
        let end = start;
        while (end < text.length && isSpace(text.charCodeAt(end))) end++;
        // A run of spaces followed by "-}}" leaves its last space to the trim-marked delimiter.
        if (text.charCodeAt(end) === 0x2d && text.startsWith('}}', end + 1)) end--;
        if (end > start) this.tokens.add(SPACE, start, end);
        this.pos = end;
        continue;
      }
      switch (code) {
        case 0x3d: // =
          this.pos++;
          this.tokens.add(ASSIGN, start, this.pos);
          continue;
        case 0x3a: // :
          if (text.charCodeAt(start + 1) !== 0x3d) {
            this.pos++;
            return this.fail('expected :=');
          }
          this.pos += 2;
          this.tokens.add(DECLARE, start, this.pos);
          continue;
        case 0x7c: // |
          this.pos++;
          this.tokens.add(PIPE, start, this.pos);
          continue;
        case 0x22: // "
          if (!this.lexQuoted(0x22, STRING, 'unterminated quoted string')) return false;
          continue;
        case 0x60: // `
          if (!this.lexRawQuote()) return false;
          continue;
        case 0x24: // $
          this.pos++;
          this.lexWord(VARIABLE, start);
          if (!this.checkTerminator()) return false;
          continue;
        case 0x27: // '
          if (!this.lexQuoted(0x27, CHAR_CONSTANT, 'unterminated character constant')) return false;
          continue;
        case 0x28: // (
          this.pos++;
          this.tokens.add(LEFT_PAREN, start, this.pos);
          this.parenDepth++;
          continue;
        case 0x29: // )
          this.pos++;
          this.parenDepth--;
          if (this.parenDepth < 0) return this.fail('unexpected right paren');
          this.tokens.add(RIGHT_PAREN, start, this.pos);
          continue;
      }
      if (code === 0x2e && !isDigit(text.charCodeAt(start + 1))) {
        this.pos++;
        if (!isAlphaNumeric(text.charCodeAt(this.pos))) {
          this.tokens.add(DOT, start, this.pos);
          if (!this.checkTerminator()) return false;
          continue;
        }
        this.lexWord(FIELD, start);
        if (!this.checkTerminator()) return false;
        continue;
      }
      if (code === 0x2e || code === 0x2b || code === 0x2d || isDigit(code)) {
        if (!this.lexNumber()) return false;
        continue;
      }
      if (isAlphaNumeric(code)) {
        this.lexWord(IDENTIFIER, start);
        // Keywords and true/false have at most 8 characters: longer words are not sliced to be looked up.
        if (this.pos - start <= 8) {
          const word = text.slice(start, this.pos);
          const last = this.tokens.count - 1;
          if (KEYWORDS.has(word)) this.tokens.kinds[last] = word === 'nil' ? NIL : KEYWORD;
          else if (word === 'true' || word === 'false') this.tokens.kinds[last] = BOOL;
        }
        if (!this.checkTerminator()) return false;
        continue;
      }
      if (code < 0x7f && code >= 0x20) {
        this.pos++;
        this.tokens.add(CHAR, start, this.pos);
        continue;
      }
      this.pos++;
      return this.fail(`unrecognized character in action: ${describeRune(text.codePointAt(start) ?? code)}`);
    }
  }

  private lexWord(kind: number, start: number): void {
    while (this.pos < this.text.length && isAlphaNumeric(this.text.charCodeAt(this.pos))) this.pos++;
    this.tokens.add(kind, start, this.pos);
  }

  /** Go requires a word to end at a space, delimiter, `.`, `,`, `|`, `:`, `(` or `)`. */
  private checkTerminator(): boolean {
    const code = this.text.charCodeAt(this.pos);
    if (Number.isNaN(code) || isSpace(code)) return true;
    if (code === 0x2e || code === 0x2c || code === 0x7c || code === 0x3a || code === 0x29 || code === 0x28) return true;
    if (this.text.startsWith('}}', this.pos)) return true;
    return this.fail(`bad character ${describeRune(this.text.codePointAt(this.pos) ?? code)}`);
  }

  /** A "string" or 'c' constant: up to the closing quote, backslash escapes skipped, no newline. */
  private lexQuoted(quote: number, kind: number, unterminated: string): boolean {
    const text = this.text;
    const start = this.pos;
    let at = start + 1;
    for (;;) {
      const code = text.charCodeAt(at);
      if (code === 0x5c) {
        const next = text.charCodeAt(at + 1);
        if (!Number.isNaN(next) && next !== 0x0a) {
          at += 2;
          continue;
        }
      }
      if (Number.isNaN(code) || code === 0x0a) {
        this.pos = at;
        return this.fail(unterminated);
      }
      at++;
      if (code === quote) break;
    }
    this.pos = at;
    this.tokens.add(kind, start, at);
    return true;
  }

  private lexRawQuote(): boolean {
    const start = this.pos;
    const close = this.text.indexOf('`', start + 1);
    if (close < 0) {
      this.pos = this.text.length;
      return this.fail('unterminated raw quoted string');
    }
    this.pos = close + 1;
    this.tokens.add(RAW_STRING, start, this.pos);
    return true;
  }

  /** Go's scanNumber: sign, base prefix, digits with `_`, fraction, exponent, `i`; a complex is `1+2i`. */
  private lexNumber(): boolean {
    const start = this.pos;
    if (!this.scanNumber()) {
      this.pos = Math.max(this.pos, start + 1);
      return this.fail(`bad number syntax: "${this.text.slice(start, this.pos)}"`);
    }
    const sign = this.text.charCodeAt(this.pos);
    if (sign === 0x2b || sign === 0x2d) {
      if (!this.scanNumber() || this.text.charCodeAt(this.pos - 1) !== 0x69) {
        return this.fail(`bad number syntax: "${this.text.slice(start, this.pos)}"`);
      }
      this.tokens.add(COMPLEX, start, this.pos);
      return true;
    }
    this.tokens.add(NUMBER, start, this.pos);
    return true;
  }

  private scanNumber(): boolean {
    const text = this.text;
    const accept = (chars: string): boolean => {
      if (this.pos < text.length && chars.includes(text[this.pos])) {
        this.pos++;
        return true;
      }
      return false;
    };
    const acceptRun = (chars: string): void => {
      while (this.pos < text.length && chars.includes(text[this.pos])) this.pos++;
    };
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    // The next thing must not be alphanumeric.
    if (this.pos < text.length && isAlphaNumeric(text.charCodeAt(this.pos))) {
      this.pos++;
      return false;
    }
    return true;
  }
}

/** Go's %#U of a rune: `U+0041 'A'`. */
function describeRune(code: number): string {
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return code >= 0x20 && code !== 0x7f ? `U+${hex} '${String.fromCodePoint(code)}'` : `U+${hex}`;
}
