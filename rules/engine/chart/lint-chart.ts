import type { ChartRenderResult, HelmRenderOptions, RenderProblem, RenderedTemplate } from '../../models/helm/render-result';
import type { SourceSet } from '../../models/helm/source-map';
import { INTERNAL_ERROR, NOT_ANALYSED } from '../builtin-rules';
import { emptyConfig, type StridelintConfig } from '../config';
import { engineFinding, isOff, sameFinding, snippet } from '../units/unit-findings';
import { compareFindings, lintFile } from '../lint';
import type { Rule, WorkspaceFacts } from '../rule';
import type { Finding, Fix, RelatedLocation } from '../types';
import { SourceTexts, RenderedText } from '../units/unit-texts';
import { isArchivePath } from './archive-path';
import { mapFix } from './map-fix';
import type { TemplateLintCache } from './template-lint-cache';
import { mapRenderedSpan, valueRelated, type ValueTarget } from './map-location';

/** Renders a chart from a source set (the Helm renderer's `renderChart`; tests pass hand-built results). */
export type ChartRenderer = (sources: SourceSet, chartRoot: string, options: HelmRenderOptions) => ChartRenderResult;

export interface ChartLintOptions {
  render: ChartRenderer;
  renderOptions?: HelmRenderOptions;
  /** Configuration in force for the chart's files. */
  config?: StridelintConfig;
  /** The rules to run (the registry's `ALL_RULES`, or a test's own). */
  rules: readonly Rule[];
  workspace?: WorkspaceFacts;
  /** Findings of rendered texts kept from the chart's last lint (the language server); begun and ended here. */
  lintCache?: TemplateLintCache;
  /**
   * `none`: the findings carry no fixes (a workspace scan, which discards them); everything else is as with
   * fixes, "Set it under" locations included (a fix is still mapped where it decides one). Default `eager`.
   * Not with `lintCache`.
   */
  fixes?: 'eager' | 'none';
}

export interface ChartLintResult {
  chart: { name: string; root: string };
  /** Findings by source file (templates, values files, Chart.yaml); ranges are in that file. */
  findings: Map<string, Finding[]>;
  /** What was rendered and judged (for hover and `stridelint render`). */
  templates: RenderedTemplate[];
  /** The values files applied, in order. */
  valuesFiles: string[];
}

/** `Finding.data` key marking the copy of a template finding shown on the values line that fed it. */
const VALUES_COPY = 'helmValuesCopy';

/** Whether a finding is the values-file copy of a chart template's finding (count each finding once). */
export function isValuesFileCopy(finding: Finding): boolean {
  return finding.data?.[VALUES_COPY] === true;
}
/**
 * Lints a Helm chart as one unit: renders it, runs the Kubernetes model and rules unchanged on each rendered
 * template, and maps every finding back through the source map onto the template line (an `include` call
 * site, with the helper as related information) and the values line that fed it. Each render problem is one
 * `stridelint/not-analysed` finding where it happened. Pure: the files come in the source set.
 */
export function lintChart(sources: SourceSet, chartRoot: string, options: ChartLintOptions): ChartLintResult {
  const config = options.config ?? emptyConfig();
  const chartFile = `${chartRoot}/Chart.yaml`;
  const findings = new Map<string, Finding[]>();
  const add = (file: string, finding: Finding): void => {
    const list = findings.get(file) ?? [];
    if (!list.some((other) => sameFinding(other, finding))) list.push(finding);
    findings.set(file, list);
  };
  const texts = new SourceTexts(sources);
  let result: ChartRenderResult;
  try {
    result = options.render(sources, chartRoot, options.renderOptions ?? {});
  } catch (error) {
    if (!isOff(config, chartFile, INTERNAL_ERROR)) add(chartFile, engineFinding(INTERNAL_ERROR, config, chartFile, `The Helm renderer failed on this chart (${error instanceof Error ? error.message : String(error)}); it was not analysed.`, texts.rangeOf({ file: chartFile, start: 0, end: 0 })));
    return { chart: { name: '', root: chartRoot }, findings, templates: [], valuesFiles: [] };
  }
  const assumption = describeValues(result.valuesFiles, chartRoot);
  for (const problem of result.problems) {
    // A problem inside a helper is reported on the template it kept from being analysed, the helper related.
    const file = problem.template && problem.template !== problem.location.file ? problem.template : problem.location.file;
    if (isOff(config, file, NOT_ANALYSED)) continue;
    const finding = engineFinding(NOT_ANALYSED, config, file, problemMessage(problem), file === problem.location.file ? texts.rangeOf(problem.location) : texts.rangeOf({ file, start: 0, end: 0 }));
    add(file, file === problem.location.file ? finding : { ...finding, related: [{ path: problem.location.file, range: texts.rangeOf(problem.location), message: 'The render stopped here.' }] });
  }
  options.lintCache?.begin([options.config, options.rules, options.workspace]);
  for (const template of result.templates) {
    if (template.name.endsWith('/NOTES.txt') || template.output.text.trim() === '') continue;
    for (const [file, finding] of lintTemplate(template, texts, assumption, options, config)) add(file, finding);
  }
  options.lintCache?.end();
  for (const [file, list] of findings) findings.set(file, list.sort(compareFindings).map((finding) => withChart(finding, file, result.chart)));
  return { chart: result.chart, findings, templates: result.templates, valuesFiles: result.valuesFiles };
}

/** The findings of one rendered template, each with the file it belongs to. */
function lintTemplate(template: RenderedTemplate, texts: SourceTexts, assumption: string, options: ChartLintOptions, config: StridelintConfig): Array<[string, Finding]> {
  const noFixes = options.fixes === 'none' && !options.lintCache;
  // Without fixes, a rule's fixes are built only when one is mapped (below) to find the values line it sets.
  // Without a lint cache the rendered text lives for this template only: the lint and the mapping of its findings
  // (a fix's document, a collection's path) share one parse (a cache's kept texts would keep their parses too).
  const run = (text: RenderedText): Finding[] =>
    lintFile(text.text, template.file, { kind: 'kubernetes', config, rules: options.rules, workspace: options.workspace, ...(noFixes ? { fixes: 'lazy' as const } : {}), ...(options.lintCache ? {} : { parse: text.kubernetesParse() }) }).findings;
  const lintNow = (text: RenderedText) => ({ findings: run(text), rendered: text });
  const { findings, rendered } = options.lintCache ? options.lintCache.lint(template, run) : lintNow(new RenderedText(template.output));
  const out: Array<[string, Finding]> = [];
  for (const finding of findings) {
    const span = rendered.lines.spanOf(finding.range);
    const location = mapRenderedSpan(rendered, texts, template.file, span);
    const fixes: Fix[] = [];
    let fixTarget: ValueTarget | undefined;
    // Without fixes, the mapping only decides the values line of a finding that points at none: the first fix
    // mapped onto values names it.
    if (!noFixes || !location.value) {
      for (const fix of finding.fixes) {
        const mapped = mapFix(fix, rendered, texts);
        // A packed subchart (`x.tgz`) cannot be edited in place: no fix into it.
        if (!mapped || mapped.fix.edits.some((edit) => isArchivePath(edit.path ?? location.primary.file))) continue;
        if (!noFixes) fixes.push(mapped.fix);
        fixTarget ??= mapped.valueTarget;
        if (noFixes && fixTarget) break;
      }
    }
    const related = [...location.related];
    if (!location.value && fixTarget) related.push(valueRelated(texts, fixTarget, 'Set it under'));
    if (finding.ruleId === 'stridelint/parse-error') {
      // Helm's YAML reader would refuse this output too; nothing in it can be judged.
      const message = `Not analysed: the rendered output of ${template.name} is not valid YAML (${finding.message.replace(/;.*$|\.$/, '')}), ${assumption}.`;
      if (!isOff(config, template.file, NOT_ANALYSED)) out.push([location.primary.file, engineFinding(NOT_ANALYSED, config, template.file, message, texts.rangeOf(location.primary))]);
      continue;
    }
    const mapped: Finding = {
      ...(noFixes ? withoutPendingFixes(finding) : finding),
      message: withAssumption(finding.message, assumption),
      range: texts.rangeOf(location.primary),
      fixes,
      data: { ...finding.data, helmTemplate: template.name, renderedSnippet: snippet(rendered, finding) },
      ...(related.length ? { related } : {}),
    };
    out.push([location.primary.file, mapped]);
    // The values line that fed the finding shows it too, pointing back at the template.
    const valueTarget = location.value ?? fixTarget;
    if (valueTarget && valueTarget.file !== location.primary.file) {
      const back: RelatedLocation = { path: location.primary.file, range: mapped.range, message: `Reported on ${template.name}, rendered from this value.` };
      // Marked as the copy, so that counts (summaries, the threat report) take each finding once.
      const data = { ...mapped.data, [VALUES_COPY]: true };
      out.push([valueTarget.file, { ...mapped, data, range: texts.rangeOf(valueTarget), related: [back, ...related.filter((entry) => entry.path !== valueTarget.file)] }]);
    }
  }
  return out;
}

/** The finding's other keys, in their order, without building fixes not read yet (a spread would build them). */
function withoutPendingFixes(finding: Finding): Finding {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(finding)) copy[key] = key === 'fixes' ? [] : finding[key as keyof Finding];
  return copy as unknown as Finding;
}

/**
 * Names the chart in the finding's data (`helmChart`, and `helmChartFile`: the file's path inside the chart),
 * so that adapters can show the chart as the asset at risk whatever their paths look like.
 */
function withChart(finding: Finding, file: string, chart: { name: string; root: string }): Finding {
  const inChart = file.startsWith(`${chart.root}/`) ? file.slice(chart.root.length + 1) : '';
  return { ...finding, data: { ...finding.data, helmChart: chart.name, helmChartFile: inChart } };
}

const REASONS: Record<RenderProblem['reason'], string> = {
  'parse-error': 'the template does not parse',
  'exec-error': 'the template fails to render',
  'missing-dependency': 'a dependency of the chart is missing',
  fail: 'the template calls `fail`',
  required: 'a required value is not set',
  budget: 'a render limit was reached',
  'bad-chart': 'the chart is not valid',
  'bad-values': 'a values file is not valid',
};

function problemMessage(problem: RenderProblem): string {
  return `Not analysed: ${REASONS[problem.reason]} (${problem.message.replace(/\.$/, '')}).`;
}

/** "with the chart's default values" or "with values from values.yaml, values-prod.yaml". */
export function describeValues(valuesFiles: readonly string[], chartRoot: string): string {
  const own = `${chartRoot}/values.yaml`;
  const extra = valuesFiles.filter((file) => file !== own);
  if (extra.length === 0) return "with the chart's default values";
  const names = valuesFiles.map((file) => (file.startsWith(`${chartRoot}/`) ? file.slice(chartRoot.length + 1) : file));
  return `with values from ${names.join(', ')}`;
}

function withAssumption(message: string, assumption: string): string {
  return `${message.replace(/\.$/, '')} (${assumption}).`;
}
