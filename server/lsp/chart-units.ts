import { existsSync } from 'node:fs';
import { ALL_RULES } from '../../rules';
import type { StridelintConfig } from '../../rules/engine';
import { helmRenderer } from '../../rules/engine/chart/default-renderer';
import { lintChart, type ChartLintResult, type ChartRenderer } from '../../rules/engine/chart/lint-chart';
import { helmRenderOptions } from '../../rules/engine/chart/render-options';
import { findingsOnArchives } from '../shared/archive-location';
import { chartOf, readChartSources, WorkspaceCharts } from '../shared/chart-sources';
import { folderOf } from './paths';
import type { LintUnit, UnitFindings, UnitHost, UnitProvider } from './unit-provider';

interface CachedChart {
  key: string;
  result: ChartLintResult;
  files: Set<string>;
}

/**
 * Helm charts in the language server: a chart is linted as one unit (lintChart) whenever any of its files
 * changes, open (unsaved text wins over the disk) or on disk, and every file of it gets its findings, so
 * editing values.yaml or _helpers.tpl updates the diagnostics of every template of that chart.
 */
export class ChartUnits implements UnitProvider {
  private readonly cache = new Map<string, CachedChart>();
  /** Bumped per chart when one of its files changes on disk (or on a rescan): the cache key changes. */
  private readonly diskGeneration = new Map<string, number>();
  private readonly workspace = new WorkspaceCharts();
  /** Parsed templates by file text, shared by every re-render (a keystroke re-parses one file). */
  private render: ChartRenderer;
  /** Folder → whether it holds a Chart.yaml on disk (asked for every linted file; cleared on a rescan). */
  private readonly chartFolders = new Map<string, boolean>();

  constructor(
    private readonly host: UnitHost,
    private readonly renderer?: ChartRenderer,
  ) {
    this.render = renderer ?? helmRenderer();
  }

  /** After a workspace scan the parsed templates of every chart go (≈ 80 MiB over the bench's 10,000 files); re-renders start afresh. */
  scanDone(): void {
    if (!this.renderer) this.render = helmRenderer();
  }

  /** The chart a file belongs to; the chart's `Chart.yaml` governs its configuration. */
  unitOf(path: string, config: StridelintConfig): LintUnit | undefined {
    const root = this.chartRootOf(path, config);
    return root === undefined ? undefined : { root, anchor: `${root}/Chart.yaml` };
  }

  /** The chart a file belongs to (its templates, subcharts, Chart.yaml, values files), found by walking up. */
  chartRootOf(path: string, config: StridelintConfig): string | undefined {
    const open = this.host.openDocuments();
    let root: string | undefined;
    for (let folder = folderOf(path), depth = 0; depth < 30; folder = folderOf(folder), depth++) {
      if (open.has(`${folder}/Chart.yaml`) || this.hasChartFile(folder)) root = folder; // the outermost wins: subcharts belong to their parent
      if (folderOf(folder) === folder) break;
    }
    if (!root) return undefined;
    return chartOf(path, [root], (candidate) => helmRenderOptions(config, candidate).valuesFiles ?? []);
  }

  private hasChartFile(folder: string): boolean {
    let known = this.chartFolders.get(folder);
    if (known === undefined) this.chartFolders.set(folder, (known = existsSync(`${folder}/Chart.yaml`)));
    return known;
  }

  /** Forgets what was read from disk for the chart holding `path` (a watched file changed). */
  diskChanged(path: string): LintUnit | undefined {
    const root = [...this.cache.keys()].find((candidate) => path === candidate || path.startsWith(`${candidate}/`));
    if (!root) return undefined;
    this.diskGeneration.set(root, (this.diskGeneration.get(root) ?? 0) + 1);
    return { root, anchor: `${root}/Chart.yaml` };
  }

  /** Forgets every chart read from disk (a workspace rescan). */
  rescan(): void {
    this.chartFolders.clear();
    for (const root of this.cache.keys()) this.diskGeneration.set(root, (this.diskGeneration.get(root) ?? 0) + 1);
  }

  /** The findings of one file of the chart, linting the chart when any of its files changed. */
  findingsFor(path: string, unit: LintUnit, config: StridelintConfig): UnitFindings {
    return { kind: 'kubernetes', findings: this.lint(unit.root, config).result.findings.get(path) ?? [] };
  }

  /** The chart's last lint (for hover and the report), without linting again. */
  lastResult(root: string): ChartLintResult | undefined {
    return this.cache.get(root)?.result;
  }

  private lint(root: string, config: StridelintConfig): CachedChart {
    const open = this.host.openDocuments();
    const overlay = new Map<string, string>();
    const versions: string[] = [];
    for (const [path, document] of open) {
      if (!path.startsWith(`${root}/`)) continue;
      overlay.set(path, document.text);
      versions.push(`${path}@${document.version}`);
    }
    const key = `${this.diskGeneration.get(root) ?? 0}|${versions.sort().join(',')}|${JSON.stringify(config.helm)}|${JSON.stringify(config.rules)}`;
    const cached = this.cache.get(root);
    if (cached && cached.key === key) return cached;
    this.workspace.addWithSiblings([root]);
    const sources = readChartSources(root, this.workspace, Math.max(config.maxFileSize, 20_000_000), overlay);
    const linted = lintChart(sources, root, { render: this.render, renderOptions: helmRenderOptions(config, root), config, rules: ALL_RULES });
    const result = { ...linted, findings: findingsOnArchives(linted.findings) };
    const entry: CachedChart = { key, result, files: new Set(result.findings.keys()) };
    this.cache.set(root, entry);
    // Every file that has findings now or had them before shows the new state.
    for (const file of new Set([...(cached?.files ?? []), ...entry.files])) {
      if (open.has(file)) this.host.relintOpen(file);
      else this.host.publishClosed(file, 'kubernetes', result.findings.get(file) ?? []);
    }
    return entry;
  }
}
