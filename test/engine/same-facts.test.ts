import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { detectKind, emptyConfig, FactsIndex, factsOfFile } from '../../rules/engine';
import { sameFacts } from '../../rules/facts/same-facts';
import { realworldIndex, realworldPath, SHARED_SKIP_REASON } from '../helpers/shared';

/** The comparison sameFacts stands in for. */
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

describe('sameFacts: plain data compared as its JSON, without writing it', () => {
  it('says what comparing the JSON says', () => {
    const cases: Array<[unknown, unknown]> = [
      [{ kind: 'dockerfile', stages: [{ alias: 'build' }] }, { kind: 'dockerfile', stages: [{ alias: 'build' }] }],
      [{ a: 1, b: 2 }, { b: 2, a: 1 }], // keys in another order write other JSON
      [{ a: 1, gone: undefined }, { a: 1 }],
      [{ a: 1 }, { a: 1, gone: undefined }],
      [{ a: undefined }, {}],
      [[1, undefined], [1, null]],
      [{ port: Number.NaN }, { port: null }],
      [{ port: Infinity }, { port: -Infinity }],
      [{ a: [1, 2] }, { a: [1, 2, 3] }],
      [{ a: [] }, { a: {} }],
      [{ a: '1' }, { a: 1 }],
      [{ a: null }, { a: {} }],
      [{ a: { b: { c: 'x' } } }, { a: { b: { c: 'y' } } }],
      [{ a: 1 }, { a: 1, b: 2 }],
      ['text', 'text'],
    ];
    for (const [a, b] of cases) assert.equal(sameFacts(a, b), sameJson(a, b), `${JSON.stringify(a)} / ${JSON.stringify(b)}`);
  });

  it('finds every real-world file\'s facts the same as their structured-clone and JSON copies, and a changed copy different', { skip: SHARED_SKIP_REASON }, () => {
    const config = emptyConfig();
    let compared = 0;
    for (const file of realworldIndex()) {
      const path = realworldPath(file);
      const text = readFileSync(path, 'utf8');
      if (!detectKind(path, text)) continue;
      const facts = factsOfFile(text, path, { config });
      if (!facts) continue;
      assert.ok(sameFacts(structuredClone(facts), facts), path);
      assert.ok(sameFacts(JSON.parse(JSON.stringify(facts)), facts), path);
      assert.equal(sameFacts({ ...facts, kind: 'other' }, facts), false, path);
      compared++;
    }
    assert.ok(compared > 2000, `${compared} files' facts`);
  });

  it("lets the index take a file's same facts again (a copy, an edit that changed no fact) as no change", () => {
    const text = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop\n';
    const facts = factsOfFile(text, '/w/sa.yaml', { config: emptyConfig() })!;
    const index = new FactsIndex();
    assert.deepEqual(index.set('/w/sa.yaml', facts), ['ns:shop']);
    assert.deepEqual(index.set('/w/sa.yaml', structuredClone(facts)), []);
    assert.deepEqual(index.set('/w/sa.yaml', factsOfFile(text.replace('web', 'api'), '/w/sa.yaml', { config: emptyConfig() })), ['ns:shop']);
  });
});
