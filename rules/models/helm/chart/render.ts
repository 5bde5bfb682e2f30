import type { RenderBudget } from '../functions/types';
import type { SourceSet } from '../source-map';
import type { ChartRenderResult, HelmRenderOptions, RenderedTemplate, RenderProblem } from '../render-result';
import { RenderBudgetError, TemplateExecError, TemplateParseCache, TemplateParseError, TemplateSet, executeTemplate, parseTemplates } from '../template';
import { TemplateError, type GoMap, type GoValue } from '../value';
import { capabilitiesObject, chartObject, filesObject, releaseObject } from './builtins';
import type { ActiveChart } from './dependencies';
import { chartFunctions } from './function-table';
import { cleanupExecError, cleanupParseError, type FailureRecord } from './helm-functions';
import { loadChart, textOf } from './loader';
import { manifestHead, splitManifests } from './manifests';
import { removeNoValue } from './no-value';
import { ValueOrigins } from './value-origins';
import { chartValues } from './values';
import { CACHED_VALUE_ORIGINS } from './values-yaml';
import { satisfiesRange } from './version-range';

/** Limits of one chart render (all templates together). */
export interface RenderLimits {
  steps: number;
  outputChars: number;
  milliseconds: number;
}

export const DEFAULT_RENDER_LIMITS: RenderLimits = { steps: 20_000_000, outputChars: 50_000_000, milliseconds: 5_000 };

/** Parsed templates reused across renders when the caller keeps no cache of its own (same file, same text). */
const sharedParseCache = new TemplateParseCache();

interface Renderable {
  /** Helm's name: `<chart path>/templates/x.yaml`. */
  name: string;
  file: string;
  text: string;
  chart: ActiveChart;
  data: GoMap;
  basePath: string;
}

/**
 * `helm template` in-process: loads the chart at `chartRoot` from the source set, coalesces its values, parses
 * every template of the chart and its subcharts into one namespace (Helm's order: deeper paths first, so a
 * parent's `define` wins) and executes each with missingkey=zero. Unlike Helm, one template that fails does not
 * stop the others: it becomes a RenderProblem and the rest still render. Never throws.
 */
export function renderChart(sources: SourceSet, chartRoot: string, options: HelmRenderOptions, limits: RenderLimits = DEFAULT_RENDER_LIMITS, cache?: TemplateParseCache): ChartRenderResult {
  const root = chartRoot.replace(/\/+$/, '');
  const origins = new ValueOrigins(CACHED_VALUE_ORIGINS);
  const loaded = loadChart(sources, root);
  const result: ChartRenderResult = { chart: { name: loaded.chart?.metadata.name ?? '', root }, templates: [], problems: [...loaded.problems], valuesFiles: [] };
  if (!loaded.chart) return result;
  const values = chartValues(sources, loaded.chart, options, origins);
  result.valuesFiles = values.valuesFiles;
  result.problems.push(...values.problems);
  if (loaded.chart.metadata.type.toLowerCase() === 'library') {
    result.error = 'library charts are not installable';
    return result;
  }
  const capabilities = capabilitiesObject(options.kubeVersion, options.apiVersions ?? []);
  const kubeVersion = (capabilities.fields.get('KubeVersion') as { fields: ReadonlyMap<string, GoValue> }).fields.get('Version') as string;
  const required = loaded.chart.metadata.kubeVersion;
  if (required && satisfiesRange(kubeVersion, required) === false) {
    result.error = `chart requires kubeVersion: ${required} which is incompatible with Kubernetes ${kubeVersion}`;
  }

  const failure: FailureRecord = {};
  const functions = chartFunctions(failure);
  const toYaml = (value: GoValue) => {
    const entry = functions.get('toYaml');
    return entry ? String(entry.fn([value], { budget })) : '';
  };
  const budget: RenderBudget = { steps: limits.steps, outputChars: limits.outputChars, deadline: Date.now() + limits.milliseconds };
  const release = releaseObject({ name: options.releaseName ?? 'release-name', namespace: options.namespace ?? 'default' });
  const { renderables } = collectTemplates(values.root, values.values, { Release: release, Capabilities: capabilities }, toYaml);
  const ordered = renderables.sort(helmTemplateOrder);

  const missing = result.problems.some((problem) => problem.reason === 'missing-dependency');
  const set = new TemplateSet(functions, cache ?? sharedParseCache);
  const unparsed = new Set<string>();
  for (const template of ordered) {
    try {
      parseTemplates(template.file, template.text, set, template.name);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      unparsed.add(template.name);
      const offset = error instanceof TemplateParseError ? error.offset : 0;
      result.problems.push({ reason: 'parse-error', message: cleanupParseError(template.name, error.message), location: { file: template.file, start: offset, end: offset }, template: template.file });
    }
  }

  for (const template of ordered) {
    const base = template.name.slice(template.name.lastIndexOf('/') + 1);
    if (base.startsWith('_') || unparsed.has(template.name)) continue;
    failure.kind = undefined;
    const data: GoMap = new Map(template.data);
    data.set('Template', new Map<string, GoValue>([['Name', template.name], ['BasePath', template.basePath]]));
    try {
      const output = removeNoValue(executeTemplate(set, template.name, data, { functions, budget, missingKey: 'zero', valueOrigin: (container, key) => origins.entry(container, key) }));
      if (base === 'NOTES.txt') {
        if (template.chart === values.root) result.notes = output.text;
        continue;
      }
      const rendered: RenderedTemplate = { name: template.name, file: template.file, output };
      const hook = hookOf(output.text);
      if (hook) rendered.hook = hook;
      result.templates.push(rendered);
    } catch (error) {
      const problem = problemOf(error, template, failure);
      // A helper that is not there because its chart is missing: say so, not "no template".
      if (problem.reason === 'exec-error' && missing && /no template "/.test(problem.message)) problem.reason = 'missing-dependency';
      result.problems.push({ ...problem, template: template.file });
    }
  }
  result.templates.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  result.crds = crdsOf(values.root);
  return result;
}

/** The data every template of a chart sees (Helm's recAllTpls), chart by chart down the tree. */
function collectTemplates(chart: ActiveChart, parentValues: GoMap, shared: { Release: GoMap; Capabilities: GoValue }, toYaml: (value: GoValue) => string): { data: GoMap; renderables: Renderable[] } {
  const isRoot = chart.parent === undefined;
  const ownValues = isRoot ? parentValues : parentValues.get(chart.name);
  const subcharts: GoMap = new Map();
  const data: GoMap = new Map<string, GoValue>([
    ['Chart', chartObject(chart.loaded.metadata, chart.name, chart.dependencies, isRoot)],
    ['Files', filesObject(chart.loaded.files, toYaml)],
    ['Release', shared.Release],
    ['Capabilities', shared.Capabilities],
    ['Values', ownValues instanceof Map ? ownValues : new Map()],
    ['Subcharts', subcharts],
  ]);
  const renderables: Renderable[] = [];
  for (const sub of chart.subcharts) {
    const collected = collectTemplates(sub, data.get('Values') as GoMap, shared, toYaml);
    renderables.push(...collected.renderables);
    subcharts.set(sub.name, collected.data);
  }
  const path = chartPath(chart);
  const library = chart.loaded.metadata.type.toLowerCase() === 'library';
  for (const file of chart.loaded.templates) {
    if (library && !file.name.slice(file.name.lastIndexOf('/') + 1).startsWith('_')) continue;
    renderables.push({ name: `${path}/${file.name}`, file: file.path, text: textOf(file), chart, data, basePath: `${path}/templates` });
  }
  return { data, renderables };
}

/** Helm's ChartFullPath: `parent/charts/sub`. */
function chartPath(chart: ActiveChart): string {
  return chart.parent ? `${chartPath(chart.parent)}/charts/${chart.name}` : chart.name;
}

/** Helm's sortTemplates: more `/` first; equal depth in reverse byte order. */
function helmTemplateOrder(a: Renderable, b: Renderable): number {
  const depth = b.name.split('/').length - a.name.split('/').length;
  if (depth !== 0) return depth;
  return a.name < b.name ? 1 : a.name > b.name ? -1 : 0;
}

function problemOf(error: unknown, template: Renderable, failure: FailureRecord): RenderProblem {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RenderBudgetError) {
    const offset = error.offset ?? 0;
    return { reason: 'budget', message, location: { file: error.file ?? template.file, start: offset, end: offset } };
  }
  const offset = error instanceof TemplateExecError ? error.offset : 0;
  const file = error instanceof TemplateExecError ? error.file : template.file;
  const cleaned = cleanupExecError(message);
  const reason = cleaned.helm ? (failure.kind ?? 'fail') : 'exec-error';
  return { reason, message: cleaned.message, location: { file, start: offset, end: offset } };
}

/** The `helm.sh/hook` of the file's first hook document (for linting; print.ts reads every document). */
function hookOf(text: string): string | undefined {
  if (!text.includes('helm.sh/hook')) return undefined;
  for (const document of splitManifests(text)) {
    const events = manifestHead(document).head?.hookEvents;
    if (events) return events.join(',');
  }
  return undefined;
}

/** Chart.CRDObjects: `crds/*.{yaml,yml,json}` of the chart, then of each subchart. */
function crdsOf(chart: ActiveChart): NonNullable<ChartRenderResult['crds']> {
  const own = chart.loaded.files
    .filter((file) => file.name.startsWith('crds/') && /\.(ya?ml|json)$/.test(file.name))
    .map((file) => ({ name: `${chartPath(chart)}/${file.name}`, file: file.path, text: textOf(file) }));
  return [...own, ...chart.subcharts.flatMap(crdsOf)];
}
