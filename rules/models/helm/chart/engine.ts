import type { RenderBudget } from '../functions/types';
import type { RenderedTemplate, RenderProblem } from '../render-result';
import { RenderBudgetError, TemplateExecError, TemplateParseCache, TemplateParseError, TemplateSet, executeTemplate, parseTemplates, type ExecuteOptions } from '../template';
import { emptyReadLog, recordingInto, type ReadLog } from '../template/read-log';
import type { ParsedTemplate } from '../template/tree';
import { TemplateError, type GoMap, type GoValue } from '../value';
import { chartObject, filesObject } from './builtins';
import type { ActiveChart } from './dependencies';
import { chartFunctions } from './function-table';
import { cleanupExecError, cleanupParseError, type FailureRecord } from './helm-functions';
import { textOf } from './loader';
import { manifestHead, splitManifests } from './manifests';
import { removeNoValue } from './no-value';
import type { ValueOrigins } from './value-origins';

/**
 * Helm's engine (pkg/engine Render) over a chart tree whose values are already coalesced: every template of
 * the chart and its subcharts parsed into one namespace (deeper paths first, so a parent's `define` wins), then
 * each non-`_` file executed with its chart's data. Unlike Helm, a failing template does not stop the others.
 */

/** Limits of one chart render (all templates together). */
export interface RenderLimits {
  steps: number;
  outputChars: number;
  milliseconds: number;
}

/**
 * Steps and output bound the work, the same on every machine. The clock is only a guard against a hang: at
 * 5 s, a busy machine (load 12 on 2 cores) cut renders short and the same chart lost findings to "not
 * analysed" in some runs and not others (kafka: 17 findings, or 7 and three not-analysed templates).
 */
export const DEFAULT_RENDER_LIMITS: RenderLimits = { steps: 20_000_000, outputChars: 50_000_000, milliseconds: 60_000 };

/** The language server's thread, which keystrokes wait on: a chart may hold it 5 s at most. */
export const EDITOR_RENDER_LIMITS: RenderLimits = { ...DEFAULT_RENDER_LIMITS, milliseconds: 5_000 };

/** Parsed templates reused across renders when the caller keeps no cache of its own (same file, same text). */
const sharedParseCache = new TemplateParseCache();

/** What Helm's engine gets besides the chart: the top-level `.Values`, `.Release` and `.Capabilities`. */
export interface EngineValues {
  values: GoValue;
  release: GoValue;
  capabilities: GoValue;
}

export interface EngineOptions {
  limits?: RenderLimits;
  cache?: TemplateParseCache;
  /** Where values came from (values files); without it the output carries no value origins. */
  origins?: ValueOrigins;
  /** A dependency is missing: a `no template` error is reported as `missing-dependency`. */
  missingDependency?: boolean;
  /** Helm's Engine.Strict: missingkey=error. */
  strict?: boolean;
  /** Helm's Engine.LintMode: `required` and `fail` print nothing instead of failing. */
  lintMode?: boolean;
  /** Incremental rendering: an earlier outcome to use instead of executing the template (undefined: execute it). */
  reuse?: (name: string) => TemplateOutcome | undefined;
  /** Each top-level template's outcome, executed (with what it read) or reused. */
  observe?: (outcome: TemplateOutcome) => void;
  /** Each file parsed into the set: its body and `define`s. */
  parsed?: (file: string, templates: readonly ParsedTemplate[]) => void;
}

/** What executing one top-level template gave: its rendered file, its NOTES text, or the problem that stopped it. */
export interface TemplateOutcome {
  name: string;
  file: string;
  rendered?: RenderedTemplate;
  notes?: { text: string; root: boolean };
  problem?: RenderProblem;
  /** What the execution read (empty unless `observe` was given when it ran). */
  reads: ReadLog;
}

export interface EngineResult {
  templates: RenderedTemplate[];
  problems: RenderProblem[];
  /** The root chart's NOTES.txt, rendered. */
  notes?: string;
  /** Subcharts' rendered NOTES.txt by template name: Helm renders and drops them; helm-unittest asserts them. */
  subchartNotes?: Map<string, string>;
}

interface Renderable {
  /** Helm's name: `<chart path>/templates/x.yaml`. */
  name: string;
  file: string;
  text: string;
  chart: ActiveChart;
  data: GoMap;
  basePath: string;
  /** The `/`s in `name` (Helm sorts deeper templates first). */
  depth: number;
}

export function renderTree(root: ActiveChart, top: EngineValues, options: EngineOptions = {}): EngineResult {
  const templates: RenderedTemplate[] = [];
  const problems: RenderProblem[] = [];
  let notes: string | undefined;
  const subchartNotes = new Map<string, string>();
  const failure: FailureRecord = {};
  const functions = chartFunctions(failure, options.lintMode === true);
  const origins = options.origins;
  const toYaml = (value: GoValue) => {
    const entry = functions.get('toYaml');
    return entry ? String(entry.fn([value], { budget })) : '';
  };
  const limits = options.limits ?? DEFAULT_RENDER_LIMITS;
  const budget: RenderBudget = { steps: limits.steps, outputChars: limits.outputChars, deadline: Date.now() + limits.milliseconds };
  const { renderables } = collectTemplates(root, top.values, { Release: top.release, Capabilities: top.capabilities }, toYaml);
  const ordered = renderables.sort(helmTemplateOrder);

  const set = new TemplateSet(functions, options.cache ?? sharedParseCache);
  const unparsed = new Set<string>();
  for (const template of ordered) {
    try {
      const parsed = parseTemplates(template.file, template.text, set, template.name);
      options.parsed?.(template.file, parsed);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      unparsed.add(template.name);
      const offset = error instanceof TemplateParseError ? error.offset : 0;
      problems.push({ reason: 'parse-error', message: cleanupParseError(template.name, error.message), location: { file: template.file, start: offset, end: offset }, template: template.file });
    }
  }

  const execution: ExecuteOptions = {
    functions,
    budget,
    missingKey: options.strict ? 'error' : 'zero',
    valueOrigin: origins ? (container, key) => origins.entry(container, key) : undefined,
    containerOrigin: origins ? (container) => origins.of(container) : undefined,
  };
  const execute = (template: Renderable): TemplateOutcome => {
    const reads = emptyReadLog();
    const outcome: TemplateOutcome = { name: template.name, file: template.file, reads };
    failure.kind = undefined;
    const data: GoMap = new Map(template.data);
    data.set('Template', new Map<string, GoValue>([['Name', template.name], ['BasePath', template.basePath]]));
    try {
      const output = removeNoValue(options.observe ? recordingInto(reads, () => executeTemplate(set, template.name, data, execution)) : executeTemplate(set, template.name, data, execution));
      if (template.name.slice(template.name.lastIndexOf('/') + 1) === 'NOTES.txt') {
        outcome.notes = { text: output.text, root: template.chart === root };
        return outcome;
      }
      outcome.rendered = withLazyHook({ name: template.name, file: template.file, output });
    } catch (error) {
      const problem = problemOf(error, template, failure);
      // A helper that is not there because its chart is missing: say so, not "no template".
      if (problem.reason === 'exec-error' && options.missingDependency && /no template "/.test(problem.message)) problem.reason = 'missing-dependency';
      outcome.problem = { ...problem, template: template.file };
    }
    return outcome;
  };
  for (const template of ordered) {
    const base = template.name.slice(template.name.lastIndexOf('/') + 1);
    if (base.startsWith('_') || unparsed.has(template.name)) continue;
    const outcome = options.reuse?.(template.name) ?? execute(template);
    options.observe?.(outcome);
    if (outcome.notes && outcome.notes.root) notes = outcome.notes.text;
    else if (outcome.notes) subchartNotes.set(template.name, outcome.notes.text);
    if (outcome.rendered) templates.push(outcome.rendered);
    if (outcome.problem) problems.push(outcome.problem);
  }
  templates.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { templates, problems, ...(notes === undefined ? {} : { notes }), ...(subchartNotes.size ? { subchartNotes } : {}) };
}

/** The data every template of a chart sees (Helm's recAllTpls), chart by chart down the tree. */
function collectTemplates(chart: ActiveChart, parentValues: GoValue, shared: { Release: GoValue; Capabilities: GoValue }, toYaml: (value: GoValue) => string): { data: GoMap; renderables: Renderable[] } {
  const isRoot = chart.parent === undefined;
  // Helm: the root gets `.Values` as given; a subchart its parent's `.Values.<name>` when that is a map.
  const ownValues = isRoot ? parentValues : parentValues instanceof Map ? parentValues.get(chart.name) : undefined;
  const subcharts: GoMap = new Map();
  const data: GoMap = new Map<string, GoValue>([
    ['Chart', chartObject(chart.loaded.metadata, chart.name, chart.dependencies, isRoot)],
    ['Files', filesObject(chart.loaded.files, toYaml)],
    ['Release', shared.Release],
    ['Capabilities', shared.Capabilities],
    ['Values', isRoot ? (ownValues ?? null) : ownValues instanceof Map ? ownValues : new Map()],
    ['Subcharts', subcharts],
  ]);
  const renderables: Renderable[] = [];
  for (const sub of chart.subcharts) {
    const collected = collectTemplates(sub, data.get('Values')!, shared, toYaml);
    renderables.push(...collected.renderables);
    subcharts.set(sub.name, collected.data);
  }
  const path = chartPath(chart);
  const library = chart.loaded.metadata.type.toLowerCase() === 'library';
  for (const file of chart.loaded.templates) {
    if (library && !file.name.slice(file.name.lastIndexOf('/') + 1).startsWith('_')) continue;
    const name = `${path}/${file.name}`;
    renderables.push({ name, file: file.path, text: textOf(file), chart, data, basePath: `${path}/templates`, depth: slashes(name) });
  }
  return { data, renderables };
}

/** Helm's ChartFullPath: `parent/charts/sub`. */
export function chartPath(chart: ActiveChart): string {
  return chart.parent ? `${chartPath(chart.parent)}/charts/${chart.name}` : chart.name;
}

/** Helm's sortTemplates: more `/` first; equal depth in reverse byte order. */
function helmTemplateOrder(a: Renderable, b: Renderable): number {
  const depth = b.depth - a.depth;
  if (depth !== 0) return depth;
  return a.name < b.name ? 1 : a.name > b.name ? -1 : 0;
}

function slashes(name: string): number {
  let count = 0;
  for (let at = name.indexOf('/'); at >= 0; at = name.indexOf('/', at + 1)) count++;
  return count;
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

/**
 * `hook` read when asked, once: it costs a YAML parse of each hook document, and linting never asks (printing and
 * the conformance tests do).
 */
function withLazyHook(rendered: RenderedTemplate): RenderedTemplate {
  let hook: string | undefined | null = null;
  // Assignable like the plain property it stands for (null: not read yet).
  return Object.defineProperty(rendered, 'hook', {
    enumerable: true,
    configurable: true,
    get: () => (hook === null ? (hook = hookOf(rendered.output.text)) : hook),
    set: (value: string | undefined) => {
      hook = value;
    },
  });
}

/** The `helm.sh/hook` of the file's first hook document (print.ts reads every document). */
function hookOf(text: string): string | undefined {
  if (!text.includes('helm.sh/hook')) return undefined;
  for (const document of splitManifests(text)) {
    if (!document.includes('helm.sh/hook')) continue;
    const events = manifestHead(document).head?.hookEvents;
    if (events) return events.join(',');
  }
  return undefined;
}

