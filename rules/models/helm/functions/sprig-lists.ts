import { type GoValue, TemplateError } from '../value';
import { entry, intArg, spend } from './arguments';
import { deepEqual, goKind, isEmpty, sliceOf, toInt64 } from './go-values';
import type { CallContext, FunctionEntry, GoFunction } from './types';

/**
 * Sprig's list.go and the list part of numeric.go. Each function takes any slice (reflect) and returns a new
 * []interface{}; a non-list argument is Go's error "Cannot <op> on type <kind>" (the must* forms return it, the
 * others panic with it, which text/template reports the same way).
 */

function listOf(value: GoValue, message: string): GoValue[] {
  const list = sliceOf(value);
  if (!list) throw new TemplateError(message.replace('%s', goKind(value)));
  return list;
}

/** A key equal for values reflect.DeepEqual finds equal, for scalars (type included: int 1 ≠ float64 1). */
function scalarKey(value: GoValue): string | undefined {
  if (value === null) return 'nil';
  switch (typeof value) {
    case 'boolean':
    case 'number':
    case 'bigint':
    case 'string':
      return `${typeof value}:${String(value)}`;
  }
  return undefined;
}

function inList(list: readonly GoValue[], needle: GoValue): boolean {
  return list.some((item) => deepEqual(item, needle));
}

/** Sprig's untilStep, spending budget per produced item so `until 1000000000` stops. */
export function untilStep(start: number, stop: number, step: number, call: CallContext): bigint[] {
  const out: bigint[] = [];
  if (stop < start) {
    if (step >= 0) return out;
    spend(call, Math.ceil((start - stop) / -step), 'untilStep');
    for (let i = start; i > stop; i += step) out.push(BigInt(i));
    return out;
  }
  if (step <= 0) return out;
  spend(call, Math.ceil((stop - start) / step), 'untilStep');
  for (let i = start; i < stop; i += step) out.push(BigInt(i));
  return out;
}

function seq(args: readonly GoValue[], call: CallContext): string {
  const params = args.map((_, i) => intArg(args, i));
  let start: number;
  let end: number;
  let step: number;
  if (params.length === 1) [start, end, step] = [1, params[0], params[0] < 1 ? -1 : 1];
  else if (params.length === 2) [start, end, step] = [params[0], params[1], params[1] < params[0] ? -1 : 1];
  else if (params.length === 3) {
    [start, step, end] = params;
    if (end < start && step > 0) return '';
    return untilStep(start, end + (end < start ? -1 : 1), step, call).join(' ');
  } else return '';
  return untilStep(start, end + step, step, call).join(' ');
}

/** The plain and must* forms of a list function share one implementation (the error is the same). */
function both(name: string, fn: GoFunction, arity: readonly [number, number], keepsOrigin = false): Record<string, ReturnType<typeof entry>> {
  const mustName = 'must' + name[0].toUpperCase() + name.slice(1);
  return { [name]: entry(fn, arity, keepsOrigin), [mustName]: entry(fn, arity, keepsOrigin) };
}

export const listFunctions: Record<string, ReturnType<typeof entry>> = {
  list: entry((args) => [...args], [0, Infinity]),
  tuple: entry((args) => [...args], [0, Infinity]),
  ...both('push', (args) => [...listOf(args[0], 'Cannot push on type %s'), args[1]], [2, 2]),
  ...both('append', (args) => [...listOf(args[0], 'Cannot push on type %s'), args[1]], [2, 2]),
  ...both('prepend', (args) => [args[1], ...listOf(args[0], 'Cannot prepend on type %s')], [2, 2]),
  ...both('chunk', (args) => {
    const size = intArg(args, 0);
    const list = listOf(args[1], 'Cannot chunk type %s');
    if (size <= 0 && list.length > 0) throw new TemplateError('runtime error: integer divide by zero');
    const chunks: GoValue[] = [];
    for (let i = 0; i < list.length; i += size) chunks.push(list.slice(i, i + size));
    return chunks;
  }, [2, 2]),
  ...both('first', (args) => listOf(args[0], 'Cannot find first on type %s')[0] ?? null, [1, 1], true),
  ...both('last', (args) => {
    const list = listOf(args[0], 'Cannot find last on type %s');
    return list.length === 0 ? null : list[list.length - 1];
  }, [1, 1], true),
  ...both('rest', (args) => listOf(args[0], 'Cannot find rest on type %s').slice(1), [1, 1]),
  ...both('initial', (args) => listOf(args[0], 'Cannot find initial on type %s').slice(0, -1), [1, 1]),
  ...both('reverse', (args) => [...listOf(args[0], 'Cannot find reverse on type %s')].reverse(), [1, 1]),
  ...both('compact', (args) => listOf(args[0], 'Cannot compact on type %s').filter((item) => !isEmpty(item)), [1, 1]),
  ...both('uniq', (args, call) => {
    const list = listOf(args[0], 'Cannot find uniq on type %s');
    spend(call, list.length, 'uniq');
    // Scalars are compared through a set (linear); lists and maps with reflect.DeepEqual against the kept ones.
    const seen = new Set<string>();
    const out: GoValue[] = [];
    for (const item of list) {
      const key = scalarKey(item);
      if (key !== undefined ? seen.has(key) : inList(out, item)) continue;
      if (key !== undefined) seen.add(key);
      else spend(call, out.length, 'uniq');
      out.push(item);
    }
    return out;
  }, [1, 1]),
  ...both('without', (args, call) => {
    const omit = args.slice(1);
    const list = listOf(args[0], 'Cannot find without on type %s');
    spend(call, list.length * Math.max(omit.length, 1), 'without');
    return list.filter((item) => !inList(omit, item));
  }, [1, Infinity]),
  ...both('has', (args) => (args[1] === null ? false : inList(listOf(args[1], 'Cannot find has on type %s'), args[0])), [2, 2]),
  ...both('slice', (args) => {
    const list = listOf(args[0], 'list should be type of slice or array but %s');
    if (list.length === 0) return null;
    const start = args.length > 1 ? Number(toInt64(args[1])) : 0;
    const end = args.length > 2 ? Number(toInt64(args[2])) : list.length;
    if (start < 0 || end > list.length || start > end) {
      throw new TemplateError(`reflect: slice index out of range`);
    }
    return list.slice(start, end);
  }, [1, Infinity]),
  concat: entry((args) => {
    const out: GoValue[] = [];
    for (const arg of args) out.push(...listOf(arg, 'Cannot concat type %s as list'));
    return out;
  }, [0, Infinity]),
  until: entry((args, call) => {
    const count = intArg(args, 0);
    return untilStep(0, count, count < 0 ? -1 : 1, call);
  }, [1, 1]),
  untilStep: entry((args, call) => untilStep(intArg(args, 0), intArg(args, 1), intArg(args, 2), call), [3, 3]),
  seq: entry((args, call) => seq(args, call), [0, Infinity]),
};
