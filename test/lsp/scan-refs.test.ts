import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyConfig } from '../../rules/engine';
import { SharedRefs, SharedTable, type SharedEntries } from '../../server/lsp/scan-refs';

describe('objects a scan shares with its workers', () => {
  it('a configuration goes to a worker once; the items after that name it by number, and the worker puts the one object back in each', () => {
    const refs = new SharedRefs();
    const config = emptyConfig('/repo');
    const charts = ['/repo/chart'];
    const items = [
      { path: '/repo/a', config, lintConfig: config },
      { path: '/repo/b', config, charts },
    ];
    const sent = new Set<number>();
    const first: SharedEntries = [];
    const posted = items.map((item) => refs.encode(item, sent, first));
    assert.deepEqual(
      first.map(([, value]) => value),
      [config, charts],
    );
    assert.deepEqual(posted[0], { path: '/repo/a', config: { sharedRef: first[0][0] }, lintConfig: { sharedRef: first[0][0] } });
    assert.equal(items[0].config, config, 'the item itself is left as it was');
    // The next batch to the same worker carries nothing new.
    const second: SharedEntries = [];
    refs.encode(items[0], sent, second);
    assert.deepEqual(second, []);
    // In the worker (structured clone makes new objects of everything posted).
    const table = new SharedTable();
    const [entries, received] = structuredClone([first, posted]);
    table.add(entries);
    const decoded = received.map((item) => table.decode(item));
    assert.deepEqual(decoded, items);
    assert.equal(decoded[0].config, decoded[1].config, 'one configuration object for every item that names it');
    assert.equal(decoded[0].lintConfig, decoded[0].config);
  });

  it('a new worker (one replaced after a crash) is sent the objects again; an item naming one its table lacks is an error, not a silent default', () => {
    const refs = new SharedRefs();
    const config = emptyConfig();
    refs.encode({ path: 'a', config }, new Set(), []);
    const again: SharedEntries = [];
    const posted = refs.encode({ path: 'b', config }, new Set(), again);
    assert.deepEqual(again, [[0, config]]);
    assert.throws(() => new SharedTable().decode(structuredClone(posted)), /was not sent shared object 0/);
  });

  it('an item without shared objects is posted as it is', () => {
    const item = { path: 'a', settingsKey: 'k' };
    assert.equal(new SharedRefs().encode(item, new Set(), []), item);
  });
});
