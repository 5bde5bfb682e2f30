import { writeFileSync } from 'node:fs';
import { ALL_RULES } from '../../rules';
import { type Finding, type StridelintConfig, type WorkspaceFacts } from '../../rules/engine';
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
  cwd: string;
}

/**
 * Lints one chart as a unit: every template, values file and Chart.yaml of it gets a file result (findings
 * mapped back onto it). With `fix`, safe fixes are applied across the chart's files (values.yaml included),
 * the chart re-rendered and re-linted, up to ten passes, as for single files.
 */
export function lintChartUnit(root: string, unitFiles: readonly string[], options: ChartUnitOptions): FileResult[] {
  const maxBytes = Math.max(options.config.maxFileSize, 20_000_000);
  const renderOptions = helmRenderOptions(options.config, root);
  let sources = readChartSources(root, options.charts, maxBytes);
  const run = (set: SourceSet): ChartLintResult => lintChart(set, root, { render: renderHelmChart, renderOptions, config: options.config, workspace: options.workspace, rules: ALL_RULES });
  let result = run(sources);
  if (options.fix) {
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const changed = applyUnitFixes(result.findings, (file) => textOf(sources, file));
      if (changed.size === 0) break;
      for (const [file, text] of changed) writeFileSync(file, text);
      sources = { files: new Map([...sources.files, ...changed]) };
      result = run(sources);
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
