/**
 * Every function of the library called with arbitrary arguments (every type of the value model, odd strings,
 * extreme numbers, every arity it accepts) either returns a GoValue or throws a TemplateError — never another
 * exception — and each call returns promptly.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { functionLibrary } from '../../../rules/models/helm/functions';
import { GoObject, type GoValue, TemplateError } from '../../../rules/models/helm/value';

const pool: GoValue[] = [
  null, true, false, 0, 1.5, -2.5, NaN, Infinity, 1e300, 0n, 1n, 3n, -7n, 1n << 70n, '', 'abc', 'a b\nc', '1.2.3', '(', '[a-', '%d %s',
  '2006-01-02', '-1h', 'rsa', '0x1f', new Uint8Array([104, 105]), [], [1n, 'x', null], new Map(), new Map<string, GoValue>([['a', 1n], ['b', new Map([['c', 'd']])]]),
  new GoObject('chart.Metadata', new Map([['Name', 'x']])),
];

/** A small deterministic generator (mulberry32) so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('function library robustness', () => {
  it('returns or throws TemplateError for arbitrary arguments, quickly', () => {
    const library = functionLibrary();
    const next = random(14);
    const problems: string[] = [];
    for (const [name, entry] of library) {
      if (name === 'derivePassword') continue; // scrypt: ~100 ms a call, covered by its own tests
      const [min, max] = entry.arity;
      for (let round = 0; round < 60; round++) {
        const count = min + Math.floor(next() * (Math.min(max, min + 3) - min + 1));
        const args = Array.from({ length: count }, () => pool[Math.floor(next() * pool.length)]);
        const call = { budget: { steps: 100_000, outputChars: 100_000, deadline: Date.now() + 5_000 } };
        const started = Date.now();
        try {
          entry.fn(args, call);
        } catch (error) {
          if (!(error instanceof TemplateError)) problems.push(`${name}(${args.map((arg) => String(arg)).join(', ')}): ${String(error)}`);
        }
        if (Date.now() - started > 1000) problems.push(`${name}(${args.map((arg) => String(arg)).join(', ')}): took ${Date.now() - started} ms`);
      }
    }
    assert.deepEqual(problems, []);
  });
});
