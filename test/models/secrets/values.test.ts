import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VALUE_PATTERNS, findValuePatterns, judgeSecret } from '../../../rules/models/secrets';
import { TOKEN_FORMATS, randomSource } from '../../helpers/secret-tokens';

describe('provider formats (values that are secrets whatever their name)', () => {
  it('there are at least 30, each with a generator in the tests', () => {
    assert.ok(VALUE_PATTERNS.length >= 30, `${VALUE_PATTERNS.length} formats`);
    assert.deepEqual(VALUE_PATTERNS.map((pattern) => pattern.id).filter((id) => !TOKEN_FORMATS[id]), []);
  });

  for (const pattern of VALUE_PATTERNS) {
    describe(pattern.id, () => {
      const random = randomSource(pattern.id.length * 7919);
      it('a generated value is found under an innocent name, as this format, and shown masked', () => {
        for (let i = 0; i < 5; i++) {
          const value = TOKEN_FORMATS[pattern.id].make(random);
          assert.ok(findValuePatterns(value).some((match) => match.pattern.id === pattern.id), `not found: ${pattern.id}`);
          const verdict = judgeSecret('GREETING', value);
          assert.equal(verdict?.verdict, 'secret');
          assert.equal(verdict.verdict === 'secret' && verdict.type, pattern.id);
          assert.ok(!verdict.masked.includes(value.slice(value.length >> 1, (value.length >> 1) + 8)), 'the masked text never shows the middle of the secret');
        }
      });
      it('a near miss (too short, placeholder, public variant or low entropy) is not', () => {
        const value = TOKEN_FORMATS[pattern.id].miss(random);
        assert.equal(judgeSecret('GREETING', value), undefined, value);
      });
    });
  }
});
