import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { chartRoots, WorkspaceCharts } from '../../../server/shared/chart-sources';
import { toPosix } from '../../../server/shared/config-loader';
import { workspace } from '../../helpers/cli';

const chart = (name: string, dependencies: string[] = []) =>
  `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n${dependencies.length ? `dependencies:\n${dependencies.map((dependency) => `  - name: ${dependency}\n    version: 1.x.x\n`).join('')}` : ''}`;

/** Two copies of a repository side by side (c1/, c2/), as a monorepo or a checkout of two branches has them. */
function twoCopies(): { root: string; charts: WorkspaceCharts } {
  const files: Record<string, string> = {};
  for (const copy of ['c1', 'c2']) {
    files[`${copy}/charts/app/Chart.yaml`] = chart('app', ['db', 'common']);
    files[`${copy}/charts/db/Chart.yaml`] = chart('db', ['common']);
    files[`${copy}/charts/common/Chart.yaml`] = chart('common');
  }
  const root = toPosix(workspace(files));
  const charts = new WorkspaceCharts();
  charts.addWithSiblings(chartRoots(Object.keys(files).map((file) => `${root}/${file}`)));
  return { root, charts };
}

describe('workspace chart dependencies', () => {
  it('takes the nearest chart of a dependency’s name: the one of the same copy, not every copy’s', () => {
    const { root, charts } = twoCopies();
    assert.deepEqual(charts.dependencyRoots(`${root}/c1/charts/app`).sort(), [`${root}/c1/charts/common`, `${root}/c1/charts/db`]);
    assert.deepEqual(charts.dependencyRoots(`${root}/c2/charts/db`), [`${root}/c2/charts/common`]);
  });

  it('still finds a dependency that only another folder has, and keeps every chart of that name at the same distance', () => {
    const root = toPosix(workspace({ 'apps/web/Chart.yaml': chart('web', ['common']), 'libs/a/common/Chart.yaml': chart('common'), 'libs/b/common/Chart.yaml': chart('common') }));
    const charts = new WorkspaceCharts();
    for (const folder of ['apps/web', 'libs/a/common', 'libs/b/common']) charts.add(`${root}/${folder}`);
    assert.deepEqual(charts.dependencyRoots(`${root}/apps/web`).sort(), [`${root}/libs/a/common`, `${root}/libs/b/common`]);
  });

  it('reads Chart.yaml again at each lookup: a dependency added or dropped on disk counts, and requirements.yaml too', () => {
    const { root, charts } = twoCopies();
    const app = `${root}/c1/charts/app`;
    assert.deepEqual(charts.dependencyRoots(app).sort(), [`${root}/c1/charts/common`, `${root}/c1/charts/db`]);
    writeFileSync(`${app}/Chart.yaml`, chart('app', ['db']));
    writeFileSync(`${root}/c1/charts/db/Chart.yaml`, chart('db'));
    assert.deepEqual(charts.dependencyRoots(app), [`${root}/c1/charts/db`]);
    writeFileSync(`${app}/Chart.yaml`, chart('app'));
    assert.deepEqual(charts.dependencyRoots(app), []);
    writeFileSync(`${app}/requirements.yaml`, 'dependencies:\n  - name: common\n');
    assert.deepEqual(charts.dependencyRoots(app), [`${root}/c1/charts/common`]);
  });

  it('reads names and dependencies as YAML gives them: anchors, flow style, the first document; a broken or empty Chart.yaml names nothing', () => {
    const root = toPosix(
      workspace({
        // The name through an anchor, dependencies in flow style, a second document ignored.
        'app/Chart.yaml': 'apiVersion: v2\nversion: &v 1.0.0\nname: &n app\ndependencies: [{name: "db", version: *v}, {name: cache}]\n---\nname: other\n',
        'db/Chart.yaml': '# the database\nname: "db"\nversion: 1.0.0\n',
        'cache/Chart.yaml': "name: 'cache'\nversion: 1.0.0\n",
        'broken/Chart.yaml': 'name: [db\n',
        'empty/Chart.yaml': '',
        'number/Chart.yaml': 'name: 1.0\nversion: 1.0.0\n',
        'web/Chart.yaml': chart('web', ['broken', 'empty', '1.0', 'other']),
      }),
    );
    const charts = new WorkspaceCharts();
    for (const folder of ['app', 'db', 'cache', 'broken', 'empty', 'number', 'web']) charts.add(`${root}/${folder}`);
    assert.deepEqual(charts.dependencyRoots(`${root}/app`).sort(), [`${root}/cache`, `${root}/db`]);
    // A Chart.yaml that does not parse, is empty or names its chart with a number is not found by that name.
    assert.deepEqual(charts.dependencyRoots(`${root}/web`), []);
  });
});
