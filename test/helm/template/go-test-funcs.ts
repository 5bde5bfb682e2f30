/**
 * TypeScript equivalents of the helper functions of Go's exec_test.go (the `test_funcs` of
 * ../shared/corpus/helm/text-template/cases.json), with Go's argument type checks.
 */
import { goTypeName, sprintln } from '../../../rules/models/helm/functions/go-fmt';
import type { FunctionEntry } from '../../../rules/models/helm/functions/types';
import { ArgumentTypeError } from '../../../rules/models/helm/template/errors';
import { type GoValue, TemplateError } from '../../../rules/models/helm/value';

function expect(value: GoValue, type: 'int' | 'string'): void {
  const actual = typeof value === 'bigint' ? 'int' : typeof value === 'string' ? 'string' : undefined;
  if (actual === type) return;
  if (value === null) throw new ArgumentTypeError(`invalid value; expected ${type}`);
  throw new ArgumentTypeError(`wrong type for value; expected ${type}; got ${goTypeName(value)}`);
}

function fixed(arity: number, fn: (args: GoValue[]) => GoValue, keepsOrigin = false): FunctionEntry {
  return { fn, arity: [arity, arity], keepsOrigin };
}

export const GO_TEST_FUNCS = new Map<string, FunctionEntry>([
  [
    'add',
    {
      fn: (args) => {
        args.forEach((arg) => expect(arg, 'int'));
        return (args as bigint[]).reduce((sum, x) => sum + x, 0n);
      },
      arity: [0, Infinity],
    },
  ],
  // Go returns a channel; ranging over it yields the elements, which a list does too.
  ['count', fixed(1, ([n]) => (expect(n, 'int'), n === 0n ? null : Array.from('abcdefghijklmnop'.slice(0, Number(n)))))],
  [
    'dddArg',
    {
      fn: ([a, ...b]) => {
        expect(a, 'int');
        b.forEach((arg) => expect(arg, 'string'));
        return sprintln([a, b]);
      },
      arity: [1, Infinity],
    },
  ],
  ['echo', fixed(1, ([arg]) => arg, true)],
  [
    'makemap',
    {
      fn: (args) => {
        if (args.length % 2 !== 0) throw new TemplateError('bad makemap');
        const map = new Map<string, GoValue>();
        for (let i = 0; i < args.length; i += 2) map.set(args[i] as string, args[i + 1]);
        return map;
      },
      arity: [0, Infinity],
    },
  ],
  ['mapOfThree', fixed(0, () => new Map([['three', 3n]]))],
  ['oneArg', fixed(1, ([a]) => (expect(a, 'string'), 'oneArg=' + (a as string)))],
  ['returnInt', fixed(0, () => 7n)],
  ['twoArgs', fixed(2, ([a, b]) => (expect(a, 'string'), expect(b, 'string'), 'twoArgs=' + (a as string) + (b as string)))],
  ['typeOf', fixed(1, ([arg]) => goTypeName(arg))],
  ['valueString', fixed(1, ([v]) => (expect(v, 'string'), 'value is ignored'))],
  ['zeroArgs', fixed(0, () => 'zeroArgs')],
  [
    'die',
    fixed(0, () => {
      throw new TemplateError('die');
    }),
  ],
]);
