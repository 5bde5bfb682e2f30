import type { Span } from '../../engine/types';

/**
 * One argument of a command line after unquoting, with where each of its characters was written, so that a
 * finding sits on the exact characters and a fix edits them in place. A word that came from a variable is
 * written where the variable is defined (an `Environment=` line, a `DOCKER_OPTS=` assignment).
 */
export interface Word {
  value: string;
  /** The offset of each value character in the text, plus the offset just after the last one. */
  offsets: number[];
  /** The characters as written (quotes included). */
  span: Span;
  /** Written without quotes or escapes: its value can be edited as plain text. */
  plain: boolean;
}

/** Characters of a logical line (continuations joined) with their offsets in the text. */
export interface Chars {
  text: string;
  offsets: number[];
  /** The offset just after the last character. */
  end: number;
}

export function charsOf(text: string, start: number, end: number): Chars {
  const offsets: number[] = [];
  for (let offset = start; offset < end; offset++) offsets.push(offset);
  return { text: text.slice(start, end), offsets, end };
}

/** A word built from a slice of `chars` (a whitespace-free run of an unquoted value). */
export function wordOf(chars: Chars, start: number, end: number): Word {
  const offsets = chars.offsets.slice(start, end);
  const after = end < chars.offsets.length ? chars.offsets[end] : chars.end;
  offsets.push(offsets.length > 0 ? offsets[offsets.length - 1] + 1 : after);
  return { value: chars.text.slice(start, end), offsets, span: { start: offsets[0], end: offsets[offsets.length - 1] }, plain: true };
}

/** Splits an already unquoted value at whitespace, as `$VAR` expansion does (the shell's IFS, systemd's `$FOO`). */
export function splitAtWhitespace(chars: Chars): Word[] {
  const words: Word[] = [];
  for (const match of chars.text.matchAll(/\S+/g)) words.push(wordOf(chars, match.index, match.index + match[0].length));
  return words;
}

const C_ESCAPES: Record<string, string> = { a: '\u0007', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', s: ' ', '\\': '\\', '"': '"', "'": "'" };

/** A token of a systemd command line: a word, or a `$NAME` / `${NAME}` reference systemd expands. */
export type Token = { type: 'word'; word: Word; variables: Array<{ name: string; braced: boolean; index: number }> };

/**
 * Splits a systemd command line or `Environment=` value into words: whitespace separates, double and single
 * quotes group, C escapes (`\n`, `\"`, `\x41`) apply inside and outside quotes. `$$` is a literal `$`;
 * variable references are reported by position so the caller expands them with what it knows.
 */
export function splitSystemdWords(chars: Chars, options: { variables: boolean }): Token[] {
  const { text, offsets } = chars;
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    while (index < text.length && /\s/.test(text[index])) index++;
    if (index >= text.length) break;
    const start = index;
    let value = '';
    const valueOffsets: number[] = [];
    const variables: Token['variables'] = [];
    let quote: string | undefined;
    let plain = true;
    while (index < text.length) {
      const char = text[index];
      if (!quote && /\s/.test(char)) break;
      if ((char === '"' || char === "'") && (!quote || quote === char)) {
        quote = quote ? undefined : char;
        plain = false;
        index++;
        continue;
      }
      if (char === '\\' && index + 1 < text.length) {
        plain = false;
        const escaped = unescape(text, index + 1);
        value += escaped.value;
        for (let i = 0; i < escaped.value.length; i++) valueOffsets.push(offsets[index]);
        index = escaped.next;
        continue;
      }
      if (char === '$' && options.variables && quote !== "'") {
        if (text[index + 1] === '$') {
          plain = false;
          value += '$';
          valueOffsets.push(offsets[index]);
          index += 2;
          continue;
        }
        const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(text.slice(index));
        const bare = braced ? undefined : /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(index));
        const reference = braced ?? bare;
        if (reference) {
          variables.push({ name: reference[1], braced: braced !== null && braced !== undefined, index: value.length });
          index += reference[0].length;
          continue;
        }
      }
      value += char;
      valueOffsets.push(offsets[index]);
      index++;
    }
    const endOffset = index < offsets.length ? offsets[index] : chars.end;
    const lastOffset = index > start ? offsets[index - 1] + 1 : endOffset;
    valueOffsets.push(valueOffsets.length > 0 ? valueOffsets[valueOffsets.length - 1] + 1 : lastOffset);
    tokens.push({ type: 'word', word: { value, offsets: valueOffsets, span: { start: offsets[start], end: lastOffset }, plain: plain && variables.length === 0 }, variables });
  }
  return tokens;
}

function unescape(text: string, at: number): { value: string; next: number } {
  const char = text[at];
  if (C_ESCAPES[char] !== undefined) return { value: C_ESCAPES[char], next: at + 1 };
  const hex = /^x([0-9a-fA-F]{2})/.exec(text.slice(at));
  if (hex) return { value: String.fromCharCode(parseInt(hex[1], 16)), next: at + 3 };
  const octal = /^([0-7]{3})/.exec(text.slice(at));
  if (octal) return { value: String.fromCharCode(parseInt(octal[1], 8)), next: at + 3 };
  return { value: char, next: at + 1 }; // systemd keeps unknown escapes' character in relaxed mode
}
