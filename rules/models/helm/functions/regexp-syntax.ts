import { TemplateError } from '../value';

/**
 * Go's regexp syntax (RE2) parsed into a small tree for the linear-time matcher in regexp-machine.ts. JavaScript's
 * RegExp backtracks, so a chart's pattern such as `(a+)+$` could hang the linter; RE2 semantics never do.
 *
 * Supported: literals and escapes (\t \n \x41 \x{263a} \Q…\E), `.`, classes with ranges and negation, Perl classes
 * \d \w \s (and negations), POSIX [[:alpha:]], Unicode \pL \p{Greek}, anchors ^ $ \A \z \b \B, groups (capturing,
 * (?:…), (?P<name>…), (?<name>…)), flags (?i) (?m) (?s) (?U) and (?i:…), repetition * + ? {n} {n,} {n,m} with
 * non-greedy forms, alternation. Characters are Unicode code points, as Go's runes.
 */

export type CharTest = (code: number) => boolean;

export type RegexNode =
  | { type: 'char'; test: CharTest }
  | { type: 'concat'; items: RegexNode[] }
  | { type: 'alt'; items: RegexNode[] }
  | { type: 'repeat'; item: RegexNode; min: number; max: number; greedy: boolean }
  | { type: 'group'; item: RegexNode; index: number }
  | { type: 'assert'; kind: 'bol' | 'eol' | 'bot' | 'eot' | 'word' | 'notword' }
  | { type: 'empty' };

export interface ParsedRegex {
  root: RegexNode;
  /** Capture groups, 1-based; names[i] is group i's name or ''. */
  names: string[];
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

type Range = [number, number];

const maxRepeat = 1000;

function syntaxError(message: string, text: string): never {
  throw new TemplateError(`error parsing regexp: ${message}: \`${text}\``);
}

function fold(code: number): number[] {
  const char = String.fromCodePoint(code);
  const out = new Set([code]);
  for (const variant of [char.toLowerCase(), char.toUpperCase()]) {
    if (Array.from(variant).length === 1) out.add(variant.codePointAt(0)!);
  }
  return [...out];
}

function rangeTest(ranges: Range[], negated: boolean, caseless: boolean): CharTest {
  const inRanges = (code: number) => ranges.some(([low, high]) => code >= low && code <= high);
  const matches = caseless ? (code: number) => fold(code).some(inRanges) : inRanges;
  return negated ? (code) => !matches(code) : matches;
}

const perlClasses: Record<string, Range[]> = {
  d: [[48, 57]],
  s: [[9, 10], [12, 13], [32, 32]],
  w: [[48, 57], [65, 90], [95, 95], [97, 122]],
};

const posixClasses: Record<string, Range[]> = {
  alnum: [[48, 57], [65, 90], [97, 122]],
  alpha: [[65, 90], [97, 122]],
  ascii: [[0, 127]],
  blank: [[9, 9], [32, 32]],
  cntrl: [[0, 31], [127, 127]],
  digit: [[48, 57]],
  graph: [[33, 126]],
  lower: [[97, 122]],
  print: [[32, 126]],
  punct: [[33, 47], [58, 64], [91, 96], [123, 126]],
  space: [[9, 13], [32, 32]],
  upper: [[65, 90]],
  word: [[48, 57], [65, 90], [95, 95], [97, 122]],
  xdigit: [[48, 57], [65, 70], [97, 102]],
};

function complement(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [low, high] of sorted) {
    if (low > next) out.push([next, low - 1]);
    next = Math.max(next, high + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

/** \p{Name} through JavaScript's Unicode property escapes (a single-character test cannot backtrack). */
function unicodeClass(name: string, negated: boolean, text: string): CharTest {
  let property: RegExp;
  try {
    property = name === 'Any' ? /[^]/u : new RegExp(`^\\p{${name.length <= 2 ? name : `Script=${name}`}}$`, 'u');
  } catch {
    syntaxError('invalid character class range', text);
  }
  return (code) => property.test(String.fromCodePoint(code)) !== negated;
}

class Parser {
  private pos = 0;
  readonly names: string[] = [''];

  constructor(
    private readonly source: number[],
    private readonly text: string,
  ) {}

  private peek(offset = 0): number | undefined {
    return this.source[this.pos + offset];
  }

  private is(char: string, offset = 0): boolean {
    return this.source[this.pos + offset] === char.codePointAt(0);
  }

  parse(): ParsedRegex {
    const root = this.alternation({ i: false, m: false, s: false, U: false });
    if (this.pos < this.source.length) syntaxError('unexpected )', this.text);
    return { root, names: this.names };
  }

  private alternation(flags: Flags): RegexNode {
    const items = [this.concatenation(flags)];
    while (this.is('|')) {
      this.pos++;
      items.push(this.concatenation(flags));
    }
    return items.length === 1 ? items[0] : { type: 'alt', items };
  }

  private concatenation(flags: Flags): RegexNode {
    const items: RegexNode[] = [];
    while (this.pos < this.source.length && !this.is('|') && !this.is(')')) {
      if (this.is('(') && this.is('?', 1) && this.applyFlagGroup(flags)) continue;
      const atom = this.atom(flags);
      if (atom) items.push(this.repetition(atom, flags));
    }
    return items.length === 1 ? items[0] : items.length === 0 ? { type: 'empty' } : { type: 'concat', items };
  }

  /** `(?i)`-style flag settings for the rest of the group; returns false for a group with content. */
  private applyFlagGroup(flags: Flags): boolean {
    let i = this.pos + 2;
    let negate = false;
    const changes: [keyof Flags, boolean][] = [];
    for (; i < this.source.length; i++) {
      const char = String.fromCodePoint(this.source[i]);
      if (char === ')') break;
      if (char === ':') return false;
      if (char === '-' && !negate) negate = true;
      else if (char === 'i' || char === 'm' || char === 's' || char === 'U') changes.push([char, !negate]);
      else return false;
    }
    if (i >= this.source.length || changes.length === 0) return false;
    for (const [flag, value] of changes) flags[flag] = value;
    this.pos = i + 1;
    return true;
  }

  private repetition(atom: RegexNode, flags: Flags): RegexNode {
    let node = atom;
    for (;;) {
      let min: number;
      let max: number;
      if (this.is('*')) [min, max] = [0, -1];
      else if (this.is('+')) [min, max] = [1, -1];
      else if (this.is('?')) [min, max] = [0, 1];
      else if (this.is('{')) {
        const counted = /^\{(\d+)(,(\d*))?\}/.exec(String.fromCodePoint(...this.source.slice(this.pos, this.pos + 16)));
        if (!counted) return node;
        min = Number(counted[1]);
        max = counted[2] === undefined ? min : counted[3] === '' ? -1 : Number(counted[3]);
        if (min > maxRepeat || max > maxRepeat || (max >= 0 && max < min)) syntaxError('invalid repeat count', counted[0]);
        this.pos += counted[0].length - 1;
      } else return node;
      this.pos++;
      let greedy = true;
      if (this.is('?')) {
        greedy = false;
        this.pos++;
      }
      if (node.type === 'repeat' && atom === node) syntaxError('invalid nested repetition operator', this.text);
      if (flags.U) greedy = !greedy;
      node = { type: 'repeat', item: node, min, max, greedy };
      atom = node;
    }
  }

  private atom(flags: Flags): RegexNode | undefined {
    const code = this.peek()!;
    const char = String.fromCodePoint(code);
    this.pos++;
    switch (char) {
      case '(':
        return this.group(flags);
      case '[':
        return { type: 'char', test: this.charClass(flags) };
      case '.':
        return { type: 'char', test: flags.s ? () => true : (c) => c !== 10 };
      case '^':
        return { type: 'assert', kind: flags.m ? 'bol' : 'bot' };
      case '$':
        return { type: 'assert', kind: flags.m ? 'eol' : 'eot' };
      case '\\':
        return this.escape(flags);
      case '*':
      case '+':
      case '?':
        syntaxError('missing argument to repetition operator', char);
      // falls through (syntaxError never returns)
      default:
        return this.literal(code, flags);
    }
  }

  private literal(code: number, flags: Flags): RegexNode {
    return { type: 'char', test: rangeTest([[code, code]], false, flags.i) };
  }

  private group(outer: Flags): RegexNode {
    const flags = { ...outer };
    let index = -1;
    if (this.is('?')) {
      const rest = String.fromCodePoint(...this.source.slice(this.pos, this.pos + 64));
      const named = /^\?P?<([A-Za-z0-9_]+)>/.exec(rest);
      if (named) {
        index = this.names.length;
        this.names.push(named[1]);
        this.pos += named[0].length;
      } else {
        const flagged = /^\?(-?[imsU]+|[imsU]+-[imsU]+)?:/.exec(rest);
        if (!flagged) syntaxError('invalid or unsupported Perl syntax', '(' + rest.slice(0, 2));
        let value = true;
        for (const c of flagged[1] ?? '') {
          if (c === '-') value = false;
          else flags[c as keyof Flags] = value;
        }
        this.pos += flagged[0].length;
      }
    } else {
      index = this.names.length;
      this.names.push('');
    }
    const item = this.alternation(flags);
    if (!this.is(')')) syntaxError('missing closing )', this.text);
    this.pos++;
    return index < 0 ? item : { type: 'group', item, index };
  }

  /** An escape outside a class. */
  private escape(flags: Flags): RegexNode {
    const char = this.peek() === undefined ? '' : String.fromCodePoint(this.peek()!);
    if (char === '') syntaxError('trailing backslash at end of expression', '');
    switch (char) {
      case 'A':
        this.pos++;
        return { type: 'assert', kind: 'bot' };
      case 'z':
        this.pos++;
        return { type: 'assert', kind: 'eot' };
      case 'b':
        this.pos++;
        return { type: 'assert', kind: 'word' };
      case 'B':
        this.pos++;
        return { type: 'assert', kind: 'notword' };
      case 'Q': {
        this.pos++;
        const items: RegexNode[] = [];
        while (this.pos < this.source.length && !(this.is('\\') && this.is('E', 1))) items.push(this.literal(this.source[this.pos++], flags));
        if (this.pos < this.source.length) this.pos += 2;
        return { type: 'concat', items };
      }
    }
    const ranges = this.classEscape();
    if (ranges) return { type: 'char', test: typeof ranges === 'function' ? ranges : rangeTest(ranges, false, flags.i) };
    return this.literal(this.escapedCode(), flags);
  }

  /** \d \w \s \D \W \S \pX \p{Name} \PX: ranges, a test, or undefined when the escape is not a class. */
  private classEscape(): Range[] | CharTest | undefined {
    const char = String.fromCodePoint(this.peek()!);
    const lower = char.toLowerCase();
    if (perlClasses[lower] && (char === lower || char === char.toUpperCase())) {
      this.pos++;
      return char === lower ? perlClasses[lower] : complement(perlClasses[lower]);
    }
    if (char === 'p' || char === 'P') {
      this.pos++;
      let name: string;
      if (this.is('{')) {
        const close = this.source.indexOf(125, this.pos);
        if (close < 0) syntaxError('invalid character class range', this.text);
        name = String.fromCodePoint(...this.source.slice(this.pos + 1, close));
        this.pos = close + 1;
      } else name = String.fromCodePoint(this.source[this.pos++] ?? 63);
      let negated = char === 'P';
      if (name.startsWith('^')) {
        negated = !negated;
        name = name.slice(1);
      }
      return unicodeClass(name, negated, this.text);
    }
    return undefined;
  }

  /** A single-character escape: \n, \x41, \x{263a}, \123, \. … */
  private escapedCode(): number {
    const char = String.fromCodePoint(this.source[this.pos++]);
    const simple: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (char in simple) return simple[char];
    if (char === 'x') {
      const rest = String.fromCodePoint(...this.source.slice(this.pos, this.pos + 12));
      const hex = /^\{([0-9a-fA-F]{1,6})\}|^([0-9a-fA-F]{2})/.exec(rest);
      if (!hex) syntaxError('invalid escape sequence', '\\x' + rest.slice(0, 2));
      this.pos += hex[0].length;
      return parseInt(hex[1] ?? hex[2], 16);
    }
    if (char >= '0' && char <= '7') {
      let digits = char;
      while (digits.length < 3 && this.peek() !== undefined && this.peek()! >= 48 && this.peek()! <= 55) digits += String.fromCodePoint(this.source[this.pos++]);
      if (digits !== '0' && digits.length < 2 && char !== '0') syntaxError('invalid escape sequence', '\\' + digits);
      return parseInt(digits, 8);
    }
    if (/^[\p{L}\p{N}]$/u.test(char)) syntaxError('invalid escape sequence', '\\' + char);
    return char.codePointAt(0)!;
  }

  private charClass(flags: Flags): CharTest {
    let negated = false;
    if (this.is('^')) {
      negated = true;
      this.pos++;
    }
    const ranges: Range[] = [];
    const tests: CharTest[] = [];
    let first = true;
    while (this.pos < this.source.length && (first || !this.is(']'))) {
      first = false;
      if (this.is('[') && this.is(':', 1)) {
        const rest = String.fromCodePoint(...this.source.slice(this.pos, this.pos + 12));
        const posix = /^\[:(\^?)([a-z]+):\]/.exec(rest);
        if (posix) {
          const set = posixClasses[posix[2]];
          if (!set) syntaxError('invalid character class range', posix[0]);
          ranges.push(...(posix[1] ? complement(set) : set));
          this.pos += posix[0].length;
          continue;
        }
      }
      let low: number;
      if (this.is('\\')) {
        this.pos++;
        if (this.pos >= this.source.length) syntaxError('missing closing ]', this.text);
        const escaped = this.classEscape();
        if (escaped) {
          if (typeof escaped === 'function') tests.push(escaped);
          else ranges.push(...escaped);
          continue;
        }
        low = this.escapedCode();
      } else low = this.source[this.pos++];
      let high = low;
      if (this.is('-') && !this.is(']', 1) && this.pos + 1 < this.source.length) {
        this.pos++;
        if (this.is('\\')) {
          this.pos++;
          high = this.escapedCode();
        } else high = this.source[this.pos++];
        if (high < low) syntaxError('invalid character class range', this.text);
      }
      ranges.push([low, high]);
    }
    if (!this.is(']')) syntaxError('missing closing ]', this.text);
    this.pos++;
    const inRanges = rangeTest(ranges, false, flags.i);
    const matches = tests.length === 0 ? inRanges : (code: number) => inRanges(code) || tests.some((test) => test(code));
    return negated ? (code) => !matches(code) : matches;
  }
}

/** Parses a Go (RE2) regular expression; syntax errors are Go's `error parsing regexp: …`. */
export function parseRegex(pattern: string): ParsedRegex {
  return new Parser(Array.from(pattern, (char) => char.codePointAt(0)!), pattern).parse();
}
