import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasOwnHeapGrowth } from '../../server/cli/heap-growth';

describe('the CLI heap growth limit (server/cli/heap-growth.ts)', () => {
  it('leaves a heap growing percent the user gave node alone, in either spelling', () => {
    assert.equal(hasOwnHeapGrowth(['--heap-growing-percent=20']), true);
    assert.equal(hasOwnHeapGrowth(['--expose-gc', '--heap_growing_percent=80']), true);
    assert.equal(hasOwnHeapGrowth(['--heap-growing-percent', '20']), true);
    assert.equal(hasOwnHeapGrowth([]), false);
    assert.equal(hasOwnHeapGrowth(['--max-old-space-size=4096']), false);
  });
});
