// The persistent scan cache for units (a Helm chart, a workspace folder's Kustomize builds), over stdio
// (dist/server.js): a warm start takes an unchanged unit's findings from the cache without rendering or building
// it; a change to any file the unit read, a settings change or a damaged entry renders it again.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { FORGED, forge, rewriteCache } from '../helpers/cache-file';
import { workspace } from '../helpers/cli';
import { CHART_ROOT, chartSources } from '../helm/integration/chart-fixture';
import { BASE_DEPLOYMENT, BASE_KUSTOMIZATION, OVERLAY_KUSTOMIZATION, RESTRICTED_PATCH } from '../kustomize/integration/overlay-fixture';
import { uriOf } from './lsp-client';
import { cacheFile, scanOnce as scan } from './scan-run';

const CHART_FILES = Object.fromEntries([...chartSources().files].map(([path, text]) => [`web${path.slice(CHART_ROOT.length)}`, String(text)]));
const KUSTOMIZE_FILES = {
  'k/base/kustomization.yaml': BASE_KUSTOMIZATION,
  'k/base/deployment.yaml': BASE_DEPLOYMENT,
  'k/overlays/prod/kustomization.yaml': OVERLAY_KUSTOMIZATION,
  'k/overlays/prod/security.yaml': RESTRICTED_PATCH.replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false'),
};
/** A plain file beside the units (in the kustomizations' workspace folder, not read by a build): counted once. */
const PLAIN_FILES = { 'compose.yaml': 'services:\n  web:\n    image: nginx:1.25\n    privileged: true\n' };
const TEMPLATE = 'web/templates/deployment.yaml';
const BASE = 'k/base/deployment.yaml';


/** Whether a file's diagnostics are there and all came from the (forged) cache; false when all were linted afresh. */
function fromCache(messages: Map<string, string[]>, root: string, path: string): boolean {
  const list = messages.get(uriOf(join(root, path))) ?? [];
  assert.ok(list.length > 0, `${path} has findings`);
  const forged = list.filter((message) => message.includes(FORGED)).length;
  assert.ok(forged === 0 || forged === list.length, `${path}: all or none from the cache: ${JSON.stringify(list)}`);
  return forged > 0;
}

describe('language server: charts and kustomizations in the persistent scan cache', () => {
  const cleanup: string[] = [];
  const folders = () => {
    const root = workspace({ ...CHART_FILES, ...KUSTOMIZE_FILES, ...PLAIN_FILES });
    const storage = mkdtempSync(join(tmpdir(), 'stridelint-storage-'));
    cleanup.push(root, storage);
    return { root, storage };
  };
  afterEach(() => {
    for (const path of cleanup.splice(0)) rmSync(path, { recursive: true, force: true });
  });

  it('an unchanged chart and kustomization come from the cache (counted per file); a changed file re-renders only its unit', async () => {
    const { root, storage } = folders();
    const cold = await scan(root, storage);
    assert.equal(cold.summary.fromCache, 0);
    assert.ok(!fromCache(cold.messages, root, TEMPLATE) && !fromCache(cold.messages, root, BASE));
    rewriteCache(cacheFile(storage), forge);
    const warm = await scan(root, storage);
    assert.ok(fromCache(warm.messages, root, TEMPLATE), 'the chart from the cache');
    assert.ok(fromCache(warm.messages, root, BASE), 'the kustomization from the cache');
    assert.equal(warm.summary.fromCache, warm.summary.files, `every scanned file from the cache, each counted once: ${JSON.stringify(warm.summary)}`);
    assert.ok(warm.summary.fromCache >= Object.keys(CHART_FILES).length, JSON.stringify(warm.summary));
    assert.deepEqual([warm.summary.findings, warm.summary.filesWithFindings], [cold.summary.findings, cold.summary.filesWithFindings], 'the same findings');

    writeFileSync(join(root, 'web/values.yaml'), `${CHART_FILES['web/values.yaml']}\n# edited\n`);
    const chartChanged = await scan(root, storage);
    assert.ok(!fromCache(chartChanged.messages, root, TEMPLATE), 'a values file changed: the chart is rendered again');
    assert.ok(fromCache(chartChanged.messages, root, BASE), 'the kustomization is unchanged');
    assert.ok(chartChanged.summary.fromCache > 0 && chartChanged.summary.fromCache < chartChanged.summary.files, JSON.stringify(chartChanged.summary));

    writeFileSync(join(root, 'k/overlays/prod/security.yaml'), `${KUSTOMIZE_FILES['k/overlays/prod/security.yaml']}# edited\n`);
    const patchChanged = await scan(root, storage);
    assert.ok(!fromCache(patchChanged.messages, root, BASE), "the overlay's patch changed: the base is built again");
  });

  it('a settings change renders every unit again', async () => {
    const { root, storage } = folders();
    await scan(root, storage);
    rewriteCache(cacheFile(storage), forge);
    const changed = await scan(root, storage, { rules: { 'kubernetes/run-as-non-root': 'info' } });
    assert.equal(changed.summary.fromCache, 0);
    assert.ok(!fromCache(changed.messages, root, TEMPLATE) && !fromCache(changed.messages, root, BASE));
  });

  it('a damaged unit entry (its checksum recomputed, the value not the shape of findings) is rendered again, the others stay cached', async () => {
    const { root, storage } = folders();
    await scan(root, storage);
    rewriteCache(cacheFile(storage), forge);
    let damaged = 0;
    rewriteCache(cacheFile(storage), (body) =>
      body
        .split('\n')
        .map((line) => (line.includes('\\u0000chart"') ? (damaged++, line.replace(/\t[^\t]*$/, '\t[["x",[42]]]')) : line))
        .join('\n'),
    );
    assert.equal(damaged, 1, 'one chart entry');
    const after = await scan(root, storage);
    assert.ok(!fromCache(after.messages, root, TEMPLATE), 'the chart is rendered again');
    assert.ok(fromCache(after.messages, root, BASE), 'the kustomization still comes from the cache');
  });
});
