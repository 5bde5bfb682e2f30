import type { GoValue } from '../value';
import { clearFlags, goTypeName, Printer } from './go-printer';

export { compareGoStrings, goTypeName } from './go-printer';

/**
 * Go's fmt for GoValues: Sprint, Sprintln and Sprintf with Go's verbs, flags, width, precision, argument indexes
 * and error forms (`%!d(string=x)`, `%!v(MISSING)`, `%!(EXTRA int=1)`, `%!(NOVERB)`, `%!d(BADINDEX)`).
 *
 * Differences from Go, by design of the value model: every integer is printed as Go's `int` (`%T` → `int`), every
 * float as `float64`; `%b`/`%x`/`%X` of a float (binary and hexadecimal float notation) are not supported and
 * print Go's bad-verb form. `%#v` prints Go syntax for strings, numbers, slices and maps, approximately for structs.
 */

/** fmt.Sprint: operands printed with %v, a space between two operands when neither is a string. */
export function sprint(args: readonly GoValue[]): string {
  const printer = new Printer();
  let previousString = false;
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string';
    if (i > 0 && !isString && !previousString) printer.out += ' ';
    printer.printArg(arg, 'v', 0);
    previousString = isString;
  });
  return printer.out;
}

/** fmt.Sprintln: operands printed with %v, always space-separated, then a newline. */
export function sprintln(args: readonly GoValue[]): string {
  const printer = new Printer();
  args.forEach((arg, i) => {
    if (i > 0) printer.out += ' ';
    printer.printArg(arg, 'v', 0);
  });
  return printer.out + '\n';
}

/** One value as `{{ . }}` and `%v` print it. */
export function formatValue(value: GoValue): string {
  return sprint([value]);
}

const tooLarge = 1_000_000;

/** Parses a decimal number at `index`; Go gives up on absurd widths. */
function parseNumber(format: string, index: number): { value?: number; next: number } {
  let next = index;
  let value = 0;
  while (next < format.length && format[next] >= '0' && format[next] <= '9') {
    if (value > tooLarge) return { next: format.length };
    value = value * 10 + (format.charCodeAt(next) - 48);
    next++;
  }
  return next === index ? { next } : { value, next };
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly GoValue[]): string {
  const printer = new Printer();
  let argIndex = 0;
  let reordered = false;
  let goodIndex = true;
  const end = format.length;

  /** `[n]` explicit argument index: sets argIndex and says whether one was read. */
  const readIndex = (i: number): { next: number; found: boolean } => {
    if (i >= end || format[i] !== '[') return { next: i, found: false };
    reordered = true;
    const close = format.indexOf(']', i + 1);
    if (close < 0) {
      goodIndex = false;
      return { next: i + 1, found: false };
    }
    const body = format.slice(i + 1, close);
    const number = /^[0-9]+$/.test(body) ? Number(body) : NaN;
    if (Number.isInteger(number) && number >= 1 && number - 1 < args.length) {
      argIndex = number - 1;
      return { next: close + 1, found: true };
    }
    goodIndex = false;
    return { next: close + 1, found: Number.isInteger(number) };
  };

  /** An int operand for `*`; Go accepts any integer kind, nothing else. */
  const intOperand = (): number | undefined => {
    if (argIndex >= args.length) return undefined;
    const arg = args[argIndex++];
    if (typeof arg !== 'bigint' || arg > BigInt(tooLarge) || arg < -BigInt(tooLarge)) return undefined;
    return Number(arg);
  };

  let i = 0;
  while (i < end) {
    const percent = format.indexOf('%', i);
    if (percent < 0) {
      printer.out += format.slice(i);
      break;
    }
    printer.out += format.slice(i, percent);
    i = percent + 1;
    const flags = (printer.flags = clearFlags());
    flagLoop: for (; i < end; i++) {
      switch (format[i]) {
        case '#':
          flags.sharp = true;
          break;
        case '0':
          flags.zero = !flags.minus;
          break;
        case '+':
          flags.plus = true;
          break;
        case '-':
          flags.minus = true;
          flags.zero = false;
          break;
        case ' ':
          flags.space = true;
          break;
        default:
          break flagLoop;
      }
    }
    goodIndex = true;
    let indexed = readIndex(i);
    i = indexed.next;
    if (i < end && format[i] === '*') {
      i++;
      const width = intOperand();
      if (width === undefined) printer.out += '%!(BADWIDTH)';
      else if (width < 0) {
        flags.width = -width;
        flags.minus = true;
        flags.zero = false;
      } else flags.width = width;
      indexed = { next: i, found: false };
    } else {
      const width = parseNumber(format, i);
      i = width.next;
      flags.width = width.value;
      if (indexed.found && width.value !== undefined) goodIndex = false;
    }
    if (i + 1 < end && format[i] === '.') {
      i++;
      if (indexed.found) goodIndex = false;
      indexed = readIndex(i);
      i = indexed.next;
      if (i < end && format[i] === '*') {
        i++;
        const precision = intOperand();
        if (precision === undefined || precision < 0) {
          flags.precision = undefined;
          if (precision === undefined) printer.out += '%!(BADPREC)';
        } else flags.precision = precision;
        indexed = { next: i, found: false };
      } else {
        const precision = parseNumber(format, i);
        i = precision.next;
        flags.precision = precision.value ?? 0;
      }
    }
    if (!indexed.found) {
      indexed = readIndex(i);
      i = indexed.next;
    }
    if (i >= end) {
      printer.out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') printer.out += '%';
    else if (!goodIndex) printer.out += `%!${verb}(BADINDEX)`;
    else if (argIndex >= args.length) printer.out += `%!${verb}(MISSING)`;
    else {
      if (verb === 'v') {
        flags.sharpV = flags.sharp;
        flags.sharp = false;
        flags.plusV = flags.plus;
        flags.plus = false;
      }
      printer.printArg(args[argIndex++], verb, 0);
    }
  }
  if (!reordered && argIndex < args.length) {
    printer.flags = clearFlags();
    printer.out += '%!(EXTRA ';
    args.slice(argIndex).forEach((arg, n) => {
      if (n > 0) printer.out += ', ';
      if (arg === null) printer.out += '<nil>';
      else {
        printer.out += goTypeName(arg) + '=';
        printer.printArg(arg, 'v', 0);
      }
    });
    printer.out += ')';
  }
  return printer.out;
}
