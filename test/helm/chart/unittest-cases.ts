import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse, stringify } from 'yaml';
import type { HelmRenderOptions } from '../../../rules/models/helm/render-result';
import type { SourceSet } from '../../../rules/models/helm/source-map';
import { sourceSetFromDisk } from './chart-source';
import { ORACLE_CHARTS } from './oracle-cases';

/**
 * The helm-unittest snapshot oracles of ../shared/corpus/helm/charts (README "helm-unittest-snapshot"): one case
 * per snapshot entry, with the render inputs helm-unittest would use for its test (suite and test `values`/`set`,
 * `release`, `capabilities`, `chart` version overrides, values scoped under the subchart key for suites of a
 * subchart) and how to pick the compared value (templates, documentIndex/documentSelector, `path`).
 */

/** One helm-unittest test (`it`) with snapshot entries: how to render it and what its assertions compare. */
export interface SnapshotTest {
  /** `<case dir>/<suite file>/<it>`. */
  id: string;
  sources: SourceSet;
  root: string;
  render: HelmRenderOptions;
  /** Template paths asserted (relative to the chart, or to its templates/); undefined: all of the chart's. */
  templates?: string[];
  /** The chart's path in Helm template names: `<chart>`, `<chart>/charts/<sub>` for a subchart's suite. */
  templatePrefix: string;
  documentIndex?: number;
  documentSelector?: { path: string; value: unknown };
  /** The snapshot assertions in order; `exact: false` when a regex option makes helm-unittest skip the compare. */
  asserts: Array<{ type: 'matchSnapshot' | 'matchSnapshotRaw'; path: string | null; exact: boolean }>;
  /** Entry text (re-marshalled YAML) by 1-based comparison index. */
  entries: Map<number, string>;
  /** Set when the test needs what the harness or renderer does not model; its entries are listed with this reason. */
  unsupported?: string;
}

interface SnapshotAssert {
  type: string;
  path: string | null;
  matchRegex: string | null;
  notMatchRegex: string | null;
}

interface Settings {
  values?: string[];
  set?: Record<string, unknown>;
  release?: { name?: string; namespace?: string; revision?: number; upgrade?: boolean };
  capabilities?: { majorVersion?: number; minorVersion?: number; apiVersions?: string[] };
  chart?: { version?: string; appVersion?: string };
  template?: string;
  templates?: string[];
  documentIndex?: number;
  documentSelector?: { path: string; value: unknown };
  kubernetesProvider?: unknown;
}

interface Suite {
  suite_file: string;
  usable: boolean;
  chart_route?: string;
  suite_settings: Settings;
  tests: Array<{ it: string; test_settings: Settings; snapshot_asserts: SnapshotAssert[]; snapshot_entries: Record<string, string> }>;
}

const HARNESS_ENTRIES = new Set(['expected', 'inputs', 'case.json']);

export function snapshotTests(): SnapshotTest[] {
  const tests: SnapshotTest[] = [];
  for (const dir of readdirSync(ORACLE_CHARTS).sort()) {
    const caseDir = join(ORACLE_CHARTS, dir);
    const description = JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8')) as { kind: string; suites: Suite[] };
    if (description.kind !== 'helm-unittest-snapshot') continue;
    const root = `/oracles/${dir}`;
    const disk = sourceSetFromDisk(caseDir, root, (relative) => HARNESS_ENTRIES.has(relative));
    const chartName = chartNameOf(readFileSync(join(caseDir, 'Chart.yaml'), 'utf8'));
    description.suites.forEach((suite, suiteNumber) => {
      if (!suite.usable) return;
      const suiteDir = posix.dirname(suite.suite_file);
      // A suite of a subchart renders the parent chart, its values placed under the subchart's key.
      const subchart = suite.chart_route ? chartNameOf(readFileSync(join(caseDir, suite.chart_route, 'Chart.yaml'), 'utf8')) : undefined;
      const templatePrefix = suite.chart_route ? `${chartName}/${suite.chart_route}` : chartName;
      for (const test of suite.tests) {
        const settings: Settings = { ...suite.suite_settings, ...test.test_settings };
        const valuesFiles = [...(suite.suite_settings.values ?? []), ...(test.test_settings.values ?? [])];
        const userValues: unknown[] = valuesFiles.map((file) => parse(readFileSync(join(caseDir, suiteDir, file), 'utf8')) ?? {});
        const set = {};
        for (const setting of [suite.suite_settings.set, test.test_settings.set]) {
          for (const [path, value] of Object.entries(setting ?? {})) deepMerge(set, nestedValue(path, value));
        }
        userValues.push(set);
        const sources: SourceSet = { files: new Map(disk.files) };
        const files = sources.files as Map<string, string | Uint8Array>;
        const generated = userValues.map((values, n) => {
          const path = `${root}.unittest/${suiteNumber}-${test.it.replace(/\W+/g, '-')}-${n}.yaml`;
          files.set(path, stringify(subchart ? { [subchart]: values } : values));
          return path;
        });
        if (settings.chart) {
          for (const chartFile of [`${root}/Chart.yaml`, ...(suite.chart_route ? [`${root}/${suite.chart_route}/Chart.yaml`] : [])]) {
            files.set(chartFile, withChartVersions(String(files.get(chartFile)), settings.chart));
          }
        }
        const capabilities = settings.capabilities;
        const render: HelmRenderOptions = {
          valuesFiles: generated,
          releaseName: settings.release?.name ?? 'RELEASE-NAME',
          namespace: settings.release?.namespace ?? 'NAMESPACE',
          kubeVersion: capabilities?.majorVersion !== undefined ? `v${capabilities.majorVersion}.${capabilities.minorVersion ?? 0}.0` : undefined,
        };
        const selected = test.test_settings.template ? [test.test_settings.template] : (test.test_settings.templates ?? suite.suite_settings.templates);
        const unsupported = settings.kubernetesProvider
          ? 'kubernetesProvider (a fake cluster for `lookup`)'
          : settings.release?.revision !== undefined || settings.release?.upgrade !== undefined || capabilities?.apiVersions
            ? 'release.revision/upgrade or a replaced capabilities.apiVersions list (the renderer takes `helm template`\'s options only)'
            : undefined;
        tests.push({
          id: `${dir}/${suite.suite_file}/${test.it}`,
          sources,
          root,
          render,
          templates: selected,
          templatePrefix,
          documentIndex: settings.documentIndex,
          documentSelector: settings.documentSelector,
          asserts: test.snapshot_asserts
            .filter((assertion) => assertion.type === 'matchSnapshot' || assertion.type === 'matchSnapshotRaw')
            .map((assertion) => ({ type: assertion.type as 'matchSnapshot', path: assertion.path, exact: assertion.matchRegex === null && assertion.notMatchRegex === null })),
          entries: new Map(Object.entries(test.snapshot_entries).map(([key, text]) => [Number(key), text])),
          ...(unsupported ? { unsupported } : {}),
        });
      }
    });
  }
  return tests;
}

function chartNameOf(chartYaml: string): string {
  return String((parse(chartYaml) as { name: string }).name);
}

/** helm-unittest's `chart:` override of Chart.yaml's version/appVersion. */
function withChartVersions(chartYaml: string, chart: { version?: string; appVersion?: string }): string {
  const document = parse(chartYaml) as Record<string, unknown>;
  if (chart.version !== undefined) document.version = chart.version;
  if (chart.appVersion !== undefined) document.appVersion = chart.appVersion;
  return stringify(document);
}

/** A helm-unittest set-path (`a.b[0].c`, `a\.b`) with its value, as nested maps and lists. */
export function nestedValue(path: string, value: unknown): unknown {
  const steps: Array<string | number> = [];
  for (const match of path.matchAll(/((?:\\.|[^.[\]])+)|\[(\d+)\]/g)) steps.push(match[2] !== undefined ? Number(match[2]) : match[1].replace(/\\(.)/g, '$1'));
  return steps.reduceRight<unknown>((inner, step) => {
    if (typeof step === 'number') {
      const list: unknown[] = [];
      list[step] = inner;
      return list;
    }
    return { [step]: inner };
  }, value);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(into: Record<string, unknown>, from: unknown): void {
  if (!isMap(from)) return;
  for (const [key, value] of Object.entries(from)) {
    if (isMap(into[key]) && isMap(value)) deepMerge(into[key] as Record<string, unknown>, value);
    else into[key] = value;
  }
}
