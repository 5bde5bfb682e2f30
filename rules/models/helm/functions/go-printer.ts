import { GoMethodMap, GoObject, type GoValue, isGoMap, TemplateError } from '../value';
import { canBackquote, type FloatFormat, formatFloat, isPrintableRune, quoteRune, quoteString, utf8Bytes } from './go-strconv';

/**
 * The printer behind go-fmt.ts: one Sprint/Sprintf call's output and the current verb's flags (Go's `pp` and
 * `fmt`), printing each kind of GoValue per verb as Go's fmt does, with Go's bad-verb form for a mismatch.
 */

/** The Go type name `%T` and the error forms print for a value. */
export function goTypeName(value: GoValue): string {
  if (value === null) return '<nil>';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
  }
  if (value instanceof Uint8Array) return '[]uint8';
  if (Array.isArray(value)) return '[]interface {}';
  if (value instanceof GoMethodMap) return value.typeName;
  if (isGoMap(value)) return 'map[string]interface {}';
  return (value as GoObject).typeName;
}

const lowerDigits = '0123456789abcdefx';
const upperDigits = '0123456789ABCDEFX';

export interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  width?: number;
  precision?: number;
}

export function clearFlags(): Flags {
  return { plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false };
}

function runeCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** One Sprint/Sprintf call: the output so far and the current verb's flags (Go's `pp` + `fmt`). */
export class Printer {
  out = '';
  flags: Flags = clearFlags();

  private padding(count: number): string {
    return count > 0 ? (this.flags.zero ? '0' : ' ').repeat(count) : '';
  }

  /** Writes `text` padded to the width (left unless `-`). */
  pad(text: string): void {
    const width = this.flags.width;
    if (width === undefined) {
      this.out += text;
      return;
    }
    const missing = width - runeCount(text);
    this.out += this.flags.minus ? text + ' '.repeat(Math.max(missing, 0)) : this.padding(missing) + text;
  }

  private truncate(text: string): string {
    const precision = this.flags.precision;
    if (precision === undefined) return text;
    return Array.from(text).slice(0, precision).join('');
  }

  private badVerb(verb: string, arg: GoValue): void {
    this.out += '%!' + verb + '(';
    if (arg === null) this.out += '<nil>';
    else {
      this.out += goTypeName(arg) + '=';
      this.printArg(arg, 'v', 0);
    }
    this.out += ')';
  }

  printArg(arg: GoValue, verb: string, depth: number): void {
    // Go's fmt recurses without limit (a cyclic map crashes it); stop before JavaScript's stack does.
    if (depth > 1000) throw new TemplateError('fmt: value nested too deeply (a cycle?)');
    if (arg === null) {
      // Go prints a nil inside a slice or map as <nil> whatever the verb; a nil operand with another verb is an error.
      if (verb === 'T' || verb === 'v' || depth > 0) this.pad('<nil>');
      else this.badVerb(verb, arg);
      return;
    }
    if (verb === 'T') {
      this.pad(goTypeName(arg));
      return;
    }
    switch (typeof arg) {
      case 'boolean':
        if (verb === 't' || verb === 'v') this.pad(arg ? 'true' : 'false');
        else this.badVerb(verb, arg);
        return;
      case 'number':
        return this.printFloat(arg, verb);
      case 'bigint':
        return this.printInteger(arg, verb);
      case 'string':
        return this.printString(arg, verb);
    }
    if (arg instanceof Uint8Array) return this.printBytes(arg, verb, depth);
    if (Array.isArray(arg)) return this.printList(arg, verb, depth);
    if (isGoMap(arg)) return this.printMap(arg, verb, depth);
    // A value with a String method is a fmt.Stringer: %v and %s print what it returns.
    const stringer = (arg as GoObject).methods.get('String');
    if (stringer && 'vsqxX'.includes(verb) && !this.flags.sharpV) return this.printString(String(stringer([])), verb);
    this.printObject(arg as GoObject, verb, depth);
  }

  private printFloat(value: number, verb: string): void {
    let format: FloatFormat;
    let precision: number;
    switch (verb) {
      case 'v':
      case 'g':
      case 'G':
        format = verb === 'G' ? 'G' : 'g';
        precision = -1;
        break;
      case 'e':
      case 'E':
      case 'f':
      case 'F':
        format = verb === 'F' ? 'f' : verb;
        precision = 6;
        break;
      default:
        return this.badVerb(verb, value);
    }
    if (this.flags.precision !== undefined) precision = this.flags.precision;
    let text = formatFloat(value, format, precision);
    let sign = text[0] === '-' || text[0] === '+' ? text[0] : '+';
    if (text[0] === '-' || text[0] === '+') text = text.slice(1);
    if (this.flags.space && sign === '+' && !this.flags.plus) sign = ' ';
    if (text === 'Inf' || text === 'NaN') {
      // Infinities and NaN are never zero-padded; NaN shows a sign only when asked for.
      const zero = this.flags.zero;
      this.flags.zero = false;
      if (text === 'NaN' && !this.flags.space && !this.flags.plus) this.pad(text);
      else this.pad(sign + text);
      this.flags.zero = zero;
      return;
    }
    if (this.flags.plus || sign !== '+') {
      const width = this.flags.width;
      if (this.flags.zero && !this.flags.minus && width !== undefined && width > text.length + 1) {
        this.out += sign + '0'.repeat(width - text.length - 1) + text;
        return;
      }
      this.pad(sign + text);
      return;
    }
    this.pad(text);
  }

  private printInteger(value: bigint, verb: string): void {
    switch (verb) {
      case 'v':
      case 'd':
        return this.formatInteger(value, 10, verb, lowerDigits);
      case 'b':
        return this.formatInteger(value, 2, verb, lowerDigits);
      case 'o':
      case 'O':
        return this.formatInteger(value, 8, verb, lowerDigits);
      case 'x':
        return this.formatInteger(value, 16, verb, lowerDigits);
      case 'X':
        return this.formatInteger(value, 16, verb, upperDigits);
      case 'c':
        return this.pad(runeText(value));
      case 'q':
        return this.printQuotedRune(value);
      case 'U':
        return this.printUnicode(value);
      default:
        return this.badVerb(verb, value);
    }
  }

  private formatInteger(value: bigint, base: number, verb: string, digitSet: string): void {
    const negative = value < 0n;
    const magnitude = negative ? -value : value;
    const { flags } = this;
    let precision = 0;
    if (flags.precision !== undefined) {
      precision = flags.precision;
      if (precision === 0 && magnitude === 0n) {
        // %.0d of 0 prints nothing but the padding.
        const zero = flags.zero;
        flags.zero = false;
        this.out += this.padding(flags.width ?? 0);
        flags.zero = zero;
        return;
      }
    } else if (flags.zero && !flags.minus && flags.width !== undefined) {
      precision = flags.width;
      if (negative || flags.plus || flags.space) precision--;
    }
    let digits = magnitude.toString(base);
    if (digitSet === upperDigits) digits = digits.toUpperCase();
    if (digits.length < precision) digits = '0'.repeat(precision - digits.length) + digits;
    if (flags.sharp) {
      if (base === 2) digits = '0b' + digits;
      else if (base === 8 && digits[0] !== '0') digits = '0' + digits;
      else if (base === 16) digits = '0' + digitSet[16] + digits;
    }
    if (verb === 'O') digits = '0o' + digits;
    if (negative) digits = '-' + digits;
    else if (flags.plus) digits = '+' + digits;
    else if (flags.space) digits = ' ' + digits;
    const zero = flags.zero;
    flags.zero = false;
    this.pad(digits);
    flags.zero = zero;
  }

  private printQuotedRune(value: bigint): void {
    const code = value < 0n || value > 0x10ffffn ? 0xfffd : Number(value);
    const rune = String.fromCodePoint(code >= 0xd800 && code <= 0xdfff ? 0xfffd : code);
    if (this.flags.sharp && isPrintableRune(rune)) this.pad(`'${rune}'`);
    else this.pad(quoteRune(code, this.flags.plus));
  }

  private printUnicode(value: bigint): void {
    const magnitude = value < 0n ? -value : value;
    let hex = magnitude.toString(16).toUpperCase();
    const precision = Math.max(this.flags.precision ?? 4, 4);
    if (hex.length < precision) hex = '0'.repeat(precision - hex.length) + hex;
    let text = 'U+' + hex;
    if (this.flags.sharp && value >= 0n && value <= 0x10ffffn) {
      const rune = runeText(value);
      if (isPrintableRune(rune)) text += ` '${rune}'`;
    }
    const zero = this.flags.zero;
    this.flags.zero = false;
    this.pad(text);
    this.flags.zero = zero;
  }

  private printString(value: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.flags.sharpV) return this.printQuoted(value);
        return this.pad(this.truncate(value));
      case 's':
        return this.pad(this.truncate(value));
      case 'x':
        return this.printHex(utf8Bytes(value), lowerDigits);
      case 'X':
        return this.printHex(utf8Bytes(value), upperDigits);
      case 'q':
        return this.printQuoted(value);
      default:
        return this.badVerb(verb, value);
    }
  }

  private printQuoted(value: string): void {
    const text = this.truncate(value);
    if (this.flags.sharp && canBackquote(text)) this.pad('`' + text + '`');
    else this.pad(quoteString(text, this.flags.plus));
  }

  /** %x of a string or []byte: two digits a byte, `% x` spaced, `%#x` with 0x. */
  private printHex(bytes: Uint8Array, digitSet: string): void {
    const { flags } = this;
    let length = bytes.length;
    if (flags.precision !== undefined && flags.precision < length) length = flags.precision;
    let width = 2 * length;
    if (width === 0) {
      if (flags.width !== undefined) this.out += this.padding(flags.width);
      return;
    }
    if (flags.space) {
      if (flags.sharp) width *= 2;
      width += length - 1;
    } else if (flags.sharp) width += 2;
    const padCount = flags.width !== undefined && flags.width > width ? flags.width - width : 0;
    if (!flags.minus) this.out += this.padding(padCount);
    let text = flags.sharp ? '0' + digitSet[16] : '';
    for (let i = 0; i < length; i++) {
      if (flags.space && i > 0) text += flags.sharp ? ' 0' + digitSet[16] : ' ';
      text += digitSet[bytes[i] >> 4] + digitSet[bytes[i] & 15];
    }
    this.out += text;
    if (flags.minus) this.out += this.padding(padCount);
  }

  private printBytes(value: Uint8Array, verb: string, depth: number): void {
    switch (verb) {
      case 's':
        return this.pad(this.truncate(new TextDecoder().decode(value)));
      case 'x':
        return this.printHex(value, lowerDigits);
      case 'X':
        return this.printHex(value, upperDigits);
      case 'q':
        return this.printQuoted(new TextDecoder().decode(value));
    }
    if (this.flags.sharpV) {
      this.out += '[]byte{';
      value.forEach((byte, i) => {
        if (i > 0) this.out += ', ';
        this.out += '0x' + byte.toString(16);
      });
      this.out += '}';
      return;
    }
    this.printList(Array.from(value, (byte) => BigInt(byte)), verb === 'v' ? 'd' : verb, depth);
  }

  private printList(list: readonly GoValue[], verb: string, depth: number): void {
    if (this.flags.sharpV) {
      this.out += '[]interface {}{';
      list.forEach((item, i) => {
        if (i > 0) this.out += ', ';
        this.printArg(item, verb, depth + 1);
      });
      this.out += '}';
      return;
    }
    this.out += '[';
    list.forEach((item, i) => {
      if (i > 0) this.out += ' ';
      this.printArg(item, verb, depth + 1);
    });
    this.out += ']';
  }

  private printMap(map: ReadonlyMap<string, GoValue>, verb: string, depth: number): void {
    const keys = [...map.keys()].sort(compareGoStrings);
    if (this.flags.sharpV) {
      this.out += 'map[string]interface {}{';
      keys.forEach((key, i) => {
        if (i > 0) this.out += ', ';
        this.out += quoteString(key) + ':';
        this.printArg(map.get(key)!, verb, depth + 1);
      });
      this.out += '}';
      return;
    }
    this.out += 'map[';
    keys.forEach((key, i) => {
      if (i > 0) this.out += ' ';
      this.printArg(key, verb, depth + 1);
      this.out += ':';
      this.printArg(map.get(key)!, verb, depth + 1);
    });
    this.out += ']';
  }

  private printObject(object: GoObject, verb: string, depth: number): void {
    if (object.typeName.startsWith('*')) {
      // Go prints a pointer to a struct as &{…} at the top level and as an address inside a container.
      if (depth > 0) {
        this.pad('0xc000000000');
        return;
      }
      this.out += '&';
    }
    this.out += this.flags.sharpV ? object.typeName.replace(/^\*/, '') + '{' : '{';
    let first = true;
    for (const [name, value] of object.fields) {
      if (!first) this.out += this.flags.sharpV ? ', ' : ' ';
      first = false;
      if (this.flags.plusV || this.flags.sharpV) this.out += name + ':';
      this.printArg(value, verb, depth + 1);
    }
    this.out += '}';
  }
}

function runeText(value: bigint): string {
  const code = value < 0n || value > 0x10ffffn || (value >= 0xd800n && value <= 0xdfffn) ? 0xfffd : Number(value);
  return String.fromCodePoint(code);
}

/**
 * Go compares strings by their UTF-8 bytes; for sorting map keys that is code-point order. Without surrogates a
 * code unit is a code point, so most pairs are decided on code units without building rune arrays (a scan sorts
 * every printed map's keys).
 */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const left = a.charCodeAt(i);
    const right = b.charCodeAt(i);
    if (isSurrogate(left) || isSurrogate(right)) return compareRunes(a, b);
    if (left !== right) return left - right;
  }
  for (let i = length; i < a.length; i++) if (isSurrogate(a.charCodeAt(i))) return compareRunes(a, b);
  for (let i = length; i < b.length; i++) if (isSurrogate(b.charCodeAt(i))) return compareRunes(a, b);
  return a.length - b.length;
}

function isSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdfff;
}

/** compareGoStrings on code points: the difference of the first two that differ, else of the lengths in code points. */
function compareRunes(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const difference = left[i].codePointAt(0)! - right[i].codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

