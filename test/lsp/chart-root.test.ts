// Which chart a file belongs to (ChartUnits.chartRootOf): the outermost folder above it with a Chart.yaml, on disk
// or open in the editor. The workspace scan asks this of every file: answers are kept per folder, and while the
// scan sorts files into units the folders it listed are not asked of the disk again.
import assert from 'node:assert/strict';
import { readdirSync, rmSync, symlinkSync, writeFileSync, type Dirent } from 'node:fs';
import { after, describe, it } from 'node:test';
import { emptyConfig } from '../../rules/engine/config';
import { ChartUnits } from '../../server/lsp/chart-units';
import { workspace } from '../helpers/cli';

const CHART = 'apiVersion: v2\nname: app\nversion: 1.0.0\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n';

const root = workspace({
  'app/Chart.yaml': CHART,
  'app/templates/pod.yaml': POD,
  'app/charts/sub/Chart.yaml': CHART.replace('app', 'sub'),
  'app/charts/sub/templates/pod.yaml': POD,
  'plain/pod.yaml': POD,
  'linked/templates/pod.yaml': POD,
  'dangling/templates/pod.yaml': POD,
  'later/templates/pod.yaml': POD,
  'unsaved/templates/pod.yaml': POD,
});
const path = (relative: string) => `${root}/${relative}`.replace(/\\/g, '/');
symlinkSync(path('app/Chart.yaml'), path('linked/Chart.yaml'));
symlinkSync(path('nowhere/Chart.yaml'), path('dangling/Chart.yaml'));

function units(open = new Map<string, { text: string; version: number }>()): ChartUnits {
  return new ChartUnits({ openDocuments: () => open, publishClosed: () => {}, relintOpen: () => {}, relintUnit: () => {} });
}

/** Every folder under the workspace with its entries, as the workspace scan lists them. */
function listing(folder = root.replace(/\\/g, '/'), into = new Map<string, Dirent[]>()): Map<string, Dirent[]> {
  const entries = readdirSync(folder, { withFileTypes: true });
  into.set(folder, entries);
  for (const entry of entries) if (entry.isDirectory()) listing(`${folder}/${entry.name}`, into);
  return into;
}

const rootOf = (charts: ChartUnits, file: string) => charts.chartRootOf(path(file), emptyConfig(root));

describe('the chart a file belongs to', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const scanning of [false, true]) {
    describe(scanning ? 'while the scan sorts its listing into units' : 'outside a scan', () => {
      const charts = units();
      if (scanning) charts.useListing(listing());

      it("is the outermost chart: a subchart's files belong to its parent", () => {
        assert.equal(rootOf(charts, 'app/charts/sub/templates/pod.yaml'), path('app'));
        assert.equal(rootOf(charts, 'app/templates/pod.yaml'), path('app'));
        assert.equal(rootOf(charts, 'app/charts/sub/Chart.yaml'), path('app'));
      });

      it('is none for a file no Chart.yaml is above', () => {
        assert.equal(rootOf(charts, 'plain/pod.yaml'), undefined);
      });

      it('follows a Chart.yaml that is a symbolic link, and ignores one whose target is missing', () => {
        assert.equal(rootOf(charts, 'linked/templates/pod.yaml'), path('linked'));
        assert.equal(rootOf(charts, 'dangling/templates/pod.yaml'), undefined);
      });
    });
  }

  it('counts a Chart.yaml open in the editor and not saved', () => {
    const open = new Map([[path('unsaved/Chart.yaml'), { text: CHART, version: 1 }]]);
    assert.equal(rootOf(units(open), 'unsaved/templates/pod.yaml'), path('unsaved'));
    assert.equal(rootOf(units(), 'unsaved/templates/pod.yaml'), undefined);
  });

  it('sees a Chart.yaml written since its last answer after a rescan', () => {
    const charts = units();
    assert.equal(rootOf(charts, 'later/templates/pod.yaml'), undefined);
    writeFileSync(path('later/Chart.yaml'), CHART);
    charts.rescan();
    assert.equal(rootOf(charts, 'later/templates/pod.yaml'), path('later'));
  });
});
