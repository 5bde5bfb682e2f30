// Go orders strings by their UTF-8 bytes, which is code-point order (map keys in printing, toJson, sortAlpha,
// `lt` on strings). compareGoStrings decides most pairs on UTF-16 code units; this holds it to a comparison of
// code points, value for value, on seeded random strings made to meet surrogates: astral characters (where
// code-unit and code-point order disagree), lone surrogates, shared prefixes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededTextPairs } from '../../helpers/seeded-strings';
import { compareGoStrings } from '../../../rules/models/helm/functions/go-fmt';

const PIECES = ['a', 'b', 'Z', '0', '-', '.', '/', 'é', 'Ω', '中', '\uffff', '\ue000', '😀', '😁', '\ud83d', '\ude00', 'name', 'nameOverride'];

/** Code-point order as Go's byte order gives it: the first differing code points, else the lengths in code points. */
function byCodePoints(a: string, b: string): number {
  const left = [...a].map((rune) => rune.codePointAt(0)!);
  const right = [...b].map((rune) => rune.codePointAt(0)!);
  for (let i = 0; i < Math.min(left.length, right.length); i++) if (left[i] !== right[i]) return left[i] - right[i];
  return left.length - right.length;
}

describe('compareGoStrings', () => {
  it('orders by code points, not code units: an astral character sorts after U+FFFF', () => {
    assert.ok(compareGoStrings('😀', '\uffff') > 0);
    assert.ok(compareGoStrings('a😀', 'a\ue000') > 0);
    assert.deepEqual(['b', '😀', '\uffff', 'a'].sort(compareGoStrings), ['a', 'b', '\uffff', '😀']);
  });

  it('gives the code-point comparison, value for value, on 20,000 seeded pairs', () => {
    for (const [a, b] of seededTextPairs(16, PIECES, 20_000)) {
      assert.equal(compareGoStrings(a, b), byCodePoints(a, b), JSON.stringify([a, b]));
      assert.equal(compareGoStrings(b, a), byCodePoints(b, a), JSON.stringify([b, a]));
    }
  });
});
