// A workspace scan asks the persistent cache for each chart before rendering it (ChartUnits.scanCached). A chart
// the cache never held is not read to name its key (a first scan read every chart on the server thread while its
// workers waited); a stored chart is read when its stamps do not vouch for it, and served when its files are the same.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { emptyConfig } from '../../rules/engine/config';
import { ChartUnits } from '../../server/lsp/chart-units';
import { chartUnitKey, UnitScanCache } from '../../server/lsp/unit-scan-cache';
import { LintCache } from '../../server/shared/lint-cache';
import { readsDuring, workspace } from '../helpers/cli';

const FILES = {
  'app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
  'app/values.yaml': 'replicas: 1\n',
  'app/templates/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n',
};
const root = workspace(FILES);
const chart = join(root, 'app');
const config = emptyConfig(root);
const FINDINGS = new Map([[join(chart, 'templates/pod.yaml'), []]]);

function charts(): { units: ChartUnits; cache: UnitScanCache } {
  const units = new ChartUnits({ openDocuments: () => new Map(), publishClosed: () => {}, relintOpen: () => {}, relintUnit: () => {} });
  const cache = new UnitScanCache(new LintCache(join(root, 'cache'), 'test'));
  units.useScanCache(cache);
  return { units, cache };
}
const inChart = (paths: string[]) => paths.filter((path) => path.startsWith(chart));

describe("a scan's chart from the persistent cache", () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('is not read when the cache never held it', () => {
    const { units } = charts();
    const { read, result } = readsDuring(() => units.scanCached(chart, config));
    assert.equal(result, undefined);
    assert.deepEqual(inChart(read), []);
  });

  it('is read and served when stored under the key of the same files (no stamp kept)', () => {
    const { units, cache } = charts();
    const files = new Map(Object.entries(FILES).map(([path, text]) => [join(root, path), text]));
    units.storeScan(chart, chartUnitKey(chart, config, files), FINDINGS);
    const { read, result } = readsDuring(() => units.scanCached(chart, config));
    assert.ok(inChart(read).length > 0, 'read to name its key');
    assert.deepEqual(result && [...result], [...FINDINGS]);
    assert.ok(cache.served.has(join(chart, 'templates/pod.yaml')));
  });

  it('is read and not served when a file changed since it was stored', () => {
    const { units } = charts();
    units.storeScan(chart, 'the key of other files', FINDINGS);
    writeFileSync(join(chart, 'values.yaml'), 'replicas: 2\n');
    const { read, result } = readsDuring(() => units.scanCached(chart, config));
    assert.ok(inChart(read).length > 0);
    assert.equal(result, undefined);
  });
});
