import type { GoValue } from '../value';
import { entry, intArg, spend, stringArg } from './arguments';
import { compileRegexp, type GoRegexp } from './regexp-machine';
import type { CallContext, FunctionEntry } from './types';

/**
 * Sprig's regex.go over Go's regexp semantics (RE2, leftmost-first), run by the linear-time matcher: FindAll skips an
 * empty match right after a match, ReplaceAll expands `$1`/`${name}`, Split drops the empty piece before an empty
 * first match. The plain forms panic on a bad pattern and the must* forms return the error: both stop the render.
 */

const cache = new Map<string, GoRegexp>();

function regexpOf(pattern: string): GoRegexp {
  let compiled = cache.get(pattern);
  if (!compiled) {
    compiled = compileRegexp(pattern);
    if (cache.size > 500) cache.clear();
    cache.set(pattern, compiled);
  }
  return compiled;
}

interface Subject {
  runes: number[];
  /** UTF-16 offset of each rune index (one extra for the end). */
  offsets: number[];
  text: string;
}

function subject(text: string): Subject {
  const runes: number[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const char of text) {
    runes.push(char.codePointAt(0)!);
    offsets.push(offset);
    offset += char.length;
  }
  offsets.push(offset);
  return { runes, offsets, text };
}

const matchCache = new Map<string, number[][]>();

/** Charts call the same pattern on the same text over and over (once per include): matching is pure, so remember. */
function allMatches(re: GoRegexp, input: Subject, limit: number, call: CallContext): number[][] {
  if (input.text.length > 4096) return findAll(re, input, limit, call);
  const key = `${limit}\u0000${re.source}\u0000${input.text}`;
  let matches = matchCache.get(key);
  if (!matches) {
    matches = findAll(re, input, limit, call);
    if (matchCache.size > 2000) matchCache.clear();
    matchCache.set(key, matches);
  }
  return matches;
}

/** Go's allMatches: up to `limit` matches (negative = all), no empty match abutting the previous one. */
function findAll(re: GoRegexp, input: Subject, limit: number, call: CallContext): number[][] {
  const out: number[][] = [];
  const end = input.runes.length;
  if (limit < 0) limit = end + 1;
  let previousEnd = -1;
  for (let position = 0; out.length < limit && position <= end; ) {
    spend(call, 1 + (end - position) / 64, 'regexp');
    const match = re.exec(input.runes, position);
    if (!match) break;
    let accept = true;
    if (match[1] === position) {
      if (match[0] === previousEnd) accept = false;
      position++;
    } else position = match[1];
    previousEnd = match[1];
    if (accept) out.push(match);
  }
  return out;
}

function slice(input: Subject, start: number, end: number): string {
  return input.text.slice(input.offsets[start], input.offsets[end]);
}

/** Regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`; an unknown group is empty. */
function expand(template: string, re: GoRegexp, input: Subject, match: number[]): string {
  return template.replace(/\$(\$|\{([A-Za-z0-9_]*)\}|([A-Za-z0-9_]+))/g, (all, token: string, braced?: string, bare?: string) => {
    if (token === '$') return '$';
    const name = braced ?? bare ?? '';
    if (braced !== undefined && name === '') return all;
    let group = /^[0-9]+$/.test(name) ? Number(name) : re.names.indexOf(name);
    if (group >= re.groupCount) group = -1;
    if (group < 0 || match[group * 2] < 0) return '';
    return slice(input, match[group * 2], match[group * 2 + 1]);
  });
}

/** Go's replaceAll: no replacement for an empty match right after a match; always advance. */
function replaceAll(re: GoRegexp, text: string, replacement: (match: number[], input: Subject) => string, call: CallContext): string {
  const input = subject(text);
  const end = input.runes.length;
  let out = '';
  let lastEnd = 0;
  let position = 0;
  while (position <= end) {
    spend(call, 1 + (end - position) / 64, 'regexp');
    const match = re.exec(input.runes, position);
    if (!match) break;
    out += slice(input, lastEnd, match[0]);
    if (match[1] > lastEnd || match[0] === 0) out += replacement(match, input);
    lastEnd = match[1];
    position = position + 1 > match[1] ? position + 1 : match[1];
  }
  return out + slice(input, lastEnd, end);
}

/** Regexp.Split. */
function split(re: GoRegexp, text: string, limit: number, call: CallContext): string[] {
  if (limit === 0) return [];
  if (re.source.length > 0 && text === '') return [''];
  const input = subject(text);
  const pieces: string[] = [];
  let begin = 0;
  let end = 0;
  for (const match of allMatches(re, input, limit, call)) {
    if (limit > 0 && pieces.length === limit - 1) break;
    end = match[0];
    if (match[1] !== 0) pieces.push(slice(input, begin, end));
    begin = match[1];
  }
  if (end !== input.runes.length) pieces.push(slice(input, begin, input.runes.length));
  return pieces;
}

/** regexp.QuoteMeta. */
export function quoteMeta(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

type RegexFunction = (args: readonly GoValue[], call: CallContext) => GoValue;

const regexFunctions: Record<string, [RegexFunction, number]> = {
  regexMatch: [(args, call) => allMatches(regexpOf(stringArg(args, 0)), subject(stringArg(args, 1)), 1, call).length > 0, 2],
  regexFindAll: [
    (args, call) => {
      const input = subject(stringArg(args, 1));
      return allMatches(regexpOf(stringArg(args, 0)), input, intArg(args, 2), call).map((match) => slice(input, match[0], match[1]));
    },
    3,
  ],
  regexFind: [
    (args, call) => {
      const input = subject(stringArg(args, 1));
      const [match] = allMatches(regexpOf(stringArg(args, 0)), input, 1, call);
      return match ? slice(input, match[0], match[1]) : '';
    },
    2,
  ],
  regexReplaceAll: [
    (args, call) => {
      const re = regexpOf(stringArg(args, 0));
      const template = stringArg(args, 2);
      return replaceAll(re, stringArg(args, 1), (match, input) => expand(template, re, input, match), call);
    },
    3,
  ],
  regexReplaceAllLiteral: [
    (args, call) => {
      const replacement = stringArg(args, 2);
      return replaceAll(regexpOf(stringArg(args, 0)), stringArg(args, 1), () => replacement, call);
    },
    3,
  ],
  regexSplit: [(args, call) => split(regexpOf(stringArg(args, 0)), stringArg(args, 1), intArg(args, 2), call), 3],
};

export const regexFunctionTable: Record<string, FunctionEntry> = {
  regexQuoteMeta: entry((args) => quoteMeta(stringArg(args, 0)), [1, 1]),
  ...Object.fromEntries(
    Object.entries(regexFunctions).flatMap(([name, [fn, arity]]) => {
      const wrapped = entry(fn, [arity, arity]);
      return [
        [name, wrapped],
        ['must' + name[0].toUpperCase() + name.slice(1), wrapped],
      ];
    }),
  ),
};
