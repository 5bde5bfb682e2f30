import type { SourceSet } from '../source-map';
import type { ChartRenderResult, HelmRenderOptions } from '../render-result';
import type { TemplateParseCache } from '../template';
import type { GoValue } from '../value';
import { capabilitiesObject, parseKubeVersion, releaseObject } from './builtins';
import type { ActiveChart } from './dependencies';
import { chartPath, DEFAULT_RENDER_LIMITS, renderTree, type RenderLimits } from './engine';

export { DEFAULT_RENDER_LIMITS, EDITOR_RENDER_LIMITS, type RenderLimits } from './engine';
import { loadChart, textOf } from './loader';
import { ValueOrigins } from './value-origins';
import { chartValues, type ChartValues } from './values';
import { recordReads } from '../template/read-log';
import type { EngineOptions } from './engine';
import { CACHED_VALUE_ORIGINS } from './values-yaml';
import { satisfiesRange } from './version-range';

/**
 * How an incremental renderer takes part in a render (incremental-render.ts): it sees the coalesced values
 * (whose maps then note what each template reads) before any template runs, may hand back a template's
 * earlier outcome instead of running it, and sees every outcome and every parsed file.
 */
export interface RenderScope extends Pick<EngineOptions, 'reuse' | 'observe' | 'parsed'> {
  valuesReady(values: ChartValues): void;
}

/**
 * `helm template` in-process: loads the chart at `chartRoot` from the source set, coalesces its values (user
 * values files, `--set`), enables subcharts, and renders through Helm's engine (engine.ts) with `helm template`'s
 * `.Release` and `.Capabilities`. Unlike Helm, one template that fails does not stop the others: it becomes a
 * RenderProblem and the rest still render. Never throws.
 * `values`: `remember` keeps a copy of the coalesced values for the next render of the chart (values-memo.ts);
 * `once` neither looks for one nor keeps one (a caller that renders each chart once: a workspace scan's thread).
 */
export function renderChart(
  sources: SourceSet,
  chartRoot: string,
  options: HelmRenderOptions,
  limits: RenderLimits = DEFAULT_RENDER_LIMITS,
  cache?: TemplateParseCache,
  scope?: RenderScope,
  values: 'remember' | 'once' = 'remember',
): ChartRenderResult {
  const root = chartRoot.replace(/\/+$/, '');
  const origins = new ValueOrigins(CACHED_VALUE_ORIGINS);
  const loaded = loadChart(sources, root);
  const result: ChartRenderResult = { chart: { name: loaded.chart?.metadata.name ?? '', root }, templates: [], problems: [...loaded.problems], valuesFiles: [] };
  if (!loaded.chart) return result;
  const coalesced = chartValues(sources, loaded.chart, options, origins, values === 'remember');
  if (scope) {
    recordReads(coalesced.values);
    scope.valuesReady(coalesced);
  }
  result.valuesFiles = coalesced.valuesFiles;
  result.problems.push(...coalesced.problems);
  if (loaded.chart.metadata.type.toLowerCase() === 'library') {
    result.error = 'library charts are not installable';
    return result;
  }
  if (options.kubeVersion !== undefined && !parseKubeVersion(options.kubeVersion)) {
    // Helm refuses to start; here the default version is used and the message says so.
    result.error = `invalid kube version '${options.kubeVersion}': could not parse it as a version`;
  }
  const capabilities = capabilitiesObject(options.kubeVersion, options.apiVersions ?? []);
  const kubeVersion = (capabilities.fields.get('KubeVersion') as { fields: ReadonlyMap<string, GoValue> }).fields.get('Version') as string;
  const required = loaded.chart.metadata.kubeVersion;
  if (required && satisfiesRange(kubeVersion, required) === false) {
    result.error = `chart requires kubeVersion: ${required} which is incompatible with Kubernetes ${kubeVersion}`;
  }

  const release = releaseObject({ name: options.releaseName ?? 'release-name', namespace: options.namespace ?? 'default' });
  const missingDependency = result.problems.some((problem) => problem.reason === 'missing-dependency');
  const rendered = renderTree(coalesced.root, { values: coalesced.values, release, capabilities }, { limits, cache, origins, missingDependency, reuse: scope?.reuse, observe: scope?.observe, parsed: scope?.parsed });
  result.templates = rendered.templates;
  result.problems.push(...rendered.problems);
  if (rendered.notes !== undefined) result.notes = rendered.notes;
  if (rendered.subchartNotes) result.subchartNotes = rendered.subchartNotes;
  result.crds = crdsOf(coalesced.root);
  return result;
}

/** Chart.CRDObjects: `crds/*.{yaml,yml,json}` of the chart, then of each subchart. */
function crdsOf(chart: ActiveChart): NonNullable<ChartRenderResult['crds']> {
  const own = chart.loaded.files
    .filter((file) => file.name.startsWith('crds/') && /\.(ya?ml|json)$/.test(file.name))
    .map((file) => ({ name: `${chartPath(chart)}/${file.name}`, file: file.path, text: textOf(file) }));
  return [...own, ...chart.subcharts.flatMap(crdsOf)];
}
