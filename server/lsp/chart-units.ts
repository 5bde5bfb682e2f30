import { createHash } from 'node:crypto';
import { existsSync, readFileSync, type Dirent } from 'node:fs';
import { ALL_RULES } from '../../rules';
import type { Finding, StridelintConfig } from '../../rules/engine';
import { lintChart, type ChartRenderer } from '../../rules/engine/chart/lint-chart';
import { helmRenderOptions } from '../../rules/engine/chart/render-options';
import { TemplateLintCache } from '../../rules/engine/chart/template-lint-cache';
import { IncrementalChartRenderer } from '../../rules/models/helm/chart/incremental-render';
import { EDITOR_RENDER_LIMITS } from '../../rules/models/helm/chart/render';
import { forgetCachedValues } from '../../rules/models/helm/chart/values-yaml';
import type { SourceSet } from '../../rules/models/helm/source-map';
import { TemplateParseCache } from '../../rules/models/helm/template';
import { findingsOnArchives } from '../shared/archive-location';
import { chartOf, readChartSources, WorkspaceCharts } from '../shared/chart-sources';
import { settingsDigest } from '../shared/lint-cache';
import { folderOf } from './paths';
import { withoutFixes } from './scan-task';
import { startRead, stampOfRead, type ReadSources, type StampedSources } from '../shared/source-stamp';
import type { LintUnit, UnitFindings, UnitHost, UnitProvider } from './unit-provider';
import { chartUnitKey, compactFindings, isFileFindings, type UnitScanCache } from './unit-scan-cache';

interface CachedChart {
  key: string;
  /** The open documents whose text the lint read (its own and its dependencies'), with their versions. */
  opened: ReadonlyMap<string, number>;
  /** Findings by file; compact (no fix edits) when no file of the chart was open (a scan's worker sends only these). */
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
  /** What that read met, for the stamp the scan's persistent cache keeps beside the chart. */
  read: ReadSources;
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
  /** A folder → the outermost folder at or above it holding a Chart.yaml on disk, or null (cleared with chartFolders). */
  private readonly chartRootOnDisk = new Map<string, string | null>();
  /** The workspace scan's listing while it sorts files into units: a folder listed there is not asked of the disk again. */
  private listing?: ReadonlyMap<string, Dirent[]>;
  /**
   * File → the charts whose last lint gave it findings. A dependency's file is rendered by its own chart and by
   * every chart depending on it, with other values: its findings are all of theirs, as the CLI reports them,
   * whichever chart was linted last.
   */
  private readonly lintedBy = new Map<string, Set<string>>();
  private scanCache?: UnitScanCache;
  /** Chart → the workspace charts it renders as dependencies (known lazily; forgotten when any chart's metadata may have changed). */
  private readonly dependencies = new Map<string, readonly string[]>();
  /** Charts (and files on disk) changed since the last re-lint of the charts depending on them; `disk`: to be read again. */
  private readonly changed = new Map<string, { disk: boolean }>();
  private dependentsTimer?: NodeJS.Timeout;

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
    const incremental = (this.incremental = new IncrementalChartRenderer(new TemplateParseCache(), EDITOR_RENDER_LIMITS));
    return (sources, chartRoot, options) => incremental.render(sources, chartRoot, options);
  }

  /** The chart a file belongs to; the chart's `Chart.yaml` governs its configuration. */
  unitOf(path: string, config: StridelintConfig): LintUnit | undefined {
    const root = this.chartRootOf(path, config);
    return root === undefined ? undefined : { root, anchor: `${root}/Chart.yaml` };
  }

  /** The workspace's chart roots (from a scan): a dependency not vendored resolves to the nearest of them all, not of those met so far. */
  knowCharts(roots: readonly string[]): void {
    for (const root of roots) this.workspace.add(root);
    this.dependencies.clear();
  }

  /** The chart a file belongs to (its templates, subcharts, Chart.yaml, values files), found by walking up. */
  chartRootOf(path: string, config: StridelintConfig): string | undefined {
    const open = this.host.openDocuments();
    let root: string | undefined;
    if (this.hasOpenChartFile(open)) {
      for (const folder of foldersAbove(path)) if (open.has(`${folder}/Chart.yaml`) || this.hasChartFile(folder)) root = folder; // the outermost wins: subcharts belong to their parent
    } else root = this.outermostChartOnDisk(folderOf(path));
    if (!root) return undefined;
    return chartOf(path, [root], (candidate) => helmRenderOptions(config, candidate).valuesFiles ?? []);
  }

  /** Whether a folder above the path holds a Chart.yaml (a chart not linted so far may be another's dependency). */
  private inChartFolder(path: string): boolean {
    for (const folder of foldersAbove(path)) if (this.hasChartFile(folder)) return true;
    return false;
  }

  /** The workspace scan's listing (folder → its entries as read), while the scan sorts files into units; undefined after. */
  useListing(listing: ReadonlyMap<string, Dirent[]> | undefined): void {
    this.listing = listing;
  }

  private hasOpenChartFile(open: ReadonlyMap<string, unknown>): boolean {
    for (const path of open.keys()) if (path.endsWith('/Chart.yaml')) return true;
    return false;
  }

  /**
   * chartRootOf's walk up as the disk has it, once per folder: the outermost chart above wins (subcharts belong to
   * their parent), so a folder's answer is its parent's, or itself when it holds a Chart.yaml and no folder above does.
   */
  private outermostChartOnDisk(folder: string): string | undefined {
    let root = this.chartRootOnDisk.get(folder);
    if (root === undefined) {
      const parent = folderOf(folder);
      root = (parent === folder ? undefined : this.outermostChartOnDisk(parent)) ?? (this.hasChartFile(folder) ? folder : null);
      this.chartRootOnDisk.set(folder, root);
    }
    return root ?? undefined;
  }

  private hasChartFile(folder: string): boolean {
    let known = this.chartFolders.get(folder);
    if (known === undefined) this.chartFolders.set(folder, (known = this.listedChartFile(folder) ?? existsSync(`${folder}/Chart.yaml`)));
    return known;
  }

  /** Whether the scan's listing of the folder names a Chart.yaml (undefined: not listed, or a link the disk must resolve). */
  private listedChartFile(folder: string): boolean | undefined {
    const entries = this.listing?.get(folder);
    if (!entries) return undefined;
    const entry = entries.find((candidate) => candidate.name === 'Chart.yaml');
    return entry === undefined ? false : entry.isSymbolicLink() ? undefined : true; // existsSync: anything by that name, a link only when its target exists
  }

  /** Forgets what was read from disk for the chart holding `path` (a watched file changed). */
  diskChanged(path: string): LintUnit | undefined {
    const root = [...this.cache.keys()].find((candidate) => path === candidate || path.startsWith(`${candidate}/`));
    if (/\/(?:Chart|requirements)\.yaml$/.test(path)) this.dependencies.clear();
    // The charts depending on it read it too: they read the disk again and are linted again (soon, once changes pause).
    if (root || this.inChartFolder(path)) this.changedSoon(path, true);
    if (!root) return undefined;
    this.diskGeneration.set(root, (this.diskGeneration.get(root) ?? 0) + 1);
    // The charts depending on it rendered the old file: their findings on it no longer count until they lint again.
    for (const chart of this.lintedBy.get(path) ?? []) {
      if (chart === root) continue;
      this.diskGeneration.set(chart, (this.diskGeneration.get(chart) ?? 0) + 1);
      this.lintedBy.get(path)?.delete(chart);
      this.cache.get(chart)?.published.delete(path);
    }
    return { root, anchor: `${root}/Chart.yaml` };
  }

  /** Forgets every chart read from disk (a workspace rescan). */
  rescan(): void {
    this.chartFolders.clear();
    this.chartRootOnDisk.clear();
    this.dependencies.clear();
    for (const root of this.cache.keys()) this.diskGeneration.set(root, (this.diskGeneration.get(root) ?? 0) + 1);
  }

  /** The findings of one file of the chart, linting the chart when any of its files changed. */
  findingsFor(path: string, unit: LintUnit, config: StridelintConfig): UnitFindings {
    const chart = this.lint(unit.root, config, path);
    if (chart.fromScanCache && this.scanCache) this.scanCache.served.add(path);
    return { kind: 'kubernetes', findings: this.findingsOf(path, unit.root, chart.findings.get(path) ?? []) };
  }

  /** Lints the chart when any of its files changed; `asking` is the file whose findings the caller publishes. */
  private lint(root: string, config: StridelintConfig, asking: string): CachedChart {
    const { overlay, key } = this.scanRequest(root, config);
    const cached = this.cache.get(root);
    if (cached && cached.key === key) return cached;
    // What it renders changed (an edit, the disk, settings): the charts rendering it as a dependency may see it too.
    this.changedSoon(root, false);
    const memory = this.memoryOf(root, config);
    const sources = this.sources(root, memory, new Map(overlay));
    // With nothing of it open, the scan's persistent cache answers when every file the render read is the same.
    const persistent = overlay.length === 0 ? this.scanCache : undefined;
    const unitKey = persistent && chartUnitKey(root, memory.config!.value, sources.files);
    const stored = persistent && unitKey ? persistent.get(root, 'chart', unitKey, isFileFindings) : undefined;
    let findings: ReadonlyMap<string, Finding[]>;
    if (stored) findings = new Map(stored);
    else {
      const linted = lintChart(sources, root, { render: this.render, renderOptions: helmRenderOptions(config, root), config: memory.config!.value, rules: ALL_RULES, lintCache: memory.lintCache });
      findings = findingsOnArchives(linted.findings);
      if (overlay.length === 0) findings = compactFindings(findings);
      if (persistent && unitKey) persistent.set(root, 'chart', unitKey, [...findings]);
    }
    if (persistent && unitKey) persistent.stamp(root, 'chart', unitKey, stampOfRead(memory.read, settingsDigest(memory.config!.value)));
    if (overlay.length === 0) {
      // Nothing of it is open (the workspace scan): no edit to prepare for.
      this.incremental?.forget(root);
      this.memory.delete(root);
    }
    return this.keep(root, key, findings, (file) => file === asking, stored !== undefined);
  }

  /**
   * A scan's answer for a chart with nothing of it open, from the persistent cache when every file its render
   * would read is the same (read here, not rendered); undefined: lint it.
   */
  scanCached(root: string, config: StridelintConfig): ReadonlyMap<string, Finding[]> | undefined {
    if (!this.scanCache) return undefined;
    // Every path its last read met keeps its stamp: that read's key stands, nothing is read.
    const stampedKey = this.scanCache.keyByStamp(root, 'chart', settingsDigest(config));
    let stored = stampedKey === undefined ? undefined : this.scanCache.get(root, 'chart', stampedKey, isFileFindings);
    if (!stored) {
      // Never stored: reading the chart to name its key could find nothing (a first scan read every chart
      // here, on this thread, while the workers waited for their first units: ≈ 0.5 s of 10,000 files).
      if (!this.scanCache.has(root, 'chart')) return undefined;
      const memory = this.memoryOf(root, config);
      this.memory.delete(root); // nothing of it is open: nothing to keep for a keystroke
      const key = chartUnitKey(root, config, memory.disk);
      stored = this.scanCache.get(root, 'chart', key, isFileFindings);
      if (!stored) return undefined;
      this.scanCache.stamp(root, 'chart', key, stampOfRead(memory.read, settingsDigest(config)));
    }
    for (const [file] of stored) this.scanCache.served.add(file);
    return new Map(stored);
  }

  /** Stores a scan worker's lint of a chart under the key of what it read (`sourcesKey`, from chartUnitKey) and that read's stamp. */
  storeScan(root: string, sourcesKey: string, findings: ReadonlyMap<string, Finding[]>, sources?: StampedSources): void {
    this.scanCache?.set(root, 'chart', sourcesKey, [...findings]);
    if (sources) this.scanCache?.stamp(root, 'chart', sourcesKey, sources);
  }

  /**
   * What a lint of the chart elsewhere (a scan's worker) needs: the open documents' texts (its own files', and
   * its workspace dependencies': the render reads them as the editor has them); and its cache key.
   */
  scanRequest(root: string, config: StridelintConfig): { overlay: Array<[string, string]>; key: string } {
    const overlay: Array<[string, string]> = [];
    const versions: Array<[string, number]> = [];
    let dependencies: readonly string[] | undefined;
    for (const [path, document] of this.host.openDocuments()) {
      if (!path.startsWith(`${root}/`)) {
        // Only a file of a chart linted so far can be a dependency's (an open chart file has been linted).
        if (!this.inLintedChart(path)) continue;
        dependencies ??= this.dependenciesOf(root);
        if (!dependencies.some((dependency) => path.startsWith(`${dependency}/`))) continue;
      }
      overlay.push([path, document.text]);
      versions.push([path, document.version]);
    }
    versions.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return { overlay, key: JSON.stringify([this.diskGeneration.get(root) ?? 0, versions, config.helm, config.rules]) };
  }

  private inLintedChart(path: string): boolean {
    for (const chart of this.cache.keys()) if (path.startsWith(`${chart}/`)) return true;
    return false;
  }

  /** The workspace charts `root` renders as dependencies (as its lint resolves them). */
  private dependenciesOf(root: string): readonly string[] {
    let known = this.dependencies.get(root);
    if (!known) {
      this.workspace.addWithSiblings([root]);
      this.dependencies.set(root, (known = this.workspace.dependencyRoots(root)));
    }
    return known;
  }

  /**
   * A chart was linted afresh, or a file changed on disk (`disk`): once changes pause, every chart linted so far
   * that renders it as a dependency is linted again (having read the disk again for a change there), so that
   * the file and the dependent's own files show what its render makes of the change.
   */
  private changedSoon(path: string, disk: boolean): void {
    this.changed.set(path, { disk: disk || this.changed.get(path)?.disk === true });
    clearTimeout(this.dependentsTimer);
    this.dependentsTimer = setTimeout(() => this.relintDependents(), DEPENDENTS_QUIET_MS);
  }

  private relintDependents(): void {
    const changed = [...this.changed];
    this.changed.clear();
    const dependents = new Set<string>();
    for (const chart of this.cache.keys()) {
      for (const [path, { disk }] of changed) {
        if (path === chart || path.startsWith(`${chart}/`)) continue; // its own file: linted by whoever changed it
        if (!this.dependenciesOf(chart).some((dependency) => path === dependency || path.startsWith(`${dependency}/`))) continue;
        if (disk) this.diskGeneration.set(chart, (this.diskGeneration.get(chart) ?? 0) + 1);
        dependents.add(chart);
      }
    }
    for (const root of dependents) this.host.relintUnit({ root, anchor: `${root}/Chart.yaml` });
  }

  /** A lint done elsewhere under `key` (from scanRequest): kept as this chart's last; files the caller does not show are shown. */
  adoptScan(root: string, key: string, findings: ReadonlyMap<string, Finding[]>, shownByCaller: (path: string) => boolean, fromScanCache = false): void {
    this.keep(root, key, findings, shownByCaller, fromScanCache);
  }

  /** Keeps a lint's findings; every file whose findings changed shows the new state (but those the caller publishes). */
  private keep(root: string, key: string, findings: ReadonlyMap<string, Finding[]>, shownByCaller: (path: string) => boolean, fromScanCache = false): CachedChart {
    const cached = this.cache.get(root);
    const published = new Map<string, string>();
    for (const [file, list] of findings) published.set(file, createHash('sha1').update(JSON.stringify(list.map(withoutFixes))).digest('base64'));
    const opened = new Map((JSON.parse(key) as [number, Array<[string, number]>])[1]);
    const entry: CachedChart = { key, opened, findings, fromScanCache, published };
    this.cache.set(root, entry);
    for (const file of cached?.findings.keys() ?? []) if (!findings.has(file)) this.lintedBy.get(file)?.delete(root);
    for (const [file, list] of findings) {
      if (list.length === 0) this.lintedBy.get(file)?.delete(root);
      else if (this.lintedBy.get(file)?.add(root) === undefined) this.lintedBy.set(file, new Set([root]));
    }
    const open = this.host.openDocuments();
    for (const file of new Set([...(cached?.published.keys() ?? []), ...published.keys()])) {
      if (shownByCaller(file) || cached?.published.get(file) === published.get(file)) continue;
      if (open.has(file)) this.host.relintOpen(file);
      else this.host.publishClosed(file, 'kubernetes', this.findingsOf(file, root, findings.get(file) ?? []));
    }
    return entry;
  }

  /**
   * A file's findings from `root`'s lint (`own`) and from every other chart whose last lint rendered it: the file's
   * own chart first, then the others by path, a finding two renders share once. Another chart's count only when
   * its lint read the file as it is now (the open document's version, or the disk's text while they are the same;
   * their lines may have moved): it is linted again soon after a change.
   */
  findingsOf(file: string, root: string, own: Finding[]): Finding[] {
    let others = [...(this.lintedBy.get(file) ?? [])].filter((chart) => chart !== root);
    if (others.length === 0) return own;
    const open = this.host.openDocuments().get(file);
    let sameAsDisk: boolean | undefined;
    others = others.filter((chart) => {
      const read = this.cache.get(chart)?.opened.get(file);
      if (!open) return read === undefined;
      if (read !== undefined) return read === open.version;
      return (sameAsDisk ??= open.text === this.diskText(file, root));
    });
    if (others.length === 0) return own;
    const charts = [root, ...others].sort((a, b) => rank(file, a) - rank(file, b) || (a < b ? -1 : a > b ? 1 : 0));
    const seen = new Set<string>();
    const all: Finding[] = [];
    for (const chart of charts) {
      for (const finding of chart === root ? own : (this.cache.get(chart)?.findings.get(file) ?? [])) {
        const identity = `${finding.ruleId}|${finding.range.start.line}:${finding.range.start.character}-${finding.range.end.line}:${finding.range.end.character}|${finding.message}`;
        if (seen.has(identity)) continue;
        seen.add(identity);
        all.push(finding);
      }
    }
    return all;
  }

  /** A file's text on disk: as the chart's last read found it (an open chart keeps it; no read per keystroke), else read now. */
  private diskText(file: string, root: string): string | undefined {
    const known = this.memory.get(root)?.disk.get(file);
    return typeof known === 'string' ? known : readText(file);
  }

  private memoryOf(root: string, config: StridelintConfig): ChartMemory {
    const generation = this.diskGeneration.get(root) ?? 0;
    let memory = this.memory.get(root);
    if (!memory || memory.generation !== generation) {
      const read = startRead();
      this.workspace.addWithSiblings([root], read.listed);
      const disk = readChartSources(root, this.workspace, Math.max(config.maxFileSize, 20_000_000), undefined, read.listed).files;
      memory = { generation, disk, read: read.finish(), lintCache: memory?.lintCache ?? new TemplateLintCache(), config: memory?.config };
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

/** How long the charts depending on a changed chart wait for a pause in its changes before they are linted again (as readers of changed facts do). */
const DEPENDENTS_QUIET_MS = 100;

/** The folders above a path, nearest first (at most 30). */
function* foldersAbove(path: string): Generator<string> {
  for (let folder = folderOf(path), depth = 0; depth < 30; folder = folderOf(folder), depth++) {
    yield folder;
    if (folderOf(folder) === folder) return;
  }
}

/** 0 for the chart the file belongs to (the file is under it), 1 for a chart that renders it as a dependency. */
function rank(file: string, chart: string): number {
  return file.startsWith(`${chart}/`) ? 0 : 1;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
