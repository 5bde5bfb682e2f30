// toYaml sorts map keys as go-yaml does (keyList.Less: on runes, digit runs as numbers, letters after other
// characters). compareYamlKeys decides most pairs on UTF-16 code units without building rune arrays; this
// checks it against the rune comparison on seeded random keys made to hit every branch: shared prefixes, digit
// runs with leading zeros, punctuation, non-ASCII letters, astral characters and lone surrogates.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededTextPairs } from '../../helpers/seeded-strings';
import { compareKeyRunes, compareYamlKeys } from '../../../rules/models/helm/functions/go-yaml';

const PIECES = ['a', 'b', 'Z', 'z', '0', '00', '1', '9', '10', '-', '_', '.', '/', ' ', 'é', 'Ω', '中', '😀', '😁', '\ud83d', '\ude00', 'app.kubernetes.io/', 'name', 'x1', 'x01'];

describe('toYaml key order', () => {
  it('compares like go-yaml on runes (shortcut and rune path agree in sign on 20,000 seeded pairs)', () => {
    for (const [a, b] of seededTextPairs(14, PIECES, 20_000)) {
      assert.equal(Math.sign(compareYamlKeys(a, b)), Math.sign(compareKeyRunes(a, b)), JSON.stringify([a, b]));
      assert.equal(Math.sign(compareYamlKeys(b, a)), Math.sign(compareKeyRunes(b, a)), JSON.stringify([b, a]));
    }
  });

  it('sorts a label map as Helm prints it', () => {
    const keys = ['helm.sh/chart', 'app.kubernetes.io/name', 'app.kubernetes.io/version', 'app.kubernetes.io/instance', 'a10', 'a9', 'a-b', 'aB', 'A'];
    assert.deepEqual(keys.sort(compareYamlKeys), ['A', 'a-b', 'a9', 'a10', 'aB', 'app.kubernetes.io/instance', 'app.kubernetes.io/name', 'app.kubernetes.io/version', 'helm.sh/chart']);
  });
});
