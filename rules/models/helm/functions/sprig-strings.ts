import { type GoValue, TemplateError } from '../value';
import { entry, intArg, spendOutput, stringArg } from './arguments';
import { sprintf } from './go-fmt';
import { quoteString } from './go-strconv';
import { strval } from './go-values';
import type { FunctionEntry } from './types';

/**
 * Sprig's string functions (strings.go and the string part of functions.go). Go strings are bytes; these work on
 * UTF-16 code units except where Go's rune handling shows (`trunc`/`substr` index bytes in Go: identical for ASCII).
 * A Go panic (substr out of range, negative repeat) becomes a TemplateError as text/template reports it.
 */

const goSpace = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

/** strings.TrimSpace (Go's unicode.IsSpace; unlike String.prototype.trim, not U+FEFF). */
export function trimSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && goSpace.test(text[start])) start++;
  while (end > start && goSpace.test(text[end - 1])) end--;
  return text.slice(start, end);
}

/** strings.Trim(text, cutset). */
function trimCutset(text: string, cutset: string): string {
  const runes = Array.from(text);
  const cut = new Set(Array.from(cutset));
  let start = 0;
  let end = runes.length;
  while (start < end && cut.has(runes[start])) start++;
  while (end > start && cut.has(runes[end - 1])) end--;
  return runes.slice(start, end).join('');
}

/** strings.Replace(text, old, replacement, -1); an empty `old` inserts around every rune, as Go does. */
export function replaceAll(text: string, old: string, replacement: string): string {
  if (old !== '') return text.split(old).join(replacement);
  return replacement + Array.from(text).join(replacement) + (text === '' ? '' : replacement);
}

/** strings.Title: the first letter of each word upper-cased (a word starts after a space or punctuation). */
function title(text: string): string {
  let previous = ' ';
  let out = '';
  for (const rune of text) {
    out += isSeparator(previous) ? rune.toUpperCase() : rune;
    previous = rune;
  }
  return out;
}

function isSeparator(rune: string): boolean {
  if (/^[0-9A-Za-z_]$/.test(rune)) return false;
  if (rune.charCodeAt(0) < 0x80) return true;
  if (/^[\p{L}\p{N}]$/u.test(rune)) return false;
  return /^\s$/u.test(rune);
}

/** goutils.Uncapitalize: the first letter of each space-separated word lower-cased. */
function untitle(text: string): string {
  let previous = ' ';
  let out = '';
  for (const rune of text) {
    out += /^\s$/u.test(previous) ? rune.toLowerCase() : rune;
    previous = rune;
  }
  return out;
}

function swapCase(text: string): string {
  let out = '';
  for (const rune of text) {
    const upper = rune.toUpperCase();
    out += rune === upper ? rune.toLowerCase() : upper;
  }
  return out;
}

/** goutils.Initials: the first rune of each whitespace-separated word. */
function initials(text: string): string {
  return text
    .split(/\s+/u)
    .filter(Boolean)
    .map((word) => Array.from(word)[0])
    .join('');
}

/** goutils.AbbreviateFull. */
function abbreviate(text: string, offset: number, maxWidth: number): string {
  if (text === '' || maxWidth < 4) return '';
  if (text.length <= maxWidth) return text;
  if (offset > text.length) offset = text.length;
  if (text.length - offset < maxWidth - 3) offset = text.length - (maxWidth - 3);
  if (offset <= 4) return text.slice(0, maxWidth - 3) + '...';
  if (maxWidth < 7) return '';
  if (offset + maxWidth - 3 < text.length) return '...' + abbreviate(text.slice(offset), 0, maxWidth - 3);
  return '...' + text.slice(text.length - (maxWidth - 3));
}

/** goutils.WrapCustom: break lines longer than `width` at spaces (long words kept whole unless `wrapLong`). */
function wrap(text: string, width: number, newline: string, wrapLong: boolean): string {
  if (width < 1) width = 1;
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > width) {
      if (rest[0] === ' ') {
        rest = rest.slice(1);
        continue;
      }
      let space = rest.lastIndexOf(' ', width);
      if (space <= 0) {
        if (wrapLong) space = width;
        else {
          space = rest.indexOf(' ', width);
          if (space < 0) break;
        }
        lines.push(rest.slice(0, space));
        rest = rest.slice(rest[space] === ' ' ? space + 1 : space);
        continue;
      }
      lines.push(rest.slice(0, space));
      rest = rest.slice(space + 1);
    }
    lines.push(rest);
  }
  return lines.join(newline);
}

/** Words for xstrings' case conversions: runs of letters split at lower→Upper and before the last of an UPPER run. */
function caseWords(text: string): string[] {
  const words: string[] = [];
  for (const chunk of text.split(/[^\p{L}\p{N}]+/u)) {
    const parts = chunk.match(/\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+[\p{N}]*|\p{Lu}+[\p{N}]*|[\p{N}]+\p{Ll}*|\p{L}+/gu);
    if (parts) words.push(...parts);
  }
  return words;
}

function lowerWords(text: string, connector: string): string {
  return caseWords(text)
    .map((word) => word.toLowerCase())
    .join(connector);
}

/** xstrings.ToCamelCase: `_` separates words, each word capitalised; leading underscores kept, `__` → `_`. */
function camelCase(text: string): string {
  const runes = Array.from(text);
  let out = '';
  let i = 0;
  while (i < runes.length && runes[i] === '_') out += runes[i++];
  if (i >= runes.length) return out;
  let previous = runes[i++].toUpperCase();
  for (; i < runes.length; i++) {
    let current = runes[i];
    if (previous === '_' && current === '_') {
      out += '_';
      continue;
    }
    if (previous === '_') current = current.toUpperCase();
    else out += previous;
    previous = current;
  }
  return out + previous;
}

function quoteAll(args: readonly GoValue[], quote: (text: string) => string): string {
  return args
    .filter((arg) => arg !== null)
    .map((arg) => quote(strval(arg)))
    .join(' ');
}

function indent(spaces: number, text: string): string {
  const pad = ' '.repeat(Math.max(spaces, 0));
  return pad + text.split('\n').join('\n' + pad);
}

/** Go's s[a:b] on a string, panicking like Go when out of range. */
function sliceString(text: string, start: number, end: number): string {
  if (start < 0 || end > text.length || start > end) {
    throw new TemplateError(`runtime error: slice bounds out of range [${start}:${end}] with length ${text.length}`);
  }
  return text.slice(start, end);
}

export const stringFunctions: Record<string, FunctionEntry> = {
  abbrev: entry((args) => {
    const width = intArg(args, 0);
    const text = stringArg(args, 1);
    return width < 4 ? text : abbreviate(text, 0, width);
  }, [2, 2]),
  abbrevboth: entry((args) => {
    const left = intArg(args, 0);
    const right = intArg(args, 1);
    const text = stringArg(args, 2);
    return right < 4 || (left > 0 && right < 7) ? text : abbreviate(text, left, right);
  }, [3, 3]),
  trunc: entry((args) => {
    const count = intArg(args, 0);
    const text = stringArg(args, 1);
    if (count < 0 && text.length + count > 0) return text.slice(text.length + count);
    if (count >= 0 && text.length > count) return text.slice(0, count);
    return text;
  }, [2, 2], true),
  trim: entry((args) => trimSpace(stringArg(args, 0)), [1, 1], true),
  upper: entry((args) => stringArg(args, 0).toUpperCase(), [1, 1], true),
  lower: entry((args) => stringArg(args, 0).toLowerCase(), [1, 1], true),
  title: entry((args) => title(stringArg(args, 0)), [1, 1], true),
  untitle: entry((args) => untitle(stringArg(args, 0)), [1, 1], true),
  substr: entry((args) => {
    const start = intArg(args, 0);
    const end = intArg(args, 1);
    const text = stringArg(args, 2);
    if (start < 0) return sliceString(text, 0, end);
    if (end < 0 || end > text.length) return sliceString(text, start, text.length);
    return sliceString(text, start, end);
  }, [3, 3], true),
  repeat: entry((args, call) => {
    const count = intArg(args, 0);
    const text = stringArg(args, 1);
    if (count < 0) throw new TemplateError('strings: negative Repeat count');
    spendOutput(call, count * text.length, 'repeat');
    return text.repeat(count);
  }, [2, 2]),
  trimall: entry((args) => trimCutset(stringArg(args, 1), stringArg(args, 0)), [2, 2], true),
  trimAll: entry((args) => trimCutset(stringArg(args, 1), stringArg(args, 0)), [2, 2], true),
  trimSuffix: entry((args) => {
    const suffix = stringArg(args, 0);
    const text = stringArg(args, 1);
    return suffix !== '' && text.endsWith(suffix) ? text.slice(0, text.length - suffix.length) : text;
  }, [2, 2], true),
  trimPrefix: entry((args) => {
    const prefix = stringArg(args, 0);
    const text = stringArg(args, 1);
    return text.startsWith(prefix) ? text.slice(prefix.length) : text;
  }, [2, 2], true),
  nospace: entry((args) => stringArg(args, 0).replace(/\s/gu, ''), [1, 1], true),
  initials: entry((args) => initials(stringArg(args, 0)), [1, 1]),
  swapcase: entry((args) => swapCase(stringArg(args, 0)), [1, 1], true),
  snakecase: entry((args) => lowerWords(stringArg(args, 0), '_'), [1, 1], true),
  kebabcase: entry((args) => lowerWords(stringArg(args, 0), '-'), [1, 1], true),
  camelcase: entry((args) => camelCase(stringArg(args, 0)), [1, 1], true),
  wrap: entry((args) => wrap(stringArg(args, 1), intArg(args, 0), '\n', false), [2, 2]),
  wrapWith: entry((args) => wrap(stringArg(args, 2), intArg(args, 0), stringArg(args, 1), true), [3, 3]),
  contains: entry((args) => stringArg(args, 1).includes(stringArg(args, 0)), [2, 2]),
  hasPrefix: entry((args) => stringArg(args, 1).startsWith(stringArg(args, 0)), [2, 2]),
  hasSuffix: entry((args) => stringArg(args, 1).endsWith(stringArg(args, 0)), [2, 2]),
  quote: entry((args) => quoteAll(args, (text) => quoteString(text)), [0, Infinity], true),
  squote: entry((args) => quoteAll(args, (text) => `'${text}'`), [0, Infinity], true),
  cat: entry((args) => {
    const present = args.filter((arg) => arg !== null);
    return sprintf(present.map(() => '%v').join(' '), present);
  }, [0, Infinity], true),
  indent: entry((args, call) => {
    const text = stringArg(args, 1);
    const spaces = intArg(args, 0);
    spendOutput(call, text.length + Math.max(spaces, 0) * (text.split('\n').length), 'indent');
    return indent(spaces, text);
  }, [2, 2], true),
  nindent: entry((args, call) => {
    const text = stringArg(args, 1);
    const spaces = intArg(args, 0);
    spendOutput(call, text.length + Math.max(spaces, 0) * (text.split('\n').length), 'nindent');
    return '\n' + indent(spaces, text);
  }, [2, 2], true),
  replace: entry((args) => replaceAll(stringArg(args, 2), stringArg(args, 0), stringArg(args, 1)), [3, 3], true),
  plural: entry((args) => (intArg(args, 2) === 1 ? stringArg(args, 0) : stringArg(args, 1)), [3, 3]),
  toString: entry((args) => strval(args[0]), [1, 1], true),
};
