// Coalescing reads a chart's defaults without copying them first (coalesce.ts defaultsInto): the defaults are the
// cached values files' maps, so they must come out unchanged and unshared, and Helm's nil handling (its copy's
// entries set to nil where the user's value is nil) must give the same result and warnings as Helm's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coalesceChartValues, type CoalesceChart } from '../../../rules/models/helm/chart/coalesce';
import { ValueOrigins } from '../../../rules/models/helm/chart/value-origins';
import type { GoMap, GoValue } from '../../../rules/models/helm/value';

const map = (entries: Record<string, GoValue>): GoMap => new Map(Object.entries(entries));

function chart(): CoalesceChart {
  return {
    name: 'app',
    defaults: map({
      image: map({ repository: 'nginx', tag: 'latest', pullSecrets: ['a'] }),
      resources: map({ limits: map({ cpu: '1' }) }),
      podLabels: map({ team: 'web' }),
      replicas: 1,
    }),
    subcharts: [],
  };
}

describe('coalescing a chart\'s defaults', () => {
  it('leaves the defaults unchanged and shares none of their maps or lists with the result', () => {
    const app = chart();
    const before = structuredClone(app.defaults);
    const user = map({ image: map({ tag: '1.2', pullSecrets: null }), resources: map({ limits: null }), extra: true });
    const values = coalesceChartValues(app, user, false, { origins: new ValueOrigins(), warnings: [] });
    assert.deepEqual(values, map({ image: map({ tag: '1.2', repository: 'nginx' }), resources: map({}), extra: true, podLabels: map({ team: 'web' }), replicas: 1 }));
    assert.deepEqual(app.defaults, before);
    (values.get('podLabels') as GoMap).set('changed', 'yes');
    assert.deepEqual(app.defaults, before, 'a template writing into .Values changes no default');
  });

  it('a nil user value deletes the default without a warning, even over a table; in merge mode it stays nil', () => {
    const warnings: string[] = [];
    const user = map({ image: map({ pullSecrets: null }), resources: map({ limits: null }) });
    const values = coalesceChartValues(chart(), user, false, { origins: new ValueOrigins(), warnings });
    assert.deepEqual(values.get('resources'), map({}));
    assert.equal((values.get('image') as GoMap).has('pullSecrets'), false);
    assert.deepEqual(warnings, []);
    const merged = coalesceChartValues(chart(), map({ resources: map({ limits: null }) }), true, { origins: new ValueOrigins(), warnings });
    assert.deepEqual(merged.get('resources'), map({ limits: null }));
    assert.deepEqual(warnings, []);
  });

  it('warns as Helm does where a table meets a value', () => {
    const warnings: string[] = [];
    coalesceChartValues(chart(), map({ image: map({ tag: map({ x: 1 }) }), podLabels: map({ team: map({}) }), resources: 'none' }), false, { origins: new ValueOrigins(), warnings });
    assert.deepEqual(warnings, ['warning: destination for app.image.tag is a table. Ignoring non-table value (latest)', 'warning: destination for app.podLabels.team is a table. Ignoring non-table value (web)']);
  });
});
