import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, it } from 'node:test';
import { emptyConfig, factsOfFile, type FileFacts } from '../../rules/engine';
import { detachedFacts } from '../../rules/facts/detached-facts';
import { SHARED_DIR, SHARED_SKIP_REASON } from '../helpers/shared';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** kube-prometheus's dashboards: a 1 MB list of ConfigMaps whose facts, as parsed, keep the whole text alive. */
const DASHBOARDS = join(SHARED_DIR, 'corpus', 'realworld', 'prometheus-operator__kube-prometheus', 'manifests', 'grafana-dashboardDefinitions.yaml');
const config = { ...emptyConfig(), maxFileSize: 10_000_000 };

/** The file's facts from a fresh read of it (a text of its own, dropped once the facts are made). */
function factsOfFreshText(): FileFacts | undefined {
  return factsOfFile(readFileSync(DASHBOARDS, 'utf8'), DASHBOARDS, { config });
}

/** A turn of the event loop: what a WeakRef handed out during the last one may then be collected. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * RegExp's last match keeps its subject alive until another match succeeds: the parse's last one may be a slice of
 * the text (a scalar tested against the schema's tags). A match of our own clears it, so only the facts hold the text.
 */
const clearLastMatch = () => /^/.test('');

/** Heap bytes freed when the facts `keep` made of a fresh parse are dropped: what they keep alive. */
async function heldByFacts(keep: (facts: FileFacts | undefined) => FileFacts | undefined): Promise<number> {
  let held: FileFacts | undefined = keep(factsOfFreshText());
  clearLastMatch();
  await nextTurn();
  gc();
  const withFacts = process.memoryUsage().heapUsed;
  assert.equal(held?.kind, 'kubernetes');
  held = undefined;
  await nextTurn();
  gc();
  return withFacts - process.memoryUsage().heapUsed;
}

describe("the CLI's index keeps facts, not file texts", { skip: SHARED_SKIP_REASON }, () => {
  it('facts as parsed keep the whole 1 MB text alive; their detached copy keeps only itself', async () => {
    const parsed = await heldByFacts((facts) => facts);
    const detached = await heldByFacts(detachedFacts);
    assert.ok(parsed > 700_000, `the parsed facts hold the text (${parsed} bytes): the test can see a held text`);
    assert.ok(detached < 300_000, `the detached facts hold ${detached} bytes`);
  });

  it('the copy has the same facts', () => {
    const facts = factsOfFreshText();
    assert.deepEqual(detachedFacts(facts), facts);
    assert.equal(detachedFacts(undefined), undefined);
  });
});
