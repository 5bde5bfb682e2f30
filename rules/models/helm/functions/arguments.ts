import { ArgumentTypeError, RenderBudgetError } from '../template/errors';
import { type GoMap, type GoValue, isGoMap } from '../value';
import { goTypeName } from './go-fmt';
import type { CallContext, FunctionEntry, GoFunction } from './types';

/**
 * Reading a Go function's typed parameters. text/template checks each argument against the Go parameter type
 * before the call; the function library mirrors that here, so the messages are Go's:
 * `wrong type for value; expected string; got int`, `invalid value; expected string` (nil for a string).
 * A nil for a map or slice parameter is Go's nil map or slice, which is allowed. Type errors are the evaluator's
 * ArgumentTypeError (reported without `error calling <fn>:`), exhausted budgets its RenderBudgetError.
 */
function wrongType(args: readonly GoValue[], index: number, expected: string): never {
  const value = args[index];
  if (value === null || value === undefined) throw new ArgumentTypeError(`invalid value; expected ${expected}`);
  throw new ArgumentTypeError(`wrong type for value; expected ${expected}; got ${goTypeName(value)}`);
}

/** A `string` parameter. */
export function stringArg(args: readonly GoValue[], index: number): string {
  const value = args[index];
  return typeof value === 'string' ? value : wrongType(args, index, 'string');
}

/** An `int` parameter (Go ints only: a float64 from a values file is a type error, as in Go). */
export function intArg(args: readonly GoValue[], index: number): number {
  const value = args[index];
  if (typeof value !== 'bigint') return wrongType(args, index, 'int');
  return Number(BigInt.asIntN(64, value));
}

/** A `bool` parameter. */
export function boolArg(args: readonly GoValue[], index: number): boolean {
  const value = args[index];
  return typeof value === 'boolean' ? value : wrongType(args, index, 'bool');
}

/** A `map[string]interface{}` parameter; nil is Go's nil map. */
export function mapArg(args: readonly GoValue[], index: number): GoMap | null {
  const value = args[index];
  if (value === null) return null;
  return isGoMap(value) ? value : wrongType(args, index, 'map[string]interface {}');
}

/** Variadic `...string` from `start`. */
export function stringArgs(args: readonly GoValue[], start: number): string[] {
  const out: string[] = [];
  for (let i = start; i < args.length; i++) out.push(stringArg(args, i));
  return out;
}

/** Variadic `...map[string]interface{}` from `start`. */
export function mapArgs(args: readonly GoValue[], start: number): (GoMap | null)[] {
  const out: (GoMap | null)[] = [];
  for (let i = start; i < args.length; i++) out.push(mapArg(args, i));
  return out;
}

/**
 * A table entry: `arity` is [min, max] (Infinity = variadic). Every entry has the same three fields in the same
 * order, so the evaluator's reads of them see one object shape (two shapes made its optimised code deopt).
 */
export function entry(fn: GoFunction, arity: readonly [number, number], keepsOrigin = false): FunctionEntry {
  return { fn, arity, keepsOrigin };
}

/** Spends render budget for `count` produced items (`until`, `repeat`…); a hostile template stops here. */
export function spend(call: CallContext, count: number, what: string): void {
  call.budget.steps -= count;
  if (call.budget.steps < 0) throw new RenderBudgetError(`render step budget exhausted by ${what}`, 'steps');
}

/** Spends output budget for a string about to be built. */
export function spendOutput(call: CallContext, length: number, what: string): void {
  if (length > call.budget.outputChars) throw new RenderBudgetError(`render output budget exhausted by ${what}`, 'output');
}
