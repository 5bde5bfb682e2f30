import { ALL_RULES } from '../../rules';
import type { Finding, Rule, StridelintConfig } from '../../rules/engine';
import { lintChart } from '../../rules/engine/chart/lint-chart';
import { helmRenderOptions } from '../../rules/engine/chart/render-options';
import { kustomizeBuildOptions } from '../../rules/engine/kustomize/build-options';
import { lintKustomizations } from '../../rules/engine/kustomize/lint-kustomizations';
import { keepingParsedDocuments } from '../../rules/models/kustomize/parse';
import { renderChart } from '../../rules/models/helm/chart/render';
import { forgetValuesDocuments } from '../../rules/models/helm/chart/values-yaml';
import type { SourceSet } from '../../rules/models/helm/source-map';
import { TemplateParseCache } from '../../rules/models/helm/template';
import { findingsOnArchives } from '../shared/archive-location';
import { readChartSources, WorkspaceCharts } from '../shared/chart-sources';
import { readKustomizeSources } from '../shared/kustomize-sources';
import { settingsDigest } from '../shared/lint-cache';
import { startRead, stampOfRead, type StampedSources } from '../shared/source-stamp';
import { chartUnitKey, compactFindings, storedUnit, type StoredUnit } from './unit-scan-cache';

/**
 * A workspace scan's units (a Helm chart; a workspace folder's kustomizations) linted away from the server's
 * thread: the same reads and the same lint as ChartUnits/KustomizeUnits do, with the open documents' texts
 * sent along. Units read no workspace facts, so they run beside the plain files' phases.
 */

/** Files read for a unit at most this large (as the providers read them). */
const UNIT_MAX_BYTES = 20_000_000;
/**
 * Template files each thread keeps parsed, the least recently used dropped first (as the CLI's run does): a
 * scan's thread renders every chart it is given, so an unbounded cache grows with the workspace's charts.
 */
const PARSED_FILES_KEPT = 512;

/**
 * Only subcharts' templates are kept (`<chart>/charts/…` in Helm's names): a scan renders each chart once, so a
 * chart's own templates are never parsed again, while vendored library charts (bitnami/common) recur chart after
 * chart. Over the corpus charts in one thread this keeps 82 texts instead of 341, and reuses more of them (1,055
 * parses saved of 2,084, not 1,006): the kept trees are live through the whole scan, marked by every full GC.
 */
const isSubchartTemplate = (name: string): boolean => /^[^/]+\/charts\//.test(name);

export type UnitItem =
  /** `charts`: every chart root of the workspace scan, so a dependency resolves to the same chart whichever thread renders it. */
  | { unit: 'chart'; root: string; charts: readonly string[]; config: StridelintConfig; overlay: Array<[string, string]> }
  | { unit: 'kustomize'; root: string; dirs: string[]; config: StridelintConfig; overlay: Array<[string, string]> };

export interface UnitOutcome {
  /** Findings by file (without fix edits: a closed file's fixes are computed when it is opened). */
  findings: Array<[string, Finding[]]>;
  /** Kustomize: every kustomization file and input of a leaf build and every file with findings. */
  members?: string[];
  /** A chart with nothing open: its key in the scan's persistent cache (everything the render read). */
  chartKey?: string;
  /** With chartKey or stored: what the unit's read met and its stamp, so a warm start need not read it again. */
  sources?: StampedSources;
  /** Kustomizations with nothing open: what the scan's persistent cache keeps of them. */
  stored?: StoredUnit;
}

/** One thread's unit linting; its chart parses and sibling charts are shared by the charts of one scan. */
export class UnitLinter {
  private readonly charts = new WorkspaceCharts();
  /** Parsed templates; a chart is rendered once here (nothing is edited): no reads recorded for a re-render. */
  private readonly parses = new TemplateParseCache(PARSED_FILES_KEPT, isSubchartTemplate);

  constructor(private readonly rules: readonly Rule[] = ALL_RULES) {}

  lint(item: UnitItem): UnitOutcome {
    return item.unit === 'chart' ? this.chart(item.root, item.charts, item.config, new Map(item.overlay)) : this.kustomize(item.root, item.dirs, item.config, new Map(item.overlay));
  }

  private chart(root: string, workspaceCharts: readonly string[], config: StridelintConfig, overlay: ReadonlyMap<string, string>): UnitOutcome {
    const read = startRead();
    // Not only the charts this thread met: a not-vendored dependency is the nearest of all the workspace's, as in the CLI.
    for (const chart of workspaceCharts) this.charts.add(chart);
    this.charts.addWithSiblings([root], read.listed);
    const files = new Map(readChartSources(root, this.charts, Math.max(config.maxFileSize, UNIT_MAX_BYTES), undefined, read.listed, read.statted).files);
    for (const [path, text] of overlay) if (path.startsWith(`${root}/`) || files.has(path)) files.set(path, text);
    // Each chart is rendered once per scan: no copy of its coalesced values kept for a re-render.
    const render = (sources: SourceSet, chartRoot: string, options: ReturnType<typeof helmRenderOptions>) => renderChart(sources, chartRoot, options, undefined, this.parses, undefined, 'once');
    // The scan keeps no fixes (compactFindings): none are built but where one decides a finding's values line.
    const linted = lintChart({ files }, root, { render, renderOptions: helmRenderOptions(config, root), config, rules: this.rules, fixes: 'none' });
    // Its values files' documents would stay live, marked by every full collection of the thread (≈ 3.7 MiB).
    forgetValuesDocuments();
    const findings: Array<[string, Finding[]]> = [...compactFindings(findingsOnArchives(linted.findings))];
    if (overlay.size > 0) return { findings };
    return { findings, chartKey: chartUnitKey(root, config, files), sources: stampOfRead(read.finish(), settingsDigest(config)) };
  }

  private kustomize(root: string, dirs: string[], config: StridelintConfig, overlay: ReadonlyMap<string, string>): UnitOutcome {
    const build = kustomizeBuildOptions(config);
    const read = startRead();
    // Every round of reading builds each directory again, re-reading the same bases and patches: each file's text is parsed once (as in the CLI).
    const { disk, result } = keepingParsedDocuments(() => {
      const disk = readKustomizeSources(dirs, { maxBytes: Math.max(config.maxFileSize, UNIT_MAX_BYTES), boundary: root, build, listed: read.listed, statted: read.statted });
      // With no open document the lint's files are the reader's: its last round's builds stand.
      return { disk, result: lintKustomizations({ files: new Map([...disk.files, ...overlay]) }, { config, build, dirs, rules: this.rules, built: overlay.size === 0 ? disk.builds : undefined, fixes: 'none' }) };
    });
    const members = new Set([...result.builds.flatMap((b) => [...b.result.kustomizations, ...b.result.inputs]), ...result.findings.keys()]);
    const findings = compactFindings(result.findings);
    if (overlay.size > 0) return { findings: [...findings], members: [...members] };
    return { findings: [...findings], members: [...members], stored: storedUnit(disk, members, findings), sources: stampOfRead(read.finish(), settingsDigest(config)) };
  }
}
