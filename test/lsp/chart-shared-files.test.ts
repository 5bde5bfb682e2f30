// A chart's file rendered by two charts: its own (with its own values) and one that depends on it (with the
// dependent's values). The server shows the findings of both renders, as the CLI reports them, whichever chart it
// linted last (the workspace scan lints charts in whatever order its threads finish them).
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import type { Finding } from '../../rules/engine';
import { emptyConfig } from '../../rules/engine/config';
import { ChartUnits } from '../../server/lsp/chart-units';
import { workspace } from '../helpers/cli';

const QUEUE_CHART = 'apiVersion: v2\nname: queue\nversion: 1.0.0\n';
const QUEUE_VALUES = 'privileged: false\n';
const QUEUE_POD =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: queue\n  namespace: queue\nspec:\n  containers:\n    - name: queue\n      image: queue:1.0\n      securityContext:\n        privileged: {{ .Values.privileged }}\n';
const APP_CHART = 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: queue\n    version: 1.x.x\n    repository: oci://registry.example/charts\n';
const APP_VALUES = 'queue:\n  privileged: true\n';

const root = workspace({
  'charts/queue/Chart.yaml': QUEUE_CHART,
  'charts/queue/values.yaml': QUEUE_VALUES,
  'charts/queue/templates/pod.yaml': QUEUE_POD,
  'apps/app/Chart.yaml': APP_CHART,
  'apps/app/values.yaml': APP_VALUES,
});
const path = (relative: string) => `${root}/${relative}`.replace(/\\/g, '/');
const QUEUE = path('charts/queue');
const APP = path('apps/app');
const POD = path('charts/queue/templates/pod.yaml');

/** A server's chart units over the workspace, recording the last findings published for each closed file. */
function charts(): { units: ChartUnits; published: Map<string, Finding[]> } {
  const published = new Map<string, Finding[]>();
  const units = new ChartUnits({ openDocuments: () => new Map(), publishClosed: (file, _kind, findings) => published.set(file, findings), relintOpen: () => undefined });
  units.knowCharts([QUEUE, APP]);
  return { units, published };
}

const lintChart = (units: ChartUnits, chartRoot: string, file: string) =>
  units.findingsFor(file, { root: chartRoot, anchor: `${chartRoot}/Chart.yaml` }, emptyConfig(root)).findings;
const privileged = (findings: readonly Finding[] | undefined) => (findings ?? []).filter((finding) => /privileged/.test(finding.ruleId));

describe('a dependency file rendered by two charts', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('shows the dependent chart’s finding on the file when its own chart is linted last', () => {
    const { units } = charts();
    lintChart(units, APP, path('apps/app/values.yaml'));
    const pod = lintChart(units, QUEUE, POD);
    assert.equal(privileged(pod).length, 1, `queue's pod with the app's values is privileged: ${JSON.stringify(pod.map((finding) => finding.ruleId))}`);
  });

  it('shows it when the dependent is linted last (published for the closed file)', () => {
    const { units, published } = charts();
    assert.equal(privileged(lintChart(units, QUEUE, POD)).length, 0, "queue's own values: not privileged");
    lintChart(units, APP, path('apps/app/values.yaml'));
    assert.equal(privileged(published.get(POD)).length, 1, `published: ${JSON.stringify(published.get(POD)?.map((finding) => finding.ruleId))}`);
  });

  it('shows a finding both renders make once', () => {
    const { units } = charts();
    lintChart(units, APP, path('apps/app/values.yaml'));
    const pod = lintChart(units, QUEUE, POD);
    const identities = pod.map((finding) => `${finding.ruleId}@${finding.range.start.line}`);
    assert.equal(new Set(identities).size, identities.length, `no finding twice: ${identities.join(', ')}`);
  });

  it("drops the dependent's findings on the file once it changes on disk, until the dependent lints again", () => {
    const { units } = charts();
    lintChart(units, APP, path('apps/app/values.yaml'));
    assert.equal(privileged(lintChart(units, QUEUE, POD)).length, 1);
    units.diskChanged(POD);
    assert.equal(privileged(lintChart(units, QUEUE, POD)).length, 0, 'the app rendered the old file');
    lintChart(units, APP, path('apps/app/values.yaml'));
    assert.equal(privileged(lintChart(units, QUEUE, POD)).length, 1);
  });
});
