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
});
