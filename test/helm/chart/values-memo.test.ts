// A chart's coalesced values are remembered by their inputs (values-memo.ts): a re-render with the same inputs
// gets a copy, which must be exactly what coalescing again would give (values, key order, origins, the maps
// Helm's `global` coalescing shares) and the render's own, and any changed input must coalesce again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { helmRenderer, renderHelmChart } from '../../../rules/engine/chart/default-renderer';
import { loadChart } from '../../../rules/models/helm/chart/loader';
import { renderChart } from '../../../rules/models/helm/chart/render';
import { ValueOrigins } from '../../../rules/models/helm/chart/value-origins';
import { chartValues } from '../../../rules/models/helm/chart/values';
import { chartValuesKey, forgetChartValues, recallChartValues } from '../../../rules/models/helm/chart/values-memo';
import { CACHED_VALUE_ORIGINS } from '../../../rules/models/helm/chart/values-yaml';
import type { HelmRenderOptions } from '../../../rules/models/helm/render-result';
import { TemplateParseCache } from '../../../rules/models/helm/template';
import type { GoValue } from '../../../rules/models/helm/value';
import { sourceSet } from './chart-source';

const FILES: Record<string, string> = {
  '/m/Chart.yaml': 'apiVersion: v2\nname: m\nversion: 1.0.0\ndependencies:\n  - name: sub\n    version: 1.x\n  - name: extra\n    condition: extra.enabled\n',
  '/m/values.yaml': 'global:\n  shared:\n    inner:\n      a: 1\nlist:\n  - x: 1\n  - y: 2\nz: last\nb: first\nextra:\n  enabled: false\n',
  '/m/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.2.0\n',
  '/m/charts/sub/values.yaml': 'global:\n  shared:\n    own: 2\nport: 80\n',
  '/m/charts/extra/Chart.yaml': 'apiVersion: v2\nname: extra\nversion: 1.0.0\n',
};

function coalesce(files: Record<string, string>, options: HelmRenderOptions = {}) {
  const sources = sourceSet(files);
  const origins = new ValueOrigins(CACHED_VALUE_ORIGINS);
  const { chart } = loadChart(sources, '/m');
  assert.ok(chart);
  return { ...chartValues(sources, chart, options, origins), origins, key: chartValuesKey(sources, chart, options), chart };
}

function at(value: GoValue | undefined, ...path: (string | number)[]): GoValue | undefined {
  for (const key of path) value = value instanceof Map ? value.get(key as string) : Array.isArray(value) ? value[key as number] : undefined;
  return value;
}

/** Every map and list of a tree. */
function containers(value: GoValue, into = new Set<object>()): Set<object> {
  if (value instanceof Map || Array.isArray(value)) {
    into.add(value);
    for (const entry of value instanceof Map ? value.values() : value) containers(entry, into);
  }
  return into;
}

/** The tree as text with each entry's origin, in key order (a difference in either shows). */
function described(value: GoValue, origins: ValueOrigins): unknown {
  if (value instanceof Map) return [...value].map(([key, entry]) => [key, origins.entry(value, key), described(entry, origins)]);
  if (Array.isArray(value)) return value.map((entry, index) => [origins.entry(value, index), described(entry, origins)]);
  return value;
}

describe('remembered chart values', () => {
  it('gives a second render the values coalescing gives, as its own copy with the same shared maps', () => {
    forgetChartValues();
    const fresh = coalesce(FILES);
    const again = coalesce(FILES);
    assert.ok(recallChartValues(again.key, again.chart, new ValueOrigins()), 'the inputs are the same: remembered');
    assert.deepEqual(described(again.values, again.origins), described(fresh.values, fresh.origins));
    assert.deepEqual([...again.values.keys()], ['global', 'list', 'z', 'b', 'extra', 'sub']);
    const freshMaps = containers(fresh.values);
    assert.ok([...containers(again.values)].every((container) => !freshMaps.has(container)), 'no map or list of an earlier render is handed out');
    // Helm shares `global` maps between the parent's and the subchart's tree (a shallow copy of each global table).
    const shared = at(fresh.values, 'global', 'shared', 'inner');
    assert.equal(at(fresh.values, 'sub', 'global', 'shared', 'inner'), shared);
    assert.equal(at(again.values, 'sub', 'global', 'shared', 'inner'), at(again.values, 'global', 'shared', 'inner'));
    assert.notEqual(at(again.values, 'sub', 'global', 'shared'), at(again.values, 'global', 'shared'));
    assert.deepEqual(again.origins.of(at(again.values, 'list') as GoValue[]), fresh.origins.of(at(fresh.values, 'list') as GoValue[]));
    // The chart tree is rebuilt on this render's loaded chart (its templates are this render's texts).
    assert.equal(again.root.loaded, again.chart);
    assert.equal(again.root.subcharts[0].loaded, again.chart.subcharts.find((sub) => sub.metadata.name === 'sub'));
    assert.equal(again.root.subcharts[0].parent, again.root);
    assert.deepEqual(again.root.disabled.map((entry) => entry.name), ['extra']);
    assert.deepEqual(again.root.dependencies.map((dependency) => dependency.name), ['sub']);
  });

  it('coalesces again when a values file, Chart.yaml or an option changed', () => {
    forgetChartValues();
    const base = coalesce(FILES);
    // A wrongly remembered result would show the old values.
    const changed = (files: Record<string, string>, options: HelmRenderOptions = {}) => coalesce(files, options);
    assert.equal(at(changed({ ...FILES, '/m/charts/sub/values.yaml': 'port: 81\n' }).values, 'sub', 'port'), 81);
    const condition = changed({ ...FILES, '/m/Chart.yaml': FILES['/m/Chart.yaml'].replace('condition: extra.enabled', 'condition: extra.on') });
    assert.deepEqual(condition.root.subcharts.map((sub) => sub.name).sort(), ['extra', 'sub']);
    assert.equal(at(changed(FILES, { set: [{ expression: 'z=set', asString: true }] }).values, 'z'), 'set');
    assert.equal(at(changed({ ...FILES, '/m/prod.yaml': 'b: prod\n' }, { valuesFiles: ['/m/prod.yaml'] }).values, 'b'), 'prod');
    assert.equal(at(changed({ ...FILES, '/m/prod.yaml': 'b: prod2\n' }, { valuesFiles: ['/m/prod.yaml'] }).values, 'b'), 'prod2', 'a user values file edited');
    assert.equal(at(changed(FILES).values, 'sub', 'port'), 80, 'back to the first inputs');
    assert.notEqual(base.key.text, condition.key.text);
  });

  it('keeps what one render\'s templates write into .Values out of the next render', () => {
    forgetChartValues();
    const files = {
      ...FILES,
      '/m/templates/a.yaml': 'before: {{ hasKey .Values.global.shared.inner "added" }}\n{{- $_ := set .Values.global.shared.inner "added" "yes" }}\nsub: {{ .Values.sub.global.shared.inner.added }}\n',
      '/m/charts/sub/templates/b.yaml': 'seen: {{ .Values.global.shared.inner.added | default "no" }}\n',
    };
    const outputs = [1, 2, 3].map(() => renderChart(sourceSet(files), '/m', {}).templates.map((template) => template.output.text));
    // The subchart's templates run first (Helm's order); the parent's write is seen through the shared map.
    assert.deepEqual(outputs[0], ['seen: no\n', 'before: false\nsub: yes\n']);
    assert.deepEqual(outputs[1], outputs[0]);
    assert.deepEqual(outputs[2], outputs[0]);
  });
  it("a render of values 'once' neither recalls nor keeps a copy, and renders as a remembering one", () => {
    forgetChartValues();
    const files = { ...FILES, '/m/templates/a.yaml': 'z: {{ .Values.z }}\nport: {{ .Values.sub.port }}\n' };
    const once = renderChart(sourceSet(files), '/m', {}, undefined, undefined, undefined, 'once');
    const { chart } = loadChart(sourceSet(files), '/m');
    assert.ok(chart);
    assert.equal(recallChartValues(chartValuesKey(sourceSet(files), chart, {}), chart, new ValueOrigins()), undefined, 'nothing kept');
    const remembering = renderChart(sourceSet(files), '/m', {});
    assert.ok(recallChartValues(chartValuesKey(sourceSet(files), chart, {}), chart, new ValueOrigins()), 'kept by the default');
    assert.deepEqual(once.templates.map((template) => template.output.text), ['z: last\nport: 80\n']);
    assert.deepEqual(once.templates.map((template) => template.output), remembering.templates.map((template) => template.output));
  });
  it("the renderers of one-render callers (the CLI's lint without --fix, its `render`) keep no copy; the default does", () => {
    const files = { ...FILES, '/m/templates/a.yaml': 'z: {{ .Values.z }}\n' };
    const { chart } = loadChart(sourceSet(files), '/m');
    assert.ok(chart);
    const kept = () => recallChartValues(chartValuesKey(sourceSet(files), chart, {}), chart, new ValueOrigins()) !== undefined;
    for (const [name, render, keeps] of [
      ["helmRenderer(cache, 'once')", helmRenderer(new TemplateParseCache(), 'once'), false],
      ['renderHelmChart', renderHelmChart, false],
      ['helmRenderer()', helmRenderer(), true],
    ] as const) {
      forgetChartValues();
      assert.deepEqual(render(sourceSet(files), '/m', {}).templates.map((template) => template.output.text), ['z: last\n'], name);
      assert.equal(kept(), keeps, name);
    }
  });
});
