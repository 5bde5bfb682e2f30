import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, it } from 'node:test';
import { emptyConfig, factsOfFile, type FileFacts, type KubernetesFacts } from '../../rules/engine';
import { detachedFacts, SharedFacts } from '../../rules/facts/detached-facts';
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

/** A Deployment in its own file: each file's facts name the same image user, labels and positions. */
const deploymentText = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: shop\n  labels: {app.kubernetes.io/part-of: the-long-name-of-the-shop-application}\nspec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: web:1.0\n`;
const deploymentFacts = (name: string) => factsOfFile(deploymentText(name), `/w/${name}.yaml`) as KubernetesFacts;

describe('SharedFacts: the parts many files\' facts repeat are kept once', () => {
  it('a copy has the same facts as the parse, and so has a received copy adopted', () => {
    const sharing = new SharedFacts();
    const facts = deploymentFacts('api');
    assert.deepEqual(sharing.detached(facts), facts);
    assert.deepEqual(sharing.adopted(structuredClone(facts)), facts);
    assert.equal(sharing.detached(undefined), undefined);
  });

  it("positions equal in value are one object, in a file's copy and across files; ranges stay each its own", () => {
    const sharing = new SharedFacts();
    const first = sharing.detached(deploymentFacts('api')) as KubernetesFacts;
    const second = sharing.adopted(structuredClone(deploymentFacts('api'))) as KubernetesFacts;
    const [a, b] = [first.objects[0].range, second.objects[0].range];
    assert.equal(a.start, b.start);
    assert.equal(a.end, b.end);
    assert.notEqual(a, b);
    assert.notEqual(structuredClone(deploymentFacts('api')).objects[0].range.start, a.start, 'copies alone share nothing: the test can tell');
  });

  it("equal strings of many files' facts take the memory of one", async () => {
    // 2,000 files naming the same 38-character label value: kept as one string, not 2,000 (≈ 150 KB of them).
    const copies = 2_000;
    const made = Array.from({ length: copies }, () => structuredClone(deploymentFacts('api')));
    const heldBy = async (keep: (facts: KubernetesFacts) => KubernetesFacts): Promise<number> => {
      const before = (await nextTurn(), gc(), process.memoryUsage().heapUsed);
      let kept: KubernetesFacts[] | undefined = made.map((facts) => keep(structuredClone(facts)));
      const after = (await nextTurn(), gc(), process.memoryUsage().heapUsed);
      assert.equal(kept.length, copies);
      kept = undefined;
      return after - before;
    };
    const sharing = new SharedFacts();
    const own = await heldBy((facts) => facts);
    const shared = await heldBy((facts) => sharing.adopted(facts));
    assert.ok(own - shared > 100_000, `shared strings and positions save ${own - shared} bytes over ${copies} copies (${own} → ${shared})`);
  });
});
