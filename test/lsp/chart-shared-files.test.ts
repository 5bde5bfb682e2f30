// A chart's file rendered by two charts: its own (with its own values) and one that depends on it (with the
// dependent's values). The server shows the findings of both renders, as the CLI reports them, whichever chart it
// linted last (the workspace scan lints charts in whatever order its threads finish them).
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import type { Finding } from '../../rules/engine';
import { emptyConfig } from '../../rules/engine/config';
import { ChartUnits } from '../../server/lsp/chart-units';
import type { LintUnit } from '../../server/lsp/unit-provider';
import { workspace } from '../helpers/cli';
import { SERVER_BUNDLE, TestClient, uriOf } from './lsp-client';

const QUEUE_CHART = 'apiVersion: v2\nname: queue\nversion: 1.0.0\n';
const QUEUE_VALUES = 'privileged: false\n';
const QUEUE_POD =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: queue\n  namespace: queue\nspec:\n  containers:\n    - name: queue\n      image: queue:1.0\n      securityContext:\n        privileged: {{ .Values.privileged }}\n';
const APP_CHART = 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: queue\n    version: 1.x.x\n    repository: oci://registry.example/charts\n';
const APP_VALUES = 'queue:\n  privileged: true\n';

/** The queue's pod edited: its host network follows `privileged` too (on only with the app's values). */
const QUEUE_POD_EDITED = QUEUE_POD.replace('spec:\n', 'spec:\n  hostNetwork: {{ .Values.privileged }}\n');

const files = {
  'charts/queue/Chart.yaml': QUEUE_CHART,
  'charts/queue/values.yaml': QUEUE_VALUES,
  'charts/queue/templates/pod.yaml': QUEUE_POD,
  'apps/app/Chart.yaml': APP_CHART,
  'apps/app/values.yaml': APP_VALUES,
};
const root = workspace(files);
const path = (relative: string, folder = root) => `${folder}/${relative}`.replace(/\\/g, '/');
const chartsIn = (folder: string) => ({ queue: path('charts/queue', folder), app: path('apps/app', folder), pod: path('charts/queue/templates/pod.yaml', folder) });
const QUEUE = path('charts/queue');
const APP = path('apps/app');
const POD = path('charts/queue/templates/pod.yaml');

interface Host {
  units: ChartUnits;
  published: Map<string, Finding[]>;
  /** Open documents by path (the test edits them). */
  open: Map<string, { text: string; version: number }>;
  /** Open files the units asked to re-lint. */
  relintedOpen: string[];
  /** The next unit the units ask the server to lint again (a dependent of a changed chart). */
  nextRelint(timeoutMs?: number): Promise<LintUnit>;
}

/** A server's chart units over the workspace, recording the last findings published for each closed file. */
function charts(folder = root): Host {
  const published = new Map<string, Finding[]>();
  const open = new Map<string, { text: string; version: number }>();
  const relintedOpen: string[] = [];
  const relints: LintUnit[] = [];
  let waiting: ((unit: LintUnit) => void) | undefined;
  const units = new ChartUnits({
    openDocuments: () => open,
    publishClosed: (file, _kind, findings) => published.set(file, findings),
    relintOpen: (file) => relintedOpen.push(file),
    relintUnit: (unit) => (waiting ? waiting(unit) : relints.push(unit)),
  });
  units.knowCharts([path('charts/queue', folder), path('apps/app', folder)]);
  const nextRelint = (timeoutMs = 5000) =>
    new Promise<LintUnit>((resolve, reject) => {
      const queued = relints.shift();
      if (queued) return resolve(queued);
      const timer = setTimeout(() => reject(new Error('no chart was linted again')), timeoutMs);
      waiting = (unit) => {
        clearTimeout(timer);
        waiting = undefined;
        resolve(unit);
      };
    });
  return { units, published, open, relintedOpen, nextRelint };
}

const lintChart = (units: ChartUnits, chartRoot: string, file: string) =>
  units.findingsFor(file, { root: chartRoot, anchor: `${chartRoot}/Chart.yaml` }, emptyConfig(root)).findings;
const privileged = (findings: readonly Finding[] | undefined) => (findings ?? []).filter((finding) => /privileged/.test(finding.ruleId));
const hostNetwork = (findings: readonly Finding[] | undefined) => (findings ?? []).filter((finding) => finding.ruleId === 'kubernetes/no-host-network');
const ids = (findings: readonly Finding[] | undefined) => JSON.stringify((findings ?? []).map((finding) => finding.ruleId));

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

describe('a dependency file that changes re-lints the charts depending on it', () => {
  const folder = workspace(files);
  after(() => rmSync(folder, { recursive: true, force: true }));
  const { queue, app, pod } = chartsIn(folder);

  it('on disk: the dependent reads it again, and the file shows what the dependent renders of the new text', async () => {
    const written = workspace(files); // its own: the pod changes on disk
    try {
      const mine = chartsIn(written);
      const { units, published, nextRelint } = charts(written);
      lintChart(units, mine.app, `${mine.app}/values.yaml`);
      assert.equal(hostNetwork(lintChart(units, mine.queue, mine.pod)).length, 0);
      writeFileSync(mine.pod, QUEUE_POD_EDITED);
      // As the server does for a watched change: the file's own chart is linted through its anchor at once.
      units.diskChanged(mine.pod);
      lintChart(units, mine.queue, `${mine.queue}/Chart.yaml`);
      const relinted = await nextRelint();
      assert.equal(relinted.root, mine.app, 'the app depends on the queue');
      lintChart(units, relinted.root, relinted.anchor); // the server lints the unit through its anchor
      assert.equal(hostNetwork(published.get(mine.pod)).length, 1, `published for the closed file: ${ids(published.get(mine.pod))}`);
      assert.equal(hostNetwork(lintChart(units, mine.queue, mine.pod)).length, 1, "the queue's lint shows the app's finding on the new text");
    } finally {
      rmSync(written, { recursive: true, force: true });
    }
  });

  it('edited in the editor: the dependent renders the unsaved text, and the open file is linted again to show it', async () => {
    const { units, open, relintedOpen, nextRelint } = charts(folder);
    open.set(pod, { text: QUEUE_POD, version: 1 });
    lintChart(units, app, `${app}/values.yaml`);
    lintChart(units, queue, pod);
    assert.equal((await nextRelint()).root, app, 'opening the pod: the app reads its open text from now on');
    lintChart(units, app, `${app}/Chart.yaml`);
    assert.equal(privileged(lintChart(units, queue, pod)).length, 1);
    open.set(pod, { text: QUEUE_POD_EDITED, version: 2 });
    assert.equal(hostNetwork(lintChart(units, queue, pod)).length, 0, "the app's findings were on the old text: not shown meanwhile");
    const relinted = await nextRelint();
    assert.equal(relinted.root, app);
    relintedOpen.length = 0;
    lintChart(units, app, relinted.anchor);
    assert.deepEqual(relintedOpen, [pod], 'the open pod is linted again: its findings changed');
    const findings = lintChart(units, queue, pod);
    assert.equal(hostNetwork(findings).length, 1, `the app's render of the unsaved text: ${ids(findings)}`);
    assert.equal(privileged(findings).length, 1);
  });

  it('a chart nothing depends on changes: no other chart is linted again', async () => {
    const { units, nextRelint } = charts(folder);
    lintChart(units, queue, pod);
    lintChart(units, app, `${app}/values.yaml`);
    assert.equal((await nextRelint()).root, app, "the queue's first lint: the app depends on it");
    lintChart(units, app, `${app}/Chart.yaml`);
    units.diskChanged(`${app}/values.yaml`);
    lintChart(units, app, `${app}/Chart.yaml`);
    await assert.rejects(nextRelint(1000), /no chart was linted again/);
  });
});

describe('language server: editing a dependency chart’s file re-lints the chart depending on it', () => {
  // Side by side (no workspace scan here: the server finds a dependency among the chart's sibling folders).
  const folder = workspace(Object.fromEntries(Object.entries(files).map(([file, text]) => [file.replace(/^apps\//, 'charts/'), text])));
  const app = path('charts/app', folder);
  const { pod } = chartsIn(folder);
  let client: TestClient;
  after(async () => {
    await client?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('the open file shows what the dependent’s render makes of its unsaved text', async () => {
    client = await TestClient.start({ server: SERVER_BUNDLE, rootPath: folder });
    const podUri = uriOf(pod);
    await client.open(uriOf(`${app}/values.yaml`), 'yaml', APP_VALUES);
    await client.open(podUri, 'yaml', QUEUE_POD);
    const codes = (params: { diagnostics: Array<{ code?: unknown }> }) => params.diagnostics.map((diagnostic) => diagnostic.code);
    await client.waitForDiagnostics(podUri, (params) => codes(params).includes('kubernetes/no-privileged'));
    const since = client.published.length;
    await client.change(podUri, 2, QUEUE_POD_EDITED);
    // Only the app's values turn the host network on: the finding comes from the app's render of the unsaved pod.
    const published = await client.waitForDiagnostics(podUri, (params) => codes(params).includes('kubernetes/no-host-network'), { since, timeoutMs: 20000 });
    assert.equal(published.version, 2);
  });
});
