import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HeldTexts } from '../../server/cli/held-results';

describe('held texts (the one parse’s findings waiting for the complete index)', () => {
  it('gives each text back once, intact, from memory and from its temporary file, in any order (multi-byte, long and empty texts)', () => {
    const held = new HeldTexts();
    const texts = new Map<string, string>();
    for (let i = 0; i < 3_000; i++) {
      // ≈ 2.4 MB: several batches of 1 Mi characters; one text longer than the reused buffer holds; the last ones stay in memory.
      const text = i === 1_500 ? `long ${'ü🐳'.repeat(400_000)}` : i % 7 === 0 ? '' : `{"file":${i},"message":"é ✓ 🐳 ${'m'.repeat(i % 900)}"}`;
      texts.set(`f${i}`, text);
      held.put(`f${i}`, text);
    }
    assert.ok((held as unknown as { file?: unknown }).file, 'spilled to a temporary file');
    const keys = [...texts.keys()];
    const order = [...keys.filter((_, i) => i % 2 === 1).reverse(), ...keys.filter((_, i) => i % 2 === 0)];
    for (const [n, key] of order.entries()) {
      const expected = texts.get(key)!;
      if (n % 3 === 0) assert.equal(held.take(key), expected, key);
      else assert.equal(held.takeBytes(key)?.toString('utf8'), expected, key);
      assert.equal(held.take(key), undefined, 'taken once');
    }
    held.dispose();
  });

  it('a view takeBytes gave is the reused buffer: valid until the next take', () => {
    const held = new HeldTexts();
    held.put('a', 'first');
    held.put('b', 'second');
    const first = held.takeBytes('a')!;
    assert.equal(first.toString(), 'first');
    const kept = Buffer.from(first);
    assert.equal(held.takeBytes('b')!.toString(), 'second');
    assert.equal(kept.toString(), 'first', 'a copy outlives it');
    held.dispose();
  });

  it('forgets a text on request and keeps the newer text of a key put again', () => {
    const held = new HeldTexts();
    held.put('a', 'old');
    held.forget('a');
    assert.equal(held.has('a'), false);
    held.put('b', 'one');
    held.put('b', 'two');
    for (let i = 0; i < 2_000; i++) held.put(`f${i}`, 'x'.repeat(1_000)); // past a batch: spilled
    assert.equal(held.take('b'), 'two');
    held.dispose();
  });
});
