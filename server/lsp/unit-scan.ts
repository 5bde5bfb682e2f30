import type { Finding, StridelintConfig } from '../../rules/engine';
import type { ChartUnits } from './chart-units';
import type { ConfigStore } from './config-store';
import type { DocumentState } from './document-state';
import type { FileLinter } from './file-linter';
import type { KustomizeUnits } from './kustomize-units';
import { pathToUri } from './paths';
import type { ScanExecutor } from './scan-pool';
import { notAnalysed } from './scan-task';
import type { UnitItem, UnitOutcome } from './scan-units';
import { filterCategories, withSettings } from './settings';
import type { ResourceSettings } from './settings-store';
import type { WorkspaceFolders } from './workspace-folders';

/**
 * A unit (a chart, or a workspace folder's kustomizations) may take 5× a file batch's limit in a worker: at
 * load 30 on two cores a folder's 75 kustomizations took over the 60 s limit, and the folder's files were then
 * linted alone, without their builds' findings — what the scan showed depended on the machine's load.
 */
const UNIT_TIMEOUT_SCALE = 5;

export interface UnitScanParts {
  charts: ChartUnits;
  kustomize: KustomizeUnits;
  configs: ConfigStore;
  folders: WorkspaceFolders;
  linter: FileLinter;
  state: DocumentState;
}

interface ScanFile {
  path: string;
  resource: ResourceSettings;
}

/** A unit the scan hands to the executor, with the scanned files it covers and the cache key it is kept under. */
interface PendingUnit {
  item: UnitItem;
  key: string;
  files: ScanFile[];
}

/**
 * The units of a workspace scan (Helm charts, each workspace folder's kustomizations), linted by the scan's
 * executor beside the plain files' phases instead of one after another in the server's thread. A chart's files
 * are known from the disk; which files a folder's kustomizations cover is known only once they are built, so
 * those files are scanned as plain files meanwhile and taken back when the build answers.
 */
export class UnitScan {
  private readonly charts = new Map<string, PendingUnit>();
  private readonly kustomize = new Map<string, PendingUnit>();
  /** Every chart root claimed (one array shared by the chart items: complete when they run). */
  private readonly chartRoots: string[] = [];
  /** Per folder with kustomizations: which paths its builds cover (after they answered). */
  private readonly covered: Array<(path: string) => boolean> = [];
  private kustomizeDone?: Promise<void>;

  constructor(
    private readonly parts: UnitScanParts,
    /** A scanned file's result was shown: its finding count (undefined: none of stridelint's kinds). */
    private readonly shown: (count: number | undefined) => void,
    /** A unit's files were shown from the scan's persistent cache: how many. */
    private readonly fromCache: (files: number) => void = () => {},
  ) {}

  /**
   * Takes a scanned file when it belongs to a chart (true: the scan leaves it to this); a file under a folder
   * with kustomizations is noted and left to the scan until the builds say whether it is theirs.
   */
  claim(file: ScanFile): boolean {
    const { charts, kustomize, configs, folders } = this.parts;
    const settings = file.resource.settings;
    const root = charts.chartRootOf(file.path, configs.configFor(file.path, settings));
    if (root !== undefined) {
      this.unitFor(this.charts, root, () => {
        const config = withSettings(configs.configFor(`${root}/Chart.yaml`, settings), settings);
        const { overlay, key } = charts.scanRequest(root, config);
        this.chartRoots.push(root);
        return { item: { unit: 'chart', root, charts: this.chartRoots, config, overlay }, key };
      }).files.push(file);
      return true;
    }
    const folder = folders.folderFor(file.path)?.path;
    if (folder === undefined || !kustomize.hasKustomizations(folder)) return false;
    this.unitFor(this.kustomize, folder, () => {
      const config = withSettings(configs.configFor(kustomize.anchorOf(folder), settings), settings);
      const { dirs, overlay, key } = kustomize.scanRequest(folder, config);
      return { item: { unit: 'kustomize', root: folder, dirs, config, overlay }, key };
    }).files.push(file);
    return false;
  }

  /**
   * Starts every unit: kustomizations first (the plain files wait for what they cover), then the charts
   * beside open documents, then the others. Resolves when all are shown.
   */
  run(executor: ScanExecutor, cancelled: () => boolean, openFolders: ReadonlySet<string>): Promise<void> {
    this.parts.charts.knowCharts(this.chartRoots);
    const charts = [...this.charts.values()].sort((a, b) => Number(openFolders.has(b.item.root)) - Number(openFolders.has(a.item.root)));
    let kustomizeLeft = this.kustomize.size;
    let kustomizeAnswered = () => {};
    this.kustomizeDone = kustomizeLeft === 0 ? Promise.resolve() : new Promise((resolve) => (kustomizeAnswered = resolve));
    const answered = (item: UnitItem) => {
      if (item.unit === 'kustomize' && --kustomizeLeft === 0) kustomizeAnswered();
    };
    const pending = new Map<UnitItem, PendingUnit>();
    for (const unit of [...this.kustomize.values(), ...charts]) {
      const stored = cancelled() ? undefined : this.cached(unit.item);
      if (!stored) {
        pending.set(unit.item, unit);
        continue;
      }
      this.fromCache(this.adopt(unit, stored, true));
      answered(unit.item);
    }
    return executor
      .run({
        task: 'unit',
        items: [...pending.keys()],
        batchSize: 1,
        timeoutScale: UNIT_TIMEOUT_SCALE,
        cancelled,
        onResult: (item, outcome) => {
          if (!cancelled()) {
            this.adopt(pending.get(item) as PendingUnit, outcome);
            this.store(item, outcome);
          }
          answered(item);
        },
        onFailure: (item, reason) => {
          // A chart's files are reported not analysed; a folder's kustomizations covering nothing, its files are linted alone.
          if (item.unit === 'chart') for (const file of (pending.get(item) as PendingUnit).files) this.show(file.path, undefined, [notAnalysed(reason)], file.resource);
          answered(item);
        },
      })
      .finally(() => kustomizeAnswered()); // cancelled: nobody waits for the rest
  }

  /** Whether a file is covered by the kustomizations that answered so far (from the cache: before any worker ran). */
  coveredSoFar(path: string): boolean {
    return this.covered.some((covers) => covers(path));
  }

  /** Once every folder's kustomizations answered: whether a file is theirs (shown by this, not by the scan). */
  async kustomizeCovers(): Promise<(path: string) => boolean> {
    await this.kustomizeDone;
    return (path) => this.coveredSoFar(path);
  }

  /** A unit with nothing of it open, from the scan's persistent cache when what it read is unchanged. */
  private cached(item: UnitItem): UnitOutcome | undefined {
    if (item.overlay.length > 0) return undefined;
    if (item.unit === 'chart') {
      const findings = this.parts.charts.scanCached(item.root, item.config);
      return findings && { findings: [...findings] };
    }
    const stored = this.parts.kustomize.scanCached(item.root, item.config, item.dirs);
    return stored && { findings: stored.findings, members: stored.members };
  }

  private store(item: UnitItem, outcome: UnitOutcome): void {
    if (item.unit === 'chart' && outcome.chartKey) this.parts.charts.storeScan(item.root, outcome.chartKey, new Map(outcome.findings), outcome.sources);
    else if (item.unit === 'kustomize' && outcome.stored) this.parts.kustomize.storeScan(item.root, item.config, item.dirs, outcome.stored, outcome.sources);
  }

  /** Keeps a unit's lint and shows its scanned files; returns how many it showed (a folder's kustomizations cover only some). */
  private adopt(unit: PendingUnit, outcome: UnitOutcome, fromScanCache = false): number {
    const findings = new Map(outcome.findings);
    const scanned = new Set(unit.files.map((file) => file.path));
    // The scanned files are shown below (or, not covered by the kustomizations, by the scan itself).
    const shownByScan = (path: string) => scanned.has(path);
    let covers: (path: string) => boolean = () => true;
    if (unit.item.unit === 'chart') this.parts.charts.adoptScan(unit.item.root, unit.key, findings, shownByScan, fromScanCache);
    else this.covered.push((covers = this.parts.kustomize.adoptScan(unit.item.root, unit.key, findings, new Set(outcome.members), shownByScan, fromScanCache)));
    const mine = unit.files.filter((file) => covers(file.path));
    const findingsOf = (path: string) => (unit.item.unit === 'chart' ? this.parts.charts.findingsOf(path, unit.item.root, findings.get(path) ?? []) : (findings.get(path) ?? []));
    for (const file of mine) this.show(file.path, 'kubernetes', findingsOf(file.path), file.resource);
    return mine.length;
  }

  private show(path: string, kind: 'kubernetes' | undefined, findings: Finding[], resource: ResourceSettings): void {
    const { state, linter, configs } = this.parts;
    if (state.documents.get(pathToUri(path))) return; // opened meanwhile: the scheduler has it
    const config: StridelintConfig = configs.configFor(path, resource.settings);
    this.shown(linter.showDiskResult(path, config, kind, filterCategories(findings, resource.settings)));
  }

  private unitFor(units: Map<string, PendingUnit>, root: string, request: () => Omit<PendingUnit, 'files'>): PendingUnit {
    let unit = units.get(root);
    if (!unit) units.set(root, (unit = { ...request(), files: [] }));
    return unit;
  }
}
