import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { coalesceChartValues } from '../../../rules/models/helm/chart/coalesce';
import { activeTree, type ActiveChart } from '../../../rules/models/helm/chart/dependencies';
import { renderTree } from '../../../rules/models/helm/chart/engine';
import type { LoadedChart } from '../../../rules/models/helm/chart/loader';
import { readMetadata } from '../../../rules/models/helm/chart/metadata';
import { ValueOrigins } from '../../../rules/models/helm/chart/value-origins';
import type { GoValue } from '../../../rules/models/helm/value';
import { assertOnlyListedFailures } from './expected-failures';
import { SHARED_DIR, SHARED_SKIP_REASON } from '../../helpers/shared';

/**
 * The `helm-engine-render` cases of ../shared/corpus/helm/sprig/cases.json: Helm's own engine tests
 * (pkg/engine/engine_test.go), a literal chart tree and top-level values given to engine.Render. Cases from
 * helm main are Helm v4; the renderer follows v3 where they differ (listed below).
 */
const EXPECTED_FAILURES: Record<string, string> = {
  'engine-main-0471': "Helm v4 removes a subchart default's nulls before coalescing (cleanNilValues), so hasKey is false; v3 keeps the null key and prints %!s(<nil>), which is what this renderer does",
};

interface JsonChart {
  metadata: Record<string, unknown>;
  templates?: { name: string; data: string }[];
  files?: { name: string; data: string }[];
  values?: unknown;
  dependencies?: JsonChart[];
}

interface EngineCase {
  id: string;
  chart: JsonChart;
  top_level_values: { coalesce_values: boolean; values: Record<string, unknown> };
  engine_flags?: { Strict?: boolean; LintMode?: boolean };
  expect_error: boolean;
  error_contains?: string;
  expected_outputs?: Record<string, string>;
}

function goValue(json: unknown): GoValue {
  if (json === null || json === undefined) return null;
  if (Array.isArray(json)) return json.map(goValue);
  if (typeof json === 'object') return new Map(Object.entries(json as Record<string, unknown>).map(([key, value]) => [key, goValue(value)]));
  return json as GoValue;
}

function loadedChart(json: JsonChart, path: string): LoadedChart {
  const metadata = readMetadata(new Map(Object.entries(json.metadata).map(([key, value]) => [key === 'APIVersion' ? 'apiVersion' : key[0].toLowerCase() + key.slice(1), goValue(value)])));
  const root = `/engine/${path}`;
  return {
    root,
    metadata,
    dependencyLocations: [],
    chartFile: `${root}/Chart.yaml`,
    values: (goValue(json.values ?? {}) as Map<string, GoValue>) ?? new Map(),
    templates: (json.templates ?? []).map((template) => ({ name: template.name, path: `${root}/${template.name}`, data: template.data })),
    files: (json.files ?? []).map((file) => ({ name: file.name, path: `${root}/${file.name}`, data: file.data })),
    subcharts: (json.dependencies ?? []).map((dependency) => loadedChart(dependency, `${path}/charts/${String(dependency.metadata.Name)}`)),
  };
}

function findChart(chart: ActiveChart, name: string): ActiveChart | undefined {
  if (chart.name === name) return chart;
  for (const sub of chart.subcharts) {
    const found = findChart(sub, name);
    if (found) return found;
  }
  return undefined;
}

/** `{"$coalesce_values": {chart_name, values}}` in the case stands for util.CoalesceValues(that chart, values). */
function resolveValues(value: unknown, tree: ActiveChart): GoValue {
  if (value && typeof value === 'object' && '$coalesce_values' in value) {
    const spec = (value as { $coalesce_values: { chart_name: string; values: unknown } }).$coalesce_values;
    const chart = findChart(tree, spec.chart_name) ?? tree;
    return coalesceChartValues(chart, goValue(spec.values) as Map<string, GoValue>, false, { origins: new ValueOrigins(), warnings: [] });
  }
  return goValue(value);
}

function mismatch(testCase: EngineCase): string | undefined {
  const tree = activeTree(loadedChart(testCase.chart, String(testCase.chart.metadata.Name)));
  const top = testCase.top_level_values.values;
  let values = resolveValues(top.Values, tree);
  if (testCase.top_level_values.coalesce_values) values = coalesceChartValues(tree, (values as Map<string, GoValue>) ?? new Map(), false, { origins: new ValueOrigins(), warnings: [] });
  const result = renderTree(tree, { values, release: goValue(top.Release), capabilities: goValue(top.Capabilities) }, { strict: testCase.engine_flags?.Strict, lintMode: testCase.engine_flags?.LintMode });
  if (testCase.expect_error) {
    if (result.problems.length === 0) return 'expected an error, rendered without one';
    if (testCase.error_contains && !result.problems.some((problem) => problem.message.includes(testCase.error_contains!))) return `error lacks "${testCase.error_contains}": ${result.problems[0].message}`;
    return undefined;
  }
  if (result.problems.length > 0) return `unexpected error: ${result.problems[0].message}`;
  const outputs = new Map(result.templates.map((template) => [template.name, template.output.text]));
  for (const [name, expected] of Object.entries(testCase.expected_outputs ?? {})) {
    const actual = outputs.get(name);
    if (actual !== expected) return `${name}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  }
  return undefined;
}

describe('helm engine cases (../shared/corpus/helm/sprig/cases.json, helm-engine-render)', { skip: SHARED_SKIP_REASON }, () => {
  it('renders each case as Helm\'s engine does, except the listed ones', () => {
    const all = (JSON.parse(readFileSync(join(SHARED_DIR, 'corpus/helm/sprig/cases.json'), 'utf8')) as { cases: (EngineCase & { kind: string })[] }).cases;
    const cases = all.filter((entry) => entry.kind === 'helm-engine-render');
    assertOnlyListedFailures('helm engine cases', cases, mismatch, EXPECTED_FAILURES);
  });
});
