import { ALL_RULES } from '../../rules';
import { type StridelintConfig, type WorkspaceFacts } from '../../rules/engine';
import { helmRenderer } from '../../rules/engine/chart/default-renderer';
import { TemplateParseCache } from '../../rules/models/helm/template';
import { lintChart, type ChartLintResult } from '../../rules/engine/chart/lint-chart';
import { helmRenderOptions } from '../../rules/engine/chart/render-options';
import { forgetCachedValues } from '../../rules/models/helm/chart/values-yaml';
import type { SourceSet } from '../../rules/models/helm/source-map';
import { readChartSources, type WorkspaceCharts } from '../shared/chart-sources';
import { isCachedChart, withoutNewFileTexts } from './cached-result';
import { settingsDigest, sourceSetKey, type LintCache } from '../shared/lint-cache';
import type { FileResult } from './report-model';
import { fixUnit, forDisplay } from './unit-results';
import { displayPath } from './walk';

/**
 * One parse cache for the run: charts of a workspace share library charts (bitnami/common is parsed once). It
 * keeps the files most recently used only, so that memory does not grow with the number of charts (issue 17).
 */
const PARSED_FILES_KEPT = 512;
const parses = new TemplateParseCache(PARSED_FILES_KEPT);
/** --fix re-renders a chart after each pass of fixes: its coalesced values are kept for those renders. */
const renderForFixes = helmRenderer(parses);
/** Without --fix each chart renders once, and its values are forgotten after it (forgetCachedValues): none kept. */
const renderOnce = helmRenderer(parses, 'once');

export interface ChartUnitOptions {
  config: StridelintConfig;
  workspace: WorkspaceFacts;
  charts: WorkspaceCharts;
  fix: boolean;
  /** With `fix`: suggestion fixes too, not only safe ones. */
  fixSuggestions?: boolean;
  cwd: string;
  /** --cache: the store and the run's part of the key (the unit's own inputs are added here). */
  cache?: { store: LintCache; key: string[] };
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
  const sources = readChartSources(root, options.charts, maxBytes);
  // A unit is reused only when every input of its render is the same: each file of the chart and of its
  // dependencies (path and content), the unit's walked files and its settings.
  const unitKey = (set: SourceSet, cache: { key: string[] }): string =>
    sourceSetKey([...cache.key, settingsDigest(options.config), root, ...unitFiles], set.files);
  const key = options.cache && unitKey(sources, options.cache);
  const cached = options.cache && key && !options.fix ? options.cache.store.get(`${root}/`, key, isCachedChart) : undefined;
  if (cached) return cached.files;
  const run = (set: SourceSet): ChartLintResult => lintChart(set, root, { render: options.fix ? renderForFixes : renderOnce, renderOptions, config: options.config, workspace: options.workspace, rules: ALL_RULES });
  const result = options.fix ? fixUnit(sources, run, (linted) => linted.findings, { suggestions: options.fixSuggestions }) : run(sources);
  // Each chart renders once in a run: its values and Chart.yaml parses would only grow the heap chart after chart.
  forgetCachedValues();
  const files = new Set([...unitFiles, ...(renderOptions.valuesFiles ?? [])]);
  for (const file of result.findings.keys()) files.add(file);
  const results = [...files].sort().map((file) => ({
    path: displayPath(file, options.cwd),
    kind: 'kubernetes' as const,
    findings: (result.findings.get(file) ?? []).map((finding) => forDisplay(finding, options.cwd)),
  }));
  // After --fix the files on disk changed: the next run lints them afresh.
  if (options.cache && key && !options.fix) options.cache.store.set(`${root}/`, key, { files: results.map((file) => ({ ...file, findings: withoutNewFileTexts(file.findings) })) });
  return results;
}
