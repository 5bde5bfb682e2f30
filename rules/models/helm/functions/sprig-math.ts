import { type GoValue, TemplateError } from '../value';
import { entry, intArg } from './arguments';
import { toFloat64, toInt64 } from './go-values';
import type { FunctionEntry } from './types';

/**
 * Sprig's numeric.go. Integer functions convert every operand with cast.ToInt64 and return int64 (wrapping as Go
 * does on overflow); `…f` functions use shopspring/decimal on each operand's shortest decimal form, so
 * `addf 1.1 2.2` is 3.3 (not 3.3000000000000003) and `divf` rounds to 16 decimal places, half away from zero.
 */

const wrap = (value: bigint) => BigInt.asIntN(64, value);

function divideInts(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new TemplateError('runtime error: integer divide by zero');
  return wrap(a / b);
}

/** A shopspring decimal: coefficient × 10^exponent. */
interface Decimal {
  coefficient: bigint;
  exponent: number;
}

function decimalOf(value: number): Decimal {
  if (!Number.isFinite(value)) throw new TemplateError(`Cannot create a Decimal from ${value}`);
  if (value === 0) return { coefficient: 0n, exponent: 0 };
  const [mantissa, exponent] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const coefficient = BigInt(digits) * (value < 0 ? -1n : 1n);
  return { coefficient, exponent: Number(exponent) - (digits.length - 1) };
}

function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const exponent = Math.min(a.exponent, b.exponent);
  return [a.coefficient * 10n ** BigInt(a.exponent - exponent), b.coefficient * 10n ** BigInt(b.exponent - exponent), exponent];
}

const divisionPrecision = 16;

const decimalOps: Record<string, (a: Decimal, b: Decimal) => Decimal> = {
  add: (a, b) => {
    const [x, y, exponent] = aligned(a, b);
    return { coefficient: x + y, exponent };
  },
  sub: (a, b) => {
    const [x, y, exponent] = aligned(a, b);
    return { coefficient: x - y, exponent };
  },
  mul: (a, b) => ({ coefficient: a.coefficient * b.coefficient, exponent: a.exponent + b.exponent }),
  div: (a, b) => {
    if (b.coefficient === 0n) throw new TemplateError('decimal division by zero');
    const shift = a.exponent - b.exponent + divisionPrecision;
    let numerator = a.coefficient;
    let denominator = b.coefficient;
    if (shift >= 0) numerator *= 10n ** BigInt(shift);
    else denominator *= 10n ** BigInt(-shift);
    if (denominator < 0n) [numerator, denominator] = [-numerator, -denominator];
    let quotient = numerator / denominator;
    const remainder = numerator % denominator;
    const twice = (remainder < 0n ? -remainder : remainder) * 2n;
    if (twice >= denominator) quotient += numerator < 0n ? -1n : 1n;
    return { coefficient: quotient, exponent: -divisionPrecision };
  },
};

function decimalOp(first: GoValue, rest: readonly GoValue[], op: string): number {
  let result = decimalOf(toFloat64(first));
  for (const operand of rest) result = decimalOps[op](result, decimalOf(toFloat64(operand)));
  return Number(`${result.coefficient}e${result.exponent}`);
}

function floatArg(args: readonly GoValue[], index: number): number {
  const value = args[index];
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new TemplateError(`wrong type for value; expected float64; got ${value === null ? 'nil' : typeof value}`);
}

/** Sprig's round: half (or `roundOn`) away from the floor, at `places` decimals. */
function round(value: number, places: number, roundOn: number): number {
  const power = 10 ** places;
  const digit = power * value;
  const fraction = digit - Math.trunc(digit);
  return (fraction >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / power;
}

function extreme(args: readonly GoValue[], pick: (a: bigint, b: bigint) => boolean): bigint {
  let result = toInt64(args[0]);
  for (const arg of args.slice(1)) {
    const value = toInt64(arg);
    if (pick(value, result)) result = value;
  }
  return result;
}

export const mathFunctions: Record<string, FunctionEntry> = {
  add1: entry((args) => wrap(toInt64(args[0]) + 1n), [1, 1]),
  add: entry((args) => wrap(args.reduce<bigint>((sum, arg) => sum + toInt64(arg), 0n)), [0, Infinity]),
  sub: entry((args) => wrap(toInt64(args[0]) - toInt64(args[1])), [2, 2]),
  div: entry((args) => divideInts(toInt64(args[0]), toInt64(args[1])), [2, 2]),
  mod: entry((args) => {
    const divisor = toInt64(args[1]);
    if (divisor === 0n) throw new TemplateError('runtime error: integer divide by zero');
    return toInt64(args[0]) % divisor;
  }, [2, 2]),
  mul: entry((args) => wrap(args.slice(1).reduce<bigint>((product, arg) => product * toInt64(arg), toInt64(args[0]))), [1, Infinity]),
  // Random in Go; the lower bound here, so renders are reproducible (the result is still in [min, max)).
  randInt: entry((args) => {
    const min = intArg(args, 0);
    const max = intArg(args, 1);
    if (max - min <= 0) throw new TemplateError('invalid argument to Intn');
    return BigInt(min);
  }, [2, 2]),
  add1f: entry((args) => decimalOp(args[0], [1], 'add'), [1, 1]),
  addf: entry((args) => decimalOp(0, args, 'add'), [0, Infinity]),
  subf: entry((args) => decimalOp(args[0], args.slice(1), 'sub'), [1, Infinity]),
  divf: entry((args) => decimalOp(args[0], args.slice(1), 'div'), [1, Infinity]),
  mulf: entry((args) => decimalOp(args[0], args.slice(1), 'mul'), [1, Infinity]),
  biggest: entry((args) => extreme(args, (a, b) => a > b), [1, Infinity]),
  max: entry((args) => extreme(args, (a, b) => a > b), [1, Infinity]),
  min: entry((args) => extreme(args, (a, b) => a < b), [1, Infinity]),
  maxf: entry((args) => args.slice(1).reduce<number>((max, arg) => Math.max(max, toFloat64(arg)), toFloat64(args[0])), [1, Infinity]),
  minf: entry((args) => args.slice(1).reduce<number>((min, arg) => Math.min(min, toFloat64(arg)), toFloat64(args[0])), [1, Infinity]),
  ceil: entry((args) => Math.ceil(toFloat64(args[0])), [1, 1]),
  floor: entry((args) => Math.floor(toFloat64(args[0])), [1, 1]),
  round: entry((args) => round(toFloat64(args[0]), intArg(args, 1), args.length > 2 ? floatArg(args, 2) : 0.5), [2, 3]),
};
