import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { ALL_RULES } from '../../rules';
import type { Finding, StridelintConfig } from '../../rules/engine';
import { lintChart, type ChartRenderer } from '../../rules/engine/chart/lint-chart';
import { helmRenderOptions } from '../../rules/engine/chart/render-options';
import { TemplateLintCache } from '../../rules/engine/chart/template-lint-cache';
import { IncrementalChartRenderer } from '../../rules/models/helm/chart/incremental-render';
import type { SourceSet } from '../../rules/models/helm/source-map';
import { TemplateParseCache } from '../../rules/models/helm/template';
import { forgetCachedValues } from '../../rules/models/helm/chart/values-yaml';
import { findingsOnArchives } from '../shared/archive-location';
import { chartOf, readChartSources, WorkspaceCharts } from '../shared/chart-sources';
import { settingsDigest, sourceSetKey } from '../shared/lint-cache';
import { folderOf } from './paths';
import { withoutFixes } from './scan-task';
import type { LintUnit, UnitFindings, UnitHost, UnitProvider } from './unit-provider';
import { compactFindings, isFileFindings, type UnitScanCache } from './unit-scan-cache';

interface CachedChart {
  key: string;
  /** Findings by file; compact (no fix edits) when no file of the chart was open. */
  findings: ReadonlyMap<string, Finding[]>;
  /** Whether they came from the scan's persistent cache (counted per file served). */
  fromScanCache: boolean;
  /** A digest of each file's findings as published: a file whose findings did not change is not published again. */
  published: Map<string, string>;
}

/** What a chart lint keeps for the next one: its files as read from disk, its templates' findings, its config. */
interface ChartMemory {
  generation: number;
  disk: ReadonlyMap<string, string | Uint8Array>;
  lintCache: TemplateLintCache;
  /** The config of the last lint, kept as the same object while its content is the same (the lint cache compares by identity). */
  config?: { json: string; value: StridelintConfig };
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
  /** Parsed templates by file text, shared by every re-render (a keystroke re-parses one file); each chart re-renders what an edit changed. */
  private render: ChartRenderer;
  /** What the renderer and this provider keep for the next lint, only for charts with an open file (bounded memory). */
  private incremental?: IncrementalChartRenderer;
  private readonly memory = new Map<string, ChartMemory>();
  /** Folder → whether it holds a Chart.yaml on disk (asked for every linted file; cleared on a rescan). */
  private readonly chartFolders = new Map<string, boolean>();
  private scanCache?: UnitScanCache;

  constructor(
    private readonly host: UnitHost,
    private readonly renderer?: ChartRenderer,
  ) {
    this.render = renderer ?? this.freshRenderer();
  }

  useScanCache(cache: UnitScanCache | undefined): void {
    this.scanCache = cache;
  }

  /** After a workspace scan the parsed templates and values of every chart go (≈ 80 + 26 MiB over the bench's 10,000 files); re-renders start afresh. */
  scanDone(): void {
    if (!this.renderer) this.render = this.freshRenderer();
    forgetCachedValues();
  }

  private freshRenderer(): ChartRenderer {
    const incremental = (this.incremental = new IncrementalChartRenderer(new TemplateParseCache()));
    return (sources, chartRoot, options) => incremental.render(sources, chartRoot, options);
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
    const chart = this.lint(unit.root, config, path);
    if (chart.fromScanCache && this.scanCache) this.scanCache.served.add(path);
    return { kind: 'kubernetes', findings: chart.findings.get(path) ?? [] };
  }

  /** Lints the chart when any of its files changed; `asking` is the file whose findings the caller publishes. */
  private lint(root: string, config: StridelintConfig, asking: string): CachedChart {
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
    const memory = this.memoryOf(root, config);
    const sources = this.sources(root, memory, overlay);
    // With nothing of it open, the scan's persistent cache answers when every file the render read is the same.
    const persistent = overlay.size === 0 ? this.scanCache : undefined;
    const unitKey = persistent && sourceSetKey([settingsDigest(memory.config!.value), root], sources.files);
    const stored = persistent && unitKey ? persistent.get(root, 'chart', unitKey, isFileFindings) : undefined;
    let findings: ReadonlyMap<string, Finding[]>;
    if (stored) findings = new Map(stored);
    else {
      const linted = lintChart(sources, root, { render: this.render, renderOptions: helmRenderOptions(config, root), config: memory.config!.value, rules: ALL_RULES, lintCache: memory.lintCache });
      findings = findingsOnArchives(linted.findings);
      if (overlay.size === 0) findings = compactFindings(findings);
      if (persistent && unitKey) persistent.set(root, 'chart', unitKey, [...findings]);
    }
    const published = new Map<string, string>();
    for (const [file, list] of findings) published.set(file, createHash('sha1').update(JSON.stringify(list.map(withoutFixes))).digest('base64'));
    const entry: CachedChart = { key, findings, fromScanCache: stored !== undefined, published };
    this.cache.set(root, entry);
    if (overlay.size === 0) {
      // Nothing of it is open (the workspace scan): no edit to prepare for.
      this.incremental?.forget(root);
      this.memory.delete(root);
    }
    // Every file whose findings changed shows the new state (the one asking is published by the caller).
    for (const file of new Set([...(cached?.published.keys() ?? []), ...published.keys()])) {
      if (file === asking || cached?.published.get(file) === published.get(file)) continue;
      if (open.has(file)) this.host.relintOpen(file);
      else this.host.publishClosed(file, 'kubernetes', findings.get(file) ?? []);
    }
    return entry;
  }

  private memoryOf(root: string, config: StridelintConfig): ChartMemory {
    const generation = this.diskGeneration.get(root) ?? 0;
    let memory = this.memory.get(root);
    if (!memory || memory.generation !== generation) {
      this.workspace.addWithSiblings([root]);
      const disk = readChartSources(root, this.workspace, Math.max(config.maxFileSize, 20_000_000)).files;
      memory = { generation, disk, lintCache: memory?.lintCache ?? new TemplateLintCache(), config: memory?.config };
      this.memory.set(root, memory);
    }
    const json = JSON.stringify(config);
    if (memory.config?.json !== json) memory.config = { json, value: config };
    return memory;
  }

  /** The chart's files as last read from disk, the open documents' text winning (as readChartSources does). */
  private sources(root: string, memory: ChartMemory, overlay: ReadonlyMap<string, string>): SourceSet {
    const files = new Map(memory.disk);
    for (const [path, text] of overlay) if (path.startsWith(`${root}/`) || files.has(path)) files.set(path, text);
    return { files };
  }
}
