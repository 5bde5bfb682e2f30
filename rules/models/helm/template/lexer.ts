/**
 * The tokens of Go's text/template (src/text/template/parse/lex.go), with UTF-16 offsets into the file.
 *
 * Go lexes lazily on a goroutine; here the whole file is lexed at once into an array (one object per token,
 * none per character). Trim markers (`{{- `, ` -}}`) are applied while lexing: a text token never contains
 * the whitespace they remove, and its offsets are the kept text's offsets in the file.
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

export interface Token {
  kind: TokenKind;
  /** The token's text (for `error`: the message). */
  value: string;
  /** Offsets in the file. */
  start: number;
  end: number;
}

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
export function lex(text: string): Token[] {
  return new Lexer(text).run();
}

class Lexer {
  private pos = 0;
  private readonly tokens: Token[] = [];
  private parenDepth = 0;

  constructor(private readonly text: string) {}

  run(): Token[] {
    const text = this.text;
    for (;;) {
      const open = text.indexOf('{{', this.pos);
      if (open < 0) {
        if (this.pos < text.length) this.emit('text', this.pos, text.length);
        this.emit('eof', text.length, text.length);
        return this.tokens;
      }
      const trimLeft = this.hasLeftTrimMarker(open + 2);
      let textEnd = open;
      if (trimLeft) while (textEnd > this.pos && isSpace(text.charCodeAt(textEnd - 1))) textEnd--;
      if (textEnd > this.pos) this.emit('text', this.pos, textEnd);
      const afterMarker = open + 2 + (trimLeft ? 2 : 0);
      if (text.startsWith('/*', afterMarker)) {
        if (!this.lexComment(afterMarker)) return this.tokens;
        continue;
      }
      this.emit('leftDelim', open, open + 2, '{{');
      this.pos = afterMarker;
      this.parenDepth = 0;
      if (!this.lexInsideAction()) return this.tokens;
    }
  }

  private emit(kind: TokenKind, start: number, end: number, value = this.text.slice(start, end)): void {
    this.tokens.push({ kind, value, start, end });
  }

  private fail(message: string): false {
    this.emit('error', this.pos, this.pos, message);
    return false;
  }

  private hasLeftTrimMarker(at: number): boolean {
    return this.text.charCodeAt(at) === 0x2d && isSpace(this.text.charCodeAt(at + 1));
  }

  /** At `at`: ` -}}` (trim) or `}}`; returns the length of the delimiter including the marker, or 0. */
  private rightDelimAt(at: number): { length: number; trim: boolean } | undefined {
    const text = this.text;
    if (isSpace(text.charCodeAt(at)) && text.charCodeAt(at + 1) === 0x2d && text.startsWith('}}', at + 2)) {
      return { length: 4, trim: true };
    }
    if (text.startsWith('}}', at)) return { length: 2, trim: false };
    return undefined;
  }

  /** Ends an action or comment at the right delimiter found at `at`; skips the whitespace a trim marker removes. */
  private finishRightDelim(at: number, delim: { length: number; trim: boolean }, emitToken: boolean): void {
    const delimStart = delim.trim ? at + 2 : at;
    if (emitToken) this.emit('rightDelim', delimStart, delimStart + 2, '}}');
    this.pos = at + delim.length;
    if (delim.trim) while (this.pos < this.text.length && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  private lexComment(at: number): boolean {
    this.pos = at;
    const close = this.text.indexOf('*/', at + 2);
    if (close < 0) return this.fail('unclosed comment');
    this.pos = close + 2;
    const delim = this.rightDelimAt(this.pos);
    if (!delim) return this.fail('comment ends before closing delimiter');
    this.finishRightDelim(this.pos, delim, false);
    return true;
  }

  /** Lexes tokens up to and including the action's right delimiter; false after an error token. */
  private lexInsideAction(): boolean {
    const text = this.text;
    for (;;) {
      const delim = this.rightDelimAt(this.pos);
      if (delim) {
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
        if (end > start) this.emit('space', start, end);
        this.pos = end;
        continue;
      }
      switch (code) {
        case 0x3d: // =
          this.pos++;
          this.emit('assign', start, this.pos);
          continue;
        case 0x3a: // :
          if (text.charCodeAt(start + 1) !== 0x3d) {
            this.pos++;
            return this.fail('expected :=');
          }
          this.pos += 2;
          this.emit('declare', start, this.pos);
          continue;
        case 0x7c: // |
          this.pos++;
          this.emit('pipe', start, this.pos);
          continue;
        case 0x22: // "
          if (!this.lexQuoted(0x22, 'string', 'unterminated quoted string')) return false;
          continue;
        case 0x60: // `
          if (!this.lexRawQuote()) return false;
          continue;
        case 0x24: // $
          this.pos++;
          this.lexWord('variable', start);
          if (!this.checkTerminator()) return false;
          continue;
        case 0x27: // '
          if (!this.lexQuoted(0x27, 'charConstant', 'unterminated character constant')) return false;
          continue;
        case 0x28: // (
          this.pos++;
          this.emit('leftParen', start, this.pos);
          this.parenDepth++;
          continue;
        case 0x29: // )
          this.pos++;
          this.parenDepth--;
          if (this.parenDepth < 0) return this.fail('unexpected right paren');
          this.emit('rightParen', start, this.pos);
          continue;
      }
      if (code === 0x2e && !isDigit(text.charCodeAt(start + 1))) {
        this.pos++;
        if (!isAlphaNumeric(text.charCodeAt(this.pos))) {
          this.emit('dot', start, this.pos);
          if (!this.checkTerminator()) return false;
          continue;
        }
        this.lexWord('field', start);
        if (!this.checkTerminator()) return false;
        continue;
      }
      if (code === 0x2e || code === 0x2b || code === 0x2d || isDigit(code)) {
        if (!this.lexNumber()) return false;
        continue;
      }
      if (isAlphaNumeric(code)) {
        this.lexWord('identifier', start);
        const last = this.tokens[this.tokens.length - 1];
        const word = last.value;
        if (KEYWORDS.has(word)) last.kind = word === 'nil' ? 'nil' : 'keyword';
        else if (word === 'true' || word === 'false') last.kind = 'bool';
        if (!this.checkTerminator()) return false;
        continue;
      }
      if (code < 0x7f && code >= 0x20) {
        this.pos++;
        this.emit('char', start, this.pos);
        continue;
      }
      this.pos++;
      return this.fail(`unrecognized character in action: ${describeRune(text.codePointAt(start) ?? code)}`);
    }
  }

  private lexWord(kind: TokenKind, start: number): void {
    while (this.pos < this.text.length && isAlphaNumeric(this.text.charCodeAt(this.pos))) this.pos++;
    this.emit(kind, start, this.pos);
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
  private lexQuoted(quote: number, kind: TokenKind, unterminated: string): boolean {
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
    this.emit(kind, start, at);
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
    this.emit('rawString', start, this.pos);
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
      this.emit('complex', start, this.pos);
      return true;
    }
    this.emit('number', start, this.pos);
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
