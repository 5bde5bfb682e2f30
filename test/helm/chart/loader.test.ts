import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadChart } from '../../../rules/models/helm/chart/loader';
import { SHARED_DIR, SHARED_SKIP_REASON } from '../../helpers/shared';
import { sourceSet } from './chart-source';

const load = (files: Record<string, string | Uint8Array>, root = '/w/app') => loadChart(sourceSet(files), root);

describe('chart loader', () => {
  it('sorts a chart\'s files as Helm does: templates, .Files, subcharts, .helmignore', () => {
    const { chart, problems } = load({
      '/w/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
      '/w/app/values.yaml': 'a: 1\n',
      '/w/app/.helmignore': '# comment\n*.bak\nsecret/\n',
      '/w/app/templates/deploy.yaml': 'kind: Deployment\n',
      '/w/app/templates/.hidden.yaml': 'x',
      '/w/app/templates/deploy.yaml.bak': 'x',
      '/w/app/config/app.conf': 'k=v',
      '/w/app/secret/key': 'x',
      '/w/app/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.0.0\n',
      '/w/app/charts/sub/templates/a.yaml': 'a',
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(chart!.templates.map((file) => file.name), ['templates/deploy.yaml']);
    assert.deepEqual(chart!.files.map((file) => file.name).sort(), ['.helmignore', 'config/app.conf']);
    assert.deepEqual(chart!.subcharts.map((sub) => [sub.metadata.name, sub.templates.map((file) => file.path)]), [['sub', ['/w/app/charts/sub/templates/a.yaml']]]);
  });

  it('resolves a dependency that is not vendored from a chart of that name in the source set', () => {
    const { chart, problems } = load({
      '/w/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: common\n    version: 2.x.x\n    repository: oci://registry/bitnamicharts\n  - name: redis\n    version: 1.0.0\n',
      '/w/common/Chart.yaml': 'apiVersion: v2\nname: common\nversion: 2.31.0\ntype: library\n',
      '/w/common/templates/_names.tpl': '{{ define "common.names" }}x{{ end }}',
    });
    assert.deepEqual(chart!.subcharts.map((sub) => sub.root), ['/w/common']);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].reason, 'missing-dependency');
    assert.match(problems[0].message, /"redis"/);
    assert.equal(problems[0].location.file, '/w/app/Chart.yaml');
    assert.ok(problems[0].location.start > 0, 'points at the dependency entry');
  });

  it('reports a corrupt archive, a missing or invalid Chart.yaml as problems, never a throw', () => {
    const corrupt = load({ '/w/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n', '/w/app/charts/x-1.0.0.tgz': gzipSync(Buffer.from('not a tar at all, but long enough'.repeat(40))) });
    assert.equal(corrupt.chart?.subcharts.length, 0);
    assert.deepEqual(corrupt.problems.map((problem) => problem.reason), ['bad-chart']);
    assert.deepEqual(load({ '/w/app/values.yaml': '' }).problems.map((problem) => problem.reason), ['bad-chart']);
    assert.match(load({ '/w/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\ntype: bogus\n' }).problems[0].message, /^validation: chart.metadata.type must be application or library$/);
    assert.equal(load({ '/w/app/Chart.yaml': 'name: [' }).problems[0].reason, 'bad-chart');
  });

  it('loads a packaged chart (.tgz) as the chart itself, its files named inside the archive', { skip: SHARED_SKIP_REASON }, () => {
    const archive = new Uint8Array(readFileSync(join(SHARED_DIR, 'corpus/helm/charts/helm-unittest__with-subchart/charts/postgresql-0.8.3.tgz')));
    const { chart, problems } = load({ '/w/postgresql-0.8.3.tgz': archive }, '/w/postgresql-0.8.3.tgz');
    assert.deepEqual(problems, []);
    assert.equal(chart!.metadata.name, 'postgresql');
    assert.ok(chart!.templates.some((file) => file.path === '/w/postgresql-0.8.3.tgz!/postgresql/templates/deployment.yaml'));
    assert.ok(chart!.values.size > 0);
  });
});
