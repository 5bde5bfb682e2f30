import { TemplateError } from '../value';
import { boolArg, entry, stringArg } from './arguments';
import { isEmpty } from './go-values';
import type { FunctionEntry } from './types';

/**
 * Sprig's defaults.go and flow_control.go: default/empty/coalesce/all/any/ternary and fail. "Empty" is Sprig's:
 * nil, false, 0, 0.0, "", an empty list or map (a struct never is).
 */
export const defaultFunctions: Record<string, FunctionEntry> = {
  // default d given: `given` is optional (`{{ default "x" }}` gives "x").
  default: entry((args) => (args.length < 2 || isEmpty(args[1]) ? args[0] : args[1]), [1, Infinity], true),
  empty: entry((args) => isEmpty(args[0]), [1, 1]),
  coalesce: entry((args) => args.find((arg) => !isEmpty(arg)) ?? null, [0, Infinity], true),
  all: entry((args) => args.every((arg) => !isEmpty(arg)), [0, Infinity]),
  any: entry((args) => args.some((arg) => !isEmpty(arg)), [0, Infinity]),
  ternary: entry((args) => (boolArg(args, 2) ? args[0] : args[1]), [3, 3], true),
  fail: entry((args) => {
    throw new TemplateError(stringArg(args, 0));
  }, [1, 1]),
};
