import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadChart } from '../../../rules/models/helm/chart/loader';
import { ValueOrigins } from '../../../rules/models/helm/chart/value-origins';
import { CACHED_VALUE_ORIGINS, loadValuesFile } from '../../../rules/models/helm/chart/values-yaml';
import { chartValues } from '../../../rules/models/helm/chart/values';
import type { HelmRenderOptions } from '../../../rules/models/helm/render-result';
import type { GoMap, GoValue } from '../../../rules/models/helm/value';
import { SHARED_DIR, SHARED_SKIP_REASON } from '../../helpers/shared';
import { sourceSet, sourceSetFromDisk } from './chart-source';

function valuesOf(files: Record<string, string>, options: HelmRenderOptions = {}) {
  const sources = sourceSet(files);
  const origins = new ValueOrigins(CACHED_VALUE_ORIGINS);
  const { chart, problems } = loadChart(sources, '/c');
  assert.ok(chart, JSON.stringify(problems));
  return { ...chartValues(sources, chart, options, origins), origins };
}

function at(values: GoValue, ...path: string[]): GoValue | undefined {
  let current: GoValue | undefined = values;
  for (const key of path) current = current instanceof Map ? current.get(key) : undefined;
  return current;
}

const chartYaml = 'apiVersion: v2\nname: c\nversion: 1.0.0\n';

describe('chart values (Helm v3 coalescing)', () => {
  it('loads numbers as float64, lets values files and --set override, and null delete a default', () => {
    const { values, valuesFiles } = valuesOf(
      {
        '/c/Chart.yaml': chartYaml,
        '/c/values.yaml': 'replicas: 1000000\nimage:\n  tag: "1.0"\n  pullPolicy: Always\nsecurityContext: {}\n',
        '/c/prod.yaml': 'image:\n  pullPolicy: null\nreplicas: 3\n',
      },
      { valuesFiles: ['/c/prod.yaml'], set: [{ expression: 'image.tag=2', asString: true }, { expression: 'extra=5', asString: false }] },
    );
    assert.equal(at(values, 'replicas'), 3);
    assert.equal(at(values, 'image', 'tag'), '2');
    assert.equal((at(values, 'image') as GoMap).has('pullPolicy'), false);
    assert.equal(at(values, 'extra'), 5n);
    assert.deepEqual(valuesFiles, ['/c/values.yaml', '/c/prod.yaml']);
  });

  it('keeps the values-file origin of each entry, and drops it when --set overrides', () => {
    const { values, origins } = valuesOf(
      { '/c/Chart.yaml': chartYaml, '/c/values.yaml': 'a:\n  b: 1\n  c: 2\n', '/c/more.yaml': 'a:\n  c: 3\n' },
      { valuesFiles: ['/c/more.yaml'], set: [{ expression: 'a.d=4', asString: false }] },
    );
    const a = at(values, 'a') as GoMap;
    assert.deepEqual(origins.entry(a, 'b'), { file: '/c/values.yaml', start: 8, end: 9, path: ['a', 'b'] });
    assert.deepEqual(origins.entry(a, 'c'), { file: '/c/more.yaml', start: 8, end: 9, path: ['a', 'c'] });
    assert.equal(origins.entry(a, 'd'), undefined);
    assert.equal(origins.of(a)?.file, '/c/more.yaml'); // the map the user's file wrote
  });

  it("gives a map or list one origin, as itself and as its holder's entry (an alias's entry keeps the alias's place)", () => {
    const origins = new ValueOrigins();
    const { values } = loadValuesFile('a:\n  b: &x\n    - 1\n  c: *x\n', '/c/values.yaml', origins);
    const a = values.get('a') as GoMap;
    assert.equal(origins.entry(values, 'a'), origins.of(a));
    assert.equal(origins.entry(a, 'b'), origins.of(a.get('b')!));
    assert.deepEqual(origins.entry(a, 'b'), { file: '/c/values.yaml', start: 15, end: 19, path: ['a', 'b'] });
    assert.deepEqual(origins.entry(a, 'c'), { file: '/c/values.yaml', start: 24, end: 26, path: ['a', 'c'] });
    assert.deepEqual(origins.of(a.get('c')!), { file: '/c/values.yaml', start: 15, end: 19, path: ['a', 'c'] });
    assert.deepEqual(origins.entry(a.get('b') as GoValue[], 0), { file: '/c/values.yaml', start: 17, end: 18, path: ['a', 'b', 0] });
  });

  it('scopes subchart values by alias, copies globals down and honours conditions', () => {
    const { values, root } = valuesOf({
      '/c/Chart.yaml': `${chartYaml}dependencies:\n  - name: sub\n    version: 1.x\n    alias: first\n  - name: sub\n    alias: second\n    condition: second.enabled\n`,
      '/c/values.yaml': 'global:\n  registry: r.io\nfirst:\n  port: 1\nsecond:\n  enabled: false\n',
      '/c/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.2.0\n',
      '/c/charts/sub/values.yaml': 'port: 80\nname: sub\n',
    });
    assert.deepEqual(root.subcharts.map((sub) => sub.name), ['first']);
    assert.equal(at(values, 'first', 'port'), 1);
    assert.equal(at(values, 'first', 'name'), 'sub');
    assert.equal(at(values, 'first', 'global', 'registry'), 'r.io');
    assert.deepEqual(root.disabled.map((entry) => entry.name), ['second']);
  });

  it('imports values from subcharts in both forms (helm\'s subchart test chart)', { skip: SHARED_SKIP_REASON }, () => {
    const dir = join(SHARED_DIR, 'corpus/helm/charts/helm-v3__subchart');
    const sources = sourceSetFromDisk(dir, '/c', (relative) => relative === 'expected' || relative === 'case.json');
    const origins = new ValueOrigins(CACHED_VALUE_ORIGINS);
    const { chart } = loadChart(sources, '/c');
    const { values } = chartValues(sources, chart!, {}, origins);
    assert.equal(at(values, 'imported-chartA', 'SCAint'), 55); // child table imported under a parent key
    assert.equal(at(values, 'overridden-chartA', 'SCAint'), 100); // the parent's own value wins
    assert.equal(at(values, 'SCBexported1A', 'SCBexported1B'), 1965); // `- SCBexported1` imports exports.SCBexported1
    assert.equal(at(values, 'subchartb', 'service', 'name'), 'nginx');
  });

  it('reports bad values files and bad --set expressions as problems', () => {
    const { problems } = valuesOf(
      { '/c/Chart.yaml': chartYaml, '/c/bad.yaml': 'a: [', '/c/list.yaml': '- 1\n' },
      { valuesFiles: ['/c/bad.yaml', '/c/list.yaml', '/c/missing.yaml'], set: [{ expression: 'novalue', asString: false }] },
    );
    assert.deepEqual(problems.map((problem) => problem.reason), ['bad-values', 'bad-values', 'bad-values', 'bad-values']);
  });
});
