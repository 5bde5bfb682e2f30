import { ALL_RULES } from '../../rules';
import { existsSync, readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { Finding, StridelintConfig } from '../../rules/engine';
import { kustomizeBuildOptions } from '../../rules/engine/kustomize/build-options';
import { lintKustomizations } from '../../rules/engine/kustomize/lint-kustomizations';
import { KUSTOMIZATION_FILE_NAMES } from '../../rules/models/kustomize/kustomization';
import type { SourceSet } from '../../rules/models/helm/source-map';
import { readKustomizeSources, rereadKustomizeSources, type KustomizeSources } from '../shared/kustomize-sources';
import { settingsDigest, sourceSetKey } from '../shared/lint-cache';
import { startRead, stampOfRead, type StampedSources } from '../shared/source-stamp';
import type { LintUnit, UnitFindings, UnitHost, UnitProvider } from './unit-provider';
import { compactFindings, isStoredUnit, storedUnit, storedUnitKey, type StoredUnit, type UnitScanCache } from './unit-scan-cache';

/** Folders never searched for kustomization files. */
const SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);
/** Folders searched per workspace folder at most (a kustomization deeper than a huge tree is not found). */
const MAX_FOLDERS = 20_000;

interface CachedLint {
  key: string;
  /** Findings by file; compact (no fix edits) when no file of the unit was open. */
  findings: ReadonlyMap<string, Finding[]>;
  /** Every file of a leaf build (kustomization files and inputs) and every file with findings. */
  members: Set<string>;
  /** Whether they came from the scan's persistent cache (counted per file served). */
  fromScanCache: boolean;
}

/**
 * Kustomize overlays in the language server. The unit is a workspace folder's kustomizations: every leaf is
 * built and linted together (lintKustomizations), because a base belongs to each overlay that includes it
 * and its findings are reported once naming them all. A change to any file of a build, open (unsaved text
 * wins) or on disk, re-builds and re-publishes every file of the unit, so editing a patch updates the base's
 * diagnostics. Files no build reads are not part of it and keep single-file linting.
 */
export class KustomizeUnits implements UnitProvider {
  private readonly lints = new Map<string, CachedLint>();
  /** Workspace folder → kustomization directories found on disk (cleared on a rescan). */
  private readonly directories = new Map<string, string[]>();
  /** Workspace folder → the files read from disk for its builds (cleared when one changes on disk). */
  private readonly diskSources = new Map<string, KustomizeSources>();
  private scanCache?: UnitScanCache;
  /** The scan's listing of the workspace folders, while it sorts files into units: folders read there are not read again. */
  private listing?: ReadonlyMap<string, Dirent[]>;
  private readonly diskGeneration = new Map<string, number>();

  constructor(
    private readonly host: UnitHost,
    /** The workspace folder holding a path (the unit's boundary: nothing outside it is read). */
    private readonly folderOf: (path: string) => string | undefined,
  ) {}

  unitOf(path: string, config: StridelintConfig): LintUnit | undefined {
    const root = this.folderOf(path);
    if (root === undefined || this.kustomizationDirs(root).length === 0) return undefined;
    const known = this.lints.get(root) ?? this.lint(root, config);
    return known.members.has(path) || isKustomizationFile(path) ? { root, anchor: this.anchorOf(root) } : undefined;
  }

  findingsFor(path: string, unit: LintUnit, config: StridelintConfig): UnitFindings {
    const lint = this.lint(unit.root, config);
    if (lint.fromScanCache && this.scanCache) this.scanCache.served.add(path);
    return { kind: 'kubernetes', findings: lint.findings.get(path) ?? [] };
  }

  useScanCache(cache: UnitScanCache | undefined): void {
    this.scanCache = cache;
  }

  /** The workspace scan's listing (folder → its entries as read), while the scan sorts files into units; undefined after. */
  useListing(listing: ReadonlyMap<string, Dirent[]> | undefined): void {
    this.listing = listing;
  }

  diskChanged(path: string): LintUnit | undefined {
    const root = [...this.lints.keys()].find((candidate) => path.startsWith(`${candidate}/`));
    if (!root) return undefined;
    const cached = this.lints.get(root);
    if (isKustomizationFile(path)) this.directories.delete(root);
    else if (!cached?.members.has(path) && !this.kustomizationDirs(root).some((dir) => path.startsWith(`${dir}/`))) return undefined;
    this.diskSources.delete(root);
    this.diskGeneration.set(root, (this.diskGeneration.get(root) ?? 0) + 1);
    return { root, anchor: this.anchorOf(root) };
  }

  /** The unit's first kustomization file: its configuration governs the builds; linting it re-lints the unit. */
  anchorOf(root: string): string {
    const dir = this.kustomizationDirs(root)[0];
    const open = this.host.openDocuments();
    return KUSTOMIZATION_FILE_NAMES.map((name) => `${dir}/${name}`).find((file) => open.has(file) || existsSync(file)) ?? `${dir}/kustomization.yaml`;
  }

  rescan(): void {
    this.directories.clear();
    this.diskSources.clear();
    for (const root of this.lints.keys()) this.diskGeneration.set(root, (this.diskGeneration.get(root) ?? 0) + 1);
  }

  private lint(root: string, config: StridelintConfig): CachedLint {
    const request = this.scanRequest(root, config);
    const cached = this.lints.get(root);
    if (cached && cached.key === request.key) return cached;
    const stored = request.overlay.length === 0 ? this.scanCached(root, config, request.dirs) : undefined;
    if (stored) return this.keep(root, request.key, new Map(stored.findings), new Set(stored.members), () => false, true);
    const build = kustomizeBuildOptions(config);
    const read = startRead();
    const disk = this.diskSources.get(root) ?? readKustomizeSources(request.dirs, { maxBytes: Math.max(config.maxFileSize, 20_000_000), boundary: root, build, listed: read.listed });
    const fresh = !this.diskSources.has(root);
    // The files read are kept for the next keystroke only while a file of the unit is open.
    if (request.overlay.length > 0) this.diskSources.set(root, disk);
    else this.diskSources.delete(root);
    const sources: SourceSet = { files: new Map([...disk.files, ...request.overlay]) };
    const result = lintKustomizations(sources, { config, build, dirs: request.dirs, rules: ALL_RULES });
    const members = new Set([...result.builds.flatMap((b) => [...b.result.kustomizations, ...b.result.inputs]), ...result.findings.keys()]);
    if (request.overlay.length > 0) return this.keep(root, request.key, result.findings, members, () => false);
    const findings = compactFindings(result.findings);
    this.storeScan(root, config, request.dirs, storedUnit(disk, members, findings), fresh ? stampOfRead(read.finish(), settingsDigest(config)) : undefined);
    return this.keep(root, request.key, findings, members, () => false);
  }

  /**
   * The unit from the scan's persistent cache: the files its builds read last time are read again (without
   * building) and used only when every one of them is the same, so the builds would ask for the same paths.
   */
  scanCached(root: string, config: StridelintConfig, dirs: string[]): StoredUnit | undefined {
    const cache = this.scanCache;
    const stored = cache?.get(root, 'kustomize', storedUnitKey(root, config, dirs), isStoredUnit);
    if (!cache || !stored) return undefined;
    // Every path the last read met keeps its stamp: the same files, not read again.
    if (cache.keyByStamp(root, 'kustomize', settingsDigest(config)) !== stored.sourcesKey) {
      const read = startRead();
      const reread = rereadKustomizeSources(dirs, stored.fetched, { maxBytes: Math.max(config.maxFileSize, 20_000_000), boundary: root, build: kustomizeBuildOptions(config), listed: read.listed });
      if (sourceSetKey([], reread.files) !== stored.sourcesKey) return undefined;
      cache.stamp(root, 'kustomize', stored.sourcesKey, stampOfRead(read.finish(), settingsDigest(config)));
    }
    for (const [file] of stored.findings) cache.served.add(file);
    return stored;
  }

  /** Stores a lint of the unit with nothing of it open (here or in a scan's worker) in the scan's persistent cache, with its read's stamp. */
  storeScan(root: string, config: StridelintConfig, dirs: string[], unit: StoredUnit, sources?: StampedSources): void {
    this.scanCache?.set(root, 'kustomize', storedUnitKey(root, config, dirs), unit);
    if (sources) this.scanCache?.stamp(root, 'kustomize', unit.sourcesKey, sources);
  }

  /**
   * What a lint of the folder's kustomizations elsewhere (a scan's worker) needs — their folders, the open
   * documents a build reads (or could) — and its cache key; undefined when the folder has none.
   */
  scanRequest(root: string, config: StridelintConfig): { dirs: string[]; overlay: Array<[string, string]>; key: string } {
    const cached = this.lints.get(root);
    const dirs = this.kustomizationDirs(root);
    // Only open documents that a build reads (or could: under a kustomization folder) change the result.
    const relevant = (path: string) => cached?.members.has(path) || isKustomizationFile(path) || dirs.some((dir) => path.startsWith(`${dir}/`));
    const overlay: Array<[string, string]> = [];
    const versions: string[] = [];
    for (const [path, document] of this.host.openDocuments()) {
      if (!path.startsWith(`${root}/`) || !relevant(path)) continue;
      overlay.push([path, document.text]);
      versions.push(`${path}@${document.version}`);
    }
    return { dirs, overlay, key: `${this.diskGeneration.get(root) ?? 0}|${dirs.join(',')}|${versions.sort().join(',')}|${JSON.stringify(config.kustomize)}|${JSON.stringify(config.rules)}` };
  }

  /** Whether a workspace folder has kustomizations (a unit to lint). Asked per scanned file: no merged list built. */
  hasKustomizations(root: string): boolean {
    let dirs = this.directories.get(root);
    if (!dirs) this.directories.set(root, (dirs = findKustomizationDirs(root, this.listing)));
    if (dirs.length > 0) return true;
    for (const path of this.host.openDocuments().keys()) if (path.startsWith(`${root}/`) && isKustomizationFile(path)) return true;
    return false;
  }

  /** A lint done elsewhere under `key` (from scanRequest), kept as the folder's last; files the caller does not show are shown. Returns its files. */
  adoptScan(root: string, key: string, findings: ReadonlyMap<string, Finding[]>, members: ReadonlySet<string>, shownByCaller: (path: string) => boolean, fromScanCache = false): (path: string) => boolean {
    this.keep(root, key, findings, members, shownByCaller, fromScanCache);
    return (path) => members.has(path) || isKustomizationFile(path);
  }

  private keep(root: string, key: string, findings: ReadonlyMap<string, Finding[]>, members: ReadonlySet<string>, shownByCaller: (path: string) => boolean, fromScanCache = false): CachedLint {
    const before = this.lints.get(root)?.findings;
    const entry: CachedLint = { key, findings, members: new Set(members), fromScanCache };
    this.lints.set(root, entry);
    const open = this.host.openDocuments();
    for (const file of new Set([...(before?.keys() ?? []), ...findings.keys()])) {
      if (shownByCaller(file)) continue;
      if (open.has(file)) this.host.relintOpen(file);
      else this.host.publishClosed(file, 'kubernetes', findings.get(file) ?? []);
    }
    return entry;
  }

  /** Folders of the workspace folder holding a kustomization file (on disk, or open and unsaved). */
  private kustomizationDirs(root: string): string[] {
    let dirs = this.directories.get(root);
    if (!dirs) this.directories.set(root, (dirs = findKustomizationDirs(root, this.listing)));
    const opened = [...this.host.openDocuments().keys()].filter((path) => path.startsWith(`${root}/`) && isKustomizationFile(path)).map((path) => path.slice(0, path.lastIndexOf('/')));
    return [...new Set([...dirs, ...opened])].sort();
  }
}

function isKustomizationFile(path: string): boolean {
  return KUSTOMIZATION_FILE_NAMES.includes(path.slice(path.lastIndexOf('/') + 1));
}

/** `listing`: folders read already (the scan's listing), by path, with their entries in readdir's order. */
function findKustomizationDirs(root: string, listing?: ReadonlyMap<string, Dirent[]>): string[] {
  const found: string[] = [];
  const stack = [root];
  for (let visited = 0; stack.length > 0 && visited < MAX_FOLDERS; visited++) {
    const folder = stack.pop() as string;
    let entries = listing?.get(folder);
    try {
      entries ??= readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIPPED.has(entry.name)) stack.push(join(folder, entry.name).replace(/\\/g, '/'));
      else if (entry.isFile() && KUSTOMIZATION_FILE_NAMES.includes(entry.name)) found.push(folder);
    }
  }
  return found;
}
