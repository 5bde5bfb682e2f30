import { writeFileSync } from 'node:fs';
import { isValuesFileCopy, type Finding, type StridelintConfig, type WorkspaceFacts } from '../../rules/engine';
import { applyUnitFixes } from '../../rules/engine/chart/chart-fixes';
import { helmRenderer } from '../../rules/engine/chart/default-renderer';
import { lintChart, type ChartLintResult } from '../../rules/engine/chart/lint-chart';
import { helmRenderOptions } from '../../rules/engine/chart/render-options';
import type { SourceSet } from '../../rules/models/helm/source-map';
import { readChartSources, type WorkspaceCharts } from '../shared/chart-sources';
import type { FileResult } from './report-model';
import { displayPath } from './walk';

const MAX_FIX_PASSES = 10;
/** One parse cache for the run: charts of a workspace share library charts (bitnami/common is parsed once). */
const renderHelmChart = helmRenderer();

export interface ChartUnitOptions {
  config: StridelintConfig;
  workspace: WorkspaceFacts;
  charts: WorkspaceCharts;
  fix: boolean;
  /** With `fix`: suggestion fixes too, not only safe ones. */
  fixSuggestions?: boolean;
  cwd: string;
}

/**
 * Lints one chart as a unit: every template, values file and Chart.yaml of it gets a file result (findings
 * mapped back onto it). With `fix`, safe fixes (and suggestions with `fixSuggestions`) are applied across the
 * chart's files (values.yaml included), the chart re-rendered and re-linted, up to ten passes, as for single
 * files: fixes whose edits overlap wait for the next pass, which sees the re-rendered chart.
 */
export function lintChartUnit(root: string, unitFiles: readonly string[], options: ChartUnitOptions): FileResult[] {
  const maxBytes = Math.max(options.config.maxFileSize, 20_000_000);
  const renderOptions = helmRenderOptions(options.config, root);
  let sources = readChartSources(root, options.charts, maxBytes);
  const run = (set: SourceSet): ChartLintResult => lintChart(set, root, { render: renderHelmChart, renderOptions, config: options.config, workspace: options.workspace });
  let result = run(sources);
  if (options.fix) {
    const original = sources;
    const safeOnly = !options.fixSuggestions;
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const texts = sources;
      let changed = applyUnitFixes(result.findings, (file) => textOf(texts, file), { safeOnly });
      if (changed.size === 0) break;
      let next = { files: new Map([...sources.files, ...changed]) };
      let nextResult = run(next);
      if (renderProblems(nextResult) > renderProblems(result)) {
        // The fixes of this pass together broke the render: take them one at a time instead.
        changed = applyUnitFixes(result.findings, (file) => textOf(texts, file), { safeOnly, limit: 1 });
        next = { files: new Map([...sources.files, ...changed]) };
        nextResult = run(next);
        if (renderProblems(nextResult) > renderProblems(result)) break;
      }
      sources = next;
      result = nextResult;
    }
    // Written once at the end, so that a pass given up on never reaches the disk.
    for (const [file, text] of sources.files) {
      if (typeof text === 'string' && text !== original.files.get(file)) writeFileSync(file, text);
    }
  }
  const files = new Set([...unitFiles, ...(renderOptions.valuesFiles ?? [])]);
  for (const file of result.findings.keys()) files.add(file);
  return [...files].sort().map((file) => ({
    path: displayPath(file, options.cwd),
    kind: 'kubernetes' as const,
    findings: (result.findings.get(file) ?? []).map((finding) => forDisplay(finding, options.cwd)),
  }));
}

/** The chart's not-analysed findings (a fix must never add one). */
function renderProblems(result: ChartLintResult): number {
  let count = 0;
  for (const [, list] of result.findings) count += list.filter((finding) => finding.ruleId === 'stridelint/not-analysed' && !isValuesFileCopy(finding)).length;
  return count;
}

function textOf(sources: SourceSet, file: string): string | undefined {
  const data = sources.files.get(file);
  return typeof data === 'string' ? data : undefined;
}

/** Related locations and fix targets shown relative to the working folder, like the findings' own paths. */
function forDisplay(finding: Finding, cwd: string): Finding {
  if (!finding.related && !finding.fixes.some((fix) => fix.edits.some((edit) => edit.path))) return finding;
  return {
    ...finding,
    fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => (edit.path ? { ...edit, path: displayPath(edit.path, cwd) } : edit)) })),
    ...(finding.related ? { related: finding.related.map((entry) => ({ ...entry, path: displayPath(entry.path, cwd) })) } : {}),
  };
}
