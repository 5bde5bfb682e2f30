import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chartFunctions } from '../../../rules/models/helm/chart/function-table';

describe("a render's function table", () => {
  it('gives every entry the same fields in the same order (one object shape for the evaluator)', () => {
    const table = chartFunctions({});
    const shapes = new Set([...table.values()].map((entry) => Object.keys(entry).join(',')));
    assert.deepEqual([...shapes], ['fn,arity,keepsOrigin']);
    assert.equal(table.get('include')!.keepsOrigin, false);
    assert.equal(table.get('tpl')!.keepsOrigin, true);
    assert.equal(table.get('sha256sum')!.keepsOrigin, false);
  });
});
