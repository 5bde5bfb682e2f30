import { existsSync, type Dirent } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { detectKind, isIgnored, type FileFacts, type Rule, type StridelintConfig } from '../../rules/engine';
import { HOST_KINDS } from '../../rules/facts/host-facts';
import { settingsDigest, type LintCache } from '../shared/lint-cache';
import { holdBatchTiering } from '../shared/v8-tiering';
import type { ConfigStore } from './config-store';
import { answerByStamp } from './facts-by-stamp';
import type { DocumentState } from './document-state';
import type { FileLinter } from './file-linter';
import { settleMemory } from './memory-settle';
import { folderOf, pathToUri, relativeTo } from './paths';
import { diagnosticsJsonOf, encodeScanEntry, encodeScanEntryJson, openScanCache, storedScanEntry, type ScanCacheEntry, type StoredScanEntry } from './scan-cache';
import { InlineExecutor, WorkerPool, type ScanExecutor } from './scan-pool';
import { notAnalysed, type FactsItem, type FactsOutcome, type LintOutcome, type LintOutcomeJson } from './scan-task';
import { filterCategories, filtersCategories, isExcludedPath, withSettings } from './settings';
import type { ResourceSettings, SettingsStore } from './settings-store';
import type { UnitProvider } from './unit-provider';
import type { ChartUnits } from './chart-units';
import type { KustomizeUnits } from './kustomize-units';
import { UnitScan } from './unit-scan';
import { UnitScanCache } from './unit-scan-cache';
import type { WorkspaceFactsStore } from './workspace-facts-store';
import type { WorkspaceFolders } from './workspace-folders';
import { clientCaughtUp } from './stdio-connection';
import { isCandidateFile, listFiles, SCAN_SLICE_MS, yieldToEventLoop } from './workspace-scan';

export interface ScanSummary {
  files: number;
  filesWithFindings: number;
  findings: number;
  cancelled: boolean;
  milliseconds: number;
  /** Worker threads used (0: the server's own thread). */
  workers: number;
  /** Files whose findings came from the persistent cache (not parsed). */
  fromCache: number;
  /** The largest heap a worker thread reported (MiB; its memory is not the server's, and ends with the scan). */
  workerPeakHeapMiB: number;
}

/**
 * When each of a scan's steps ended, in ms from its start (its log line shows them: where a slow scan waited):
 * the worker threads' start (asked for, before the walk: they load beside it), the walk of the folders, sorting
 * files into units, every file's facts, the lints after them, and the units beside both.
 */
interface ScanSteps {
  threads?: number;
  walked?: number;
  listed?: number;
  facts?: number;
  lints?: number;
  units?: number;
}

/** A file the scan lints on its own (not in a unit), with what its lint and cache key need. */
interface PlainFile {
  path: string;
  resource: ResourceSettings;
  config: StridelintConfig;
  settingsKey: string;
}

export interface WorkspaceScannerParts {
  connection: Connection;
  folders: WorkspaceFolders;
  settings: SettingsStore;
  configs: ConfigStore;
  linter: FileLinter;
  state: DocumentState;
  units: readonly UnitProvider[];
  /** The same providers as `units` (charts claim a file first): the scan lints their units in its executor. */
  charts: ChartUnits;
  kustomize: KustomizeUnits;
  facts: WorkspaceFactsStore;
  /** The rules the server runs: worker threads run the bundled registry, so other rules keep the scan in this thread. */
  rules: readonly Rule[];
  bundledRules: readonly Rule[];
  /** Whether the client shows work-done progress (known after initialisation). */
  canReportProgress(): boolean;
  /** The extension's storage folder for the persistent cache (none: no cache). */
  storagePath(): string | undefined;
}

/**
 * The cache save's slices (ms of this thread): short, since a message takes several turns of the event loop to be
 * answered (read, queued by the protocol library, its lint scheduled). A file opened as the save of a 10,000-file
 * scan began got its diagnostics 207–289 ms later with the save in one piece, 140–171 ms with slices of 15 ms,
 * 72–108 with 4, 46–94 with 1 (19 ms on an idle server).
 */
const SAVE_SLICE_MS = 1;

/** The worker script beside the server's bundle (dist/scan-worker.js). */
const WORKER_SCRIPT = join(__dirname, 'scan-worker.js');

/**
 * Lints every candidate file of the workspace folders from disk, in slices that leave the event loop free for
 * keystrokes. A newer scan cancels a running one; so does the user, through the progress notification.
 */
export class WorkspaceScanner {
  private generation = 0;
  /** Scans under way (a newer one may start before an older one has seen that it is cancelled). */
  private running = 0;
  /** Disk changes seen while a scan ran, applied again once no scan runs (see `diskChanged`). */
  private changedDuringScans: Array<() => void> = [];

  constructor(private readonly parts: WorkspaceScannerParts) {}

  /**
   * Applies a change the client saw on disk now and, while a scan runs, once more when the scans end: a scan
   * may have read the file before the change and hand its facts and findings in after it (a file deleted then
   * would come back as facts that silence its readers' findings).
   */
  diskChanged(apply: () => void): void {
    apply();
    if (this.running > 0) this.changedDuringScans.push(apply);
  }

  async scan(): Promise<ScanSummary> {
    const { connection, state } = this.parts;
    const generation = ++this.generation;
    for (const provider of this.parts.units) provider.rescan();
    const started = Date.now();
    const summary: ScanSummary = { files: 0, filesWithFindings: 0, findings: 0, cancelled: false, milliseconds: 0, workers: 0, fromCache: 0, workerPeakHeapMiB: 0 };
    const steps: ScanSteps = {};
    let progress: WorkDoneProgressServerReporter | undefined;
    if (this.parts.canReportProgress()) {
      try {
        progress = await connection.window.createWorkDoneProgress();
      } catch {
        progress = undefined;
      }
    }
    const cancelled = () => generation !== this.generation || progress?.token.isCancellationRequested === true;
    progress?.begin('stridelint: scanning the workspace', 0, 'listing files', true);
    this.running++;
    // The delayed optimising compiler for the scan's burst of work (its threads' and this one's), not for typing.
    const releaseTiering = holdBatchTiering();
    let executor: ScanExecutor | undefined;
    try {
      // Files published by an earlier scan and not linted by this one (now excluded, disabled, gone) are cleared.
      const stale = new Set(state.publishedClosed());
      const staleResults = new Set(state.disk.keys());
      // The listing's folders, read again by the search for kustomizations while files are sorted into units.
      const listed = new Map<string, Dirent[]>();
      const stepEnded = (step: keyof ScanSteps) => (steps[step] = Date.now() - started);
      const cache = openScanCache(this.parts.storagePath(), this.parts.folders.all().map((folder) => folder.path), (message) => connection.console.info(message));
      const work = await this.listWork(cancelled, listed, (resource) => {
        // One worker thread starts before the walk: its start-up (loading the bundle) takes the core the walk
        // leaves idle.
        executor = this.executor(summary, resource);
        executor.warmUp(1);
        if (summary.workers > 0) stepEnded('threads');
      });
      stepEnded('walked');
      // The others as the files need them (a small workspace, one). With a persistent cache that knows files, most
      // files need no thread (a warm start parses nothing): they start when work waits for them, so that their
      // start-up does not take the second core from this thread.
      executor?.warmUp(cache?.size ? 1 : work.length);
      for (const item of work) {
        stale.delete(pathToUri(item.path));
        staleResults.delete(pathToUri(item.path));
      }
      executor ??= this.executor(summary, work[0]?.resource);
      await this.lintAll(work, summary, cancelled, stepEnded, executor, cache, progress, listed);
      if (!cancelled()) {
        for (const uri of staleResults) state.disk.delete(uri);
        for (const uri of stale) state.clearClosed(uri);
      }
    } finally {
      executor?.close(); // lintAll's end closes it too; not when the listing failed or was cancelled
      releaseTiering();
      if (--this.running === 0) {
        const changed = this.changedDuringScans;
        this.changedDuringScans = [];
        for (const apply of changed) apply();
      }
      summary.cancelled = cancelled();
      summary.milliseconds = Date.now() - started;
      progress?.done();
      // Once the scan's own objects are unreachable (after this call returns) and the client has read what the scan
      // published: output it has not taken yet is live memory (a cold scan publishes ≈ 27 MB; a busy client lags
      // by tens of MB), and collections before it is sent would leave its pages behind when it goes.
      const log = (when: string) => (usage: string) => connection.console.info(`stridelint: memory ${when}: ${usage}.`);
      setTimeout(() => void clientCaughtUp(0).then(() => settleMemory(log('after the scan'), undefined, log('when idle after the scan'))), 100).unref();
    }
    const { threads, walked, listed, facts, lints, units } = steps;
    const ended = `threads at ${threads ?? '–'} ms, walked at ${walked ?? '–'} ms, listed at ${listed ?? '–'} ms, facts at ${facts ?? '–'}, lints at ${lints ?? '–'}, units at ${units ?? '–'}`;
    connection.console.info(`stridelint: scanned ${summary.files} files in ${summary.milliseconds} ms (${summary.findings} findings; ${summary.fromCache} from the cache; ${summary.workers ? `${summary.workers} worker threads, largest heap ${summary.workerPeakHeapMiB} MiB` : 'in the server thread'}; ${ended})${summary.cancelled ? ', cancelled' : ''}.`);
    return summary;
  }

  /**
   * Lints the listed files. Plain files go to the executor (worker threads) in two phases: every file's facts
   * (the persistent cache spares the parse of unchanged files; the host files' first, whose settings the others'
   * lints read), each file linted in the same parse against the facts its thread has seen, then every lint
   * checked against the whole index (linted again where an answer it got changed), so no reader keeps a lint
   * made before the facts it reads existed. Units (Helm charts, Kustomize builds) go to the executor
   * too, beside both phases (UnitScan); files under a baseline are linted afterwards in this thread. Open
   * documents are the scheduler's.
   */
  private async lintAll(work: Array<{ path: string; resource: ResourceSettings }>, summary: ScanSummary, cancelled: () => boolean, stepEnded: (step: keyof ScanSteps) => void, executor: ScanExecutor, cache: LintCache | undefined, progress?: WorkDoneProgressServerReporter, listed?: Map<string, Dirent[]>): Promise<void> {
    const { state, configs, linter, facts, connection } = this.parts;
    // Units (charts, kustomizations) take theirs from it too, from the first question of which file is in one.
    const unitCache = cache && new UnitScanCache(cache);
    for (const provider of this.parts.units) provider.useScanCache?.(unitCache);
    const open = state.openByPath();
    const plain: PlainFile[] = [];
    const inThread: typeof work = [];
    let changedSinceLoad: ReturnType<WorkspaceFactsStore['watchChanges']> | undefined;
    try {
      const units = new UnitScan(
        this.parts,
        (count) => {
          tally(count);
          step();
        },
        (files) => (summary.fromCache += files),
      );
      // Sorting 10,000 files into units reads folders (Chart.yaml, kustomizations): in slices, keystrokes go first.
      this.parts.kustomize.useListing(listed);
      this.parts.charts.useListing(listed);
      let sliceStart = Date.now();
      for (const item of work) {
        if (Date.now() - sliceStart > SCAN_SLICE_MS) {
          await yieldToEventLoop();
          sliceStart = Date.now();
        }
        if (open.has(item.path)) continue;
        const config = configs.configFor(item.path, item.resource.settings);
        if (config.baseline) inThread.push(item);
        else if (!units.claim(item)) plain.push({ ...item, config, settingsKey: settingsDigest(withSettings(config, item.resource.settings)) });
      }
      this.parts.kustomize.useListing(undefined);
      this.parts.charts.useListing(undefined);
      listed?.clear();
      stepEnded('listed');
      // Files beside open documents first: what the user is looking at fills in first.
      const openFolders = new Set([...open.keys()].map(folderOf));
      plain.sort((a, b) => Number(openFolders.has(folderOf(b.path))) - Number(openFolders.has(folderOf(a.path))));
      const total = work.length * 2;
      let done = 0;
      let reported = Date.now();
      function step() {
        done++;
        if (Date.now() - reported < 200) return;
        reported = Date.now();
        progress?.report(Math.floor((100 * done) / Math.max(1, total)), `${Math.min(done, total)} of ${total} steps`);
      }
      function tally(count: number | undefined) {
        if (count !== undefined) summary.files++;
        if (count) {
          summary.filesWithFindings++;
          summary.findings += count;
        }
      }
      // Units (charts, kustomizations) read no facts: they are linted beside both phases.
      const unitsDone = units.run(executor, cancelled, openFolders).then(() => stepEnded('units'));
      // Phase one: facts (from the cache when the file's bytes and settings are unchanged).
      const scanned = new Map<string, FileFacts | undefined>();
      const cached = new Map<string, StoredScanEntry>();
      const factsKeys = new Map<string, string>();
      const stamps = new Map<string, string>();
      const reparse: FactsItem[] = [];
      const took = (item: FactsItem, result: FactsOutcome) => {
        const entry = result.unchanged && result.key && cache ? storedScanEntry(cache, item.path, result.key) : undefined;
        if (result.unchanged && !entry) reparse.push({ ...item, cachedKey: undefined }); // a damaged entry: parse after all
        else scanned.set(item.path, entry ? (entry.facts ?? undefined) : result.facts);
        if (entry) cached.set(item.path, entry);
        if (result.key) factsKeys.set(item.path, result.key);
        if (result.key && result.stamp) {
          stamps.set(item.path, result.stamp);
          if (entry) cache?.restamp(item.path, result.key, result.stamp); // hashed again, unchanged: stamped now
        }
        step();
      };
      const factsOf = (items: FactsItem[]) => executor.run({ task: 'facts', items, cancelled, onResult: took, onFailure: (item) => scanned.set(item.path, undefined) });
      // Files the kustomizations cover are theirs (as files of a unit, no facts of their own): the builds come
      // first (charts keep the other threads busy meanwhile), so no thread lints such a file against its facts.
      const covered = await units.kustomizeCovers();
      if (cancelled()) return;
      // Files whose stat stamp is the one the cache keeps are not read (nor a worker started for them).
      const items = plain.filter((file) => !covered(file.path)).map((file) => ({ path: file.path, config: file.config, settingsKey: file.settingsKey, cachedKey: cache?.keyOf(file.path), lintConfig: withSettings(file.config, file.resource.settings) }));
      // The host files first, without their lints (they read their own settings together): phase two lints them.
      const hostItems: FactsItem[] = [];
      const otherItems: FactsItem[] = [];
      for (const item of items) {
        const kind = detectKind(item.path, '', { kindGlobs: item.config.files });
        (kind !== undefined && HOST_KINDS.has(kind) ? hostItems : otherItems).push(item);
      }
      await factsOf(await answerByStamp(hostItems.map((item) => ({ ...item, lintConfig: undefined })), cache, took));
      if (reparse.length > 0) await factsOf(reparse.splice(0));
      executor.setHost([...scanned].filter((entry): entry is [string, FileFacts] => entry[1] !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      await factsOf(await answerByStamp(otherItems, cache, took));
      if (reparse.length > 0) await factsOf(reparse.splice(0));
      if (cancelled()) return;
      stepEnded('facts');
      const openNow = state.openByPath();
      facts.loadScan(scanned, (path) => openNow.has(path));
      // The threads lint against the index as loaded now: a fact that changes meanwhile (a file deleted or
      // changed on disk, an open document edited) makes the lints that read it stale.
      changedSinceLoad = facts.watchChanges();
      const changed = changedSinceLoad.changed;
      const isStale = (reads: readonly string[]) => changed.size > 0 && reads.some((key) => changed.has(key));
      // Phase two: each file's lint (the held one where it stands), unless the cache has it and the facts it read are the same.
      const showWith = (file: PlainFile, kind: ScanCacheEntry['kind'] | undefined, reads: string[], shown: () => number | undefined) => {
        if (state.documents.get(pathToUri(file.path))) return; // opened meanwhile: the scheduler has it
        facts.recordReads(file.path, reads, kind ?? undefined);
        tally(shown());
        if (isStale(reads)) facts.relintLater(file.path); // shown now, linted again against the facts as they are
      };
      const show = (file: PlainFile, kind: ScanCacheEntry['kind'] | undefined, findings: ScanCacheEntry['findings'], reads: string[], diagnosticsJson?: string) => {
        const { settings } = file.resource;
        showWith(file, kind, reads, () => linter.showDiskResult(file.path, file.config, kind ?? undefined, filterCategories(findings, settings), filtersCategories(settings) ? undefined : diagnosticsJson));
      };
      // A file from the cache: its stored diagnostics published as they are (its findings parsed only when read).
      const showStored = (file: PlainFile, entry: StoredScanEntry) => showWith(file, entry.kind, entry.reads, () => linter.showStoredResult(file.path, file.config, entry, file.resource.settings));
      const linted = (file: PlainFile, result: LintOutcome | LintOutcomeJson) => {
        // Cached only when phase one's facts are of the same bytes (the file did not change in between) and no
        // fact it read changed since the threads' index was taken (its digest is of the facts as they are). The
        // diagnostics' JSON the cache keeps is published now too (made once; by the worker for a result as JSON).
        const cacheable = cache && result.key && result.key === factsKeys.get(file.path) && !isStale(result.reads);
        const head = () => ({ kind: result.kind ?? null, facts: scanned.get(file.path) ?? null, reads: result.reads, readsDigest: facts.digestOf(result.reads) ?? null });
        if ('findingsJson' in result) {
          showWith(file, result.kind, result.reads, () => linter.showStoredResult(file.path, file.config, result, file.resource.settings));
          if (cacheable) cache.setBytes(file.path, result.key as string, encodeScanEntryJson(head(), result.count, result.findingsJson, result.diagnosticsJson), stamps.get(file.path));
        } else {
          const diagnosticsJson = cacheable ? diagnosticsJsonOf(result.findings, result.kind) : undefined;
          show(file, result.kind, result.findings, result.reads, diagnosticsJson);
          if (cache && result.key && diagnosticsJson !== undefined) cache.setBytes(file.path, result.key, encodeScanEntry({ ...head(), findings: result.findings }, diagnosticsJson), stamps.get(file.path));
        }
        step();
      };
      const toLint: PlainFile[] = [];
      sliceStart = Date.now();
      for (const file of plain) {
        if (Date.now() - sliceStart > SCAN_SLICE_MS) {
          await yieldToEventLoop();
          await clientCaughtUp(); // a warm start publishes most files here: not faster than the client reads them
          if (cancelled()) return;
          sliceStart = Date.now();
        }
        if (covered(file.path)) continue;
        const entry = cached.get(file.path);
        if (entry && entry.readsDigest !== null && entry.readsDigest === facts.digestOf(entry.reads)) {
          showStored(file, entry);
          summary.fromCache++;
          step();
        } else if (scanned.has(file.path)) toLint.push(file);
      }
      if (toLint.length > 0) executor.setIndex(facts.entries()); // a warm start may have nothing to lint
      const byPath = new Map(toLint.map((file) => [file.path, file]));
      await executor.run({
        task: 'lint',
        inFlight: 2,
        // As JSON unless a category filter applies (the filter reads the findings).
        items: toLint.map((file) => ({ path: file.path, config: withSettings(file.config, file.resource.settings), settingsKey: file.settingsKey, json: !filtersCategories(file.resource.settings) })),
        cancelled,
        onResult: (item, result) => linted(byPath.get(item.path) as PlainFile, result),
        onFailure: (item, reason) => {
          const file = byPath.get(item.path) as PlainFile;
          show(file, undefined, [notAnalysed(reason)], []);
          step();
        },
      });
      stepEnded('lints');
      await unitsDone;
      // Baselined files, in this thread.
      sliceStart = Date.now();
      for (const item of inThread) {
        if (cancelled()) return;
        tally(linter.lintFromDisk(item.path, item.resource));
        step();
        if (Date.now() - sliceStart > SCAN_SLICE_MS) {
          await yieldToEventLoop();
          sliceStart = Date.now();
        }
      }
    } finally {
      changedSinceLoad?.stop();
      this.parts.kustomize.useListing(undefined);
      this.parts.charts.useListing(undefined);
      summary.workerPeakHeapMiB = Math.round(executor.workerPeakHeap / 1048576);
      executor.close();
      summary.fromCache += inThread.filter((item) => unitCache?.served.has(item.path)).length;
      for (const provider of this.parts.units) {
        provider.useScanCache?.(undefined);
        provider.scanDone?.();
      }
      // What the scan published goes to the client first: the save (tens of MB encoded and written) would take
      // the thread from the last diagnostics. A client that stops reading delays it ≤ 2 s. The save goes in slices,
      // keystrokes answered between them.
      if (cache && !cancelled()) await clientCaughtUp(0, 2000);
      try {
        await cache?.saveInSlices(yieldToEventLoop, SAVE_SLICE_MS);
      } catch (error) {
        connection.console.warn(`stridelint: could not write the scan cache (${(error as Error).message}).`);
      }
    }
  }

  /** Worker threads (the `stridelint.scan.workers` setting, default min(cores, 4)), or this thread for 0 or 1. */
  private executor(summary: ScanSummary, resource: ResourceSettings | undefined): ScanExecutor {
    const { rules, bundledRules } = this.parts;
    const count = resource?.settings.scanWorkers ?? Math.min(availableParallelism(), 4);
    if (count <= 1 || rules !== bundledRules || !existsSync(WORKER_SCRIPT)) return new InlineExecutor(rules);
    summary.workers = count;
    return new WorkerPool({ script: WORKER_SCRIPT, size: count });
  }

  /** The candidate files of every enabled folder, with the settings they are linted under. */
  private async listWork(cancelled: () => boolean, listed?: Map<string, Dirent[]>, firstEnabled?: (resource: ResourceSettings) => void): Promise<Array<{ path: string; resource: ResourceSettings }>> {
    const { folders, settings, configs } = this.parts;
    const work: Array<{ path: string; resource: ResourceSettings }> = [];
    for (const folder of folders.all()) {
      const resource = await settings.settingsFor(folder.uri);
      if (!resource.settings.enable) continue;
      if (firstEnabled) {
        firstEnabled(resource);
        firstEnabled = undefined;
      }
      const globs = [...resource.filesExclude, ...resource.settings.exclude];
      const excluded = (path: string) => {
        const relative = relativeTo(folder.path, path);
        return relative !== undefined && relative !== '' && isExcludedPath(relative, globs);
      };
      const files = await listFiles(folder.path, excluded, cancelled, undefined, listed);
      // The folders just read tell where a .stridelint.yaml is (two existsSync per folder were ≈ 0.1 s of a 10,000-file scan's start).
      configs.useListing(listed);
      try {
        let sliceStart = Date.now();
        for (const path of files) {
          if (Date.now() - sliceStart > SCAN_SLICE_MS) {
            await yieldToEventLoop();
            if (cancelled()) return work;
            sliceStart = Date.now();
          }
          const config = configs.configFor(path, resource.settings);
          if (!isIgnored(config, path) && isCandidateFile(path, config, relativeTo(config.baseDir || folder.path, path) ?? path)) work.push({ path, resource });
        }
      } finally {
        configs.useListing(undefined);
      }
    }
    return work;
  }
}
