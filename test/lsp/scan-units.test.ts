// A scan thread's chart lint (UnitLinter): a dependency that is not vendored resolves to the nearest chart of that
// name among all the workspace's charts, whichever charts that thread happened to render before. Two copies of a
// repository side by side (a/ and b/): b's app must render with b's dependency, as the CLI does.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { emptyConfig } from '../../rules/engine/config';
import { UnitLinter } from '../../server/lsp/scan-units';
import { workspace } from '../helpers/cli';

const DEPENDENCY_CHART = 'apiVersion: v2\nname: queue\nversion: 1.0.0\n';
const APP_CHART = 'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: queue\n    version: 1.x.x\n    repository: oci://registry.example/charts\n';
const POD = (privileged: boolean) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: queue\nspec:\n  containers:\n    - name: queue\n      image: queue:1.0\n      securityContext:\n        privileged: ${privileged}\n`;

const root = workspace({
  'a/charts-repo/queue/Chart.yaml': DEPENDENCY_CHART,
  'a/charts-repo/queue/templates/pod.yaml': POD(true),
  'b/charts-repo/queue/Chart.yaml': DEPENDENCY_CHART,
  'b/charts-repo/queue/templates/pod.yaml': POD(true),
  'b/apps/app/Chart.yaml': APP_CHART,
  'b/apps/app/values.yaml': '{}\n',
});
const chart = (path: string) => `${root}/${path}`.replace(/\\/g, '/');
const ALL_CHARTS = [chart('a/charts-repo/queue'), chart('b/charts-repo/queue'), chart('b/apps/app')];

function filesWithFindings(linter: UnitLinter, path: string, charts: readonly string[]): string[] {
  const outcome = linter.lint({ unit: 'chart', root: chart(path), charts, config: emptyConfig(root), overlay: [] });
  return outcome.findings.filter(([, findings]) => findings.length > 0).map(([file]) => file.slice(root.length + 1));
}

describe('scan threads: a chart dependency found in the workspace', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it("renders b's app with b's copy of the dependency even when the thread rendered a's copy first", () => {
    const linter = new UnitLinter();
    filesWithFindings(linter, 'a/charts-repo/queue', ALL_CHARTS);
    const files = filesWithFindings(linter, 'b/apps/app', ALL_CHARTS);
    assert.ok(files.includes('b/charts-repo/queue/templates/pod.yaml'), `b's dependency rendered: ${JSON.stringify(files)}`);
    assert.ok(!files.some((file) => file.startsWith('a/')), `nothing of a's copy: ${JSON.stringify(files)}`);
  });

  it('finds the dependency in a thread that rendered no other chart before', () => {
    const files = filesWithFindings(new UnitLinter(), 'b/apps/app', ALL_CHARTS);
    assert.ok(files.includes('b/charts-repo/queue/templates/pod.yaml'), JSON.stringify(files));
  });
});
