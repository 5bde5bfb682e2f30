import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StringPool } from '../../server/lsp/string-pool';

describe('StringPool', () => {
  it('keeps one entry per distinct text', () => {
    const pool = new StringPool();
    for (const text of ['a', 'b', 'a', ['a'].join(''), 'c', 'b']) assert.equal(pool.intern(text), text);
    assert.equal(pool.size, 3);
  });

  it('with a limit, starts afresh once it holds that many strings (it never grows past it)', () => {
    const pool = new StringPool(3);
    for (const text of ['m1', 'm2', 'm3']) pool.intern(text);
    assert.equal(pool.size, 3);
    assert.equal(pool.intern('m2'), 'm2', 'a known text is no new entry');
    assert.equal(pool.size, 3);
    assert.equal(pool.intern('m4'), 'm4');
    assert.equal(pool.size, 1, 'forgot the three it held, keeps the new one');
    for (let n = 0; n < 100; n++) pool.intern(`x${n}`);
    assert.ok(pool.size <= 3);
  });
});
