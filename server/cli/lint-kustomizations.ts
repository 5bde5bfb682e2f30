import { ALL_RULES } from '../../rules';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Finding, StridelintConfig, WorkspaceFacts } from '../../rules/engine';
import { detectKind } from '../../rules/engine/detect-kind';
import { kustomizeBuildOptions } from '../../rules/engine/kustomize/build-options';
import { kustomizationFiles } from '../../rules/engine/kustomize/leaf-builds';
import { lintKustomizations, type KustomizeLintResult } from '../../rules/engine/kustomize/lint-kustomizations';
import type { SourceSet } from '../../rules/models/helm/source-map';
import { keepingParsedDocuments } from '../../rules/models/kustomize/parse';
import { toPosix } from '../shared/config-loader';
import { readKustomizeSources, rereadKustomizeSources, type KustomizeSources } from '../shared/kustomize-sources';
import { entryStamp } from '../shared/file-stamp';
import { sourcesStamp, startRead, stampOfRead, type StampedSources } from '../shared/source-stamp';
import { independentGroups } from './kustomize-groups';
import { isCachedKustomizeRun, isPathList, withoutNewFileTexts } from './cached-result';
import { cacheKey, sectionEntry, settingsDigest, sourceSetKey, type LintCache } from '../shared/lint-cache';
import type { FileResult } from './report-model';
import { fixUnit, forDisplay } from './unit-results';
import { displayPath } from './walk';

export interface KustomizeRunOptions {
  /** The configuration of the run's kustomizations (that of the first kustomization file walked). */
  config: StridelintConfig;
  workspace: WorkspaceFacts;
  fix: boolean;
  /** With `fix`: suggestion fixes too, not only safe ones. */
  fixSuggestions?: boolean;
  cwd: string;
  /** --cache: the store and the run's part of the key (the builds' own inputs are added here). */
  cache?: { store: LintCache; key: string[] };
}

/** The run's kustomizations linted as units: which files their builds cover, and each file's findings. */
export interface KustomizeRun {
  /** True for a file whose findings all come from the builds (it is not linted alone). */
  covers(file: string): boolean;
  /** The builds' findings on a file that is also linted alone (a kustomization file of a failed build, an env file). */
  findingsOf(file: string): Finding[];
  /** File results for the covered files and for files outside the walk that have findings. */
  fileResults(walked: ReadonlySet<string>): FileResult[];
}

/**
 * Builds every leaf kustomization among the walked files, with the folders they reference read from disk
 * within the workspace (the repository holding them, else the working folder), and lints them as units.
 * With `fix`, safe fixes (and suggestions with `fixSuggestions`) are applied across the files of the builds (patches, bases) and the builds redone.
 */
export function lintKustomizeRun(walkedFiles: readonly string[], options: KustomizeRunOptions): KustomizeRun | undefined {
  const files = kustomizationFiles({ files: new Map(walkedFiles.map((file) => [file, ''])) });
  if (files.length === 0) return undefined;
  const dirs = files.map((file) => file.slice(0, file.lastIndexOf('/')));
  const build = kustomizeBuildOptions(options.config);
  const sourceOptions = { maxBytes: Math.max(options.config.maxFileSize, 20_000_000), boundary: workspaceOf(dirs[0], toPosix(options.cwd)), build };
  const run = (set: SourceSet, only: readonly string[] = dirs, known?: KustomizeSources['reads']): KustomizeLintResult => lintKustomizations(set, { config: options.config, workspace: options.workspace, build, dirs: only, rules: ALL_RULES, known });
  // --fix changes the files on disk: it neither reads nor writes the cache (the next run builds afresh).
  const cache = options.cache && !options.fix ? options.cache : undefined;
  // --cache: the builds are reused only when every file they read (path and content), the leaves and the
  // settings are the same. The set is first read as the last run's builds asked for it, without building.
  const runEntry = sectionEntry(files[0], 'kustomize-run');
  const sourcesEntry = sectionEntry(files[0], 'kustomize-sources');
  const sourcesKey = cache && cacheKey([...cache.key, settingsDigest(options.config), ...dirs]);
  const runKey = (set: SourceSet, store: { key: string[] }) => sourceSetKey([...store.key, settingsDigest(options.config), ...dirs], set.files);
  const stored = cache && sourcesKey ? cache.store.get(sourcesEntry, sourcesKey, isStoredSources) : undefined;
  // Every path the last read met keeps its stamp: the same files, so the builds' key stands without reading them.
  const byStamp = cache && stored && sourcesKey && cache.store.keyByStamp(sourcesEntry, sourcesStamp(stored.paths, '', (path) => entryStamp(path))) === sourcesKey ? stored.runKey : undefined;
  let reread: SourceSet | undefined;
  let rereadStamp: StampedSources | undefined;
  if (cache && stored && !byStamp) {
    const started = startRead();
    reread = rereadKustomizeSources(dirs, stored.fetched, { ...sourceOptions, listed: started.listed });
    rereadStamp = stampOfRead(started.finish(), '');
  }
  const storedRunKey = byStamp ?? (cache && reread ? runKey(reread, cache) : undefined);
  const cached = cache && storedRunKey ? cache.store.get(runEntry, storedRunKey, isCachedKustomizeRun) : undefined;
  // Read again and the same builds: the sources entry gets the read's stamp (the next run reads nothing).
  if (cached && stored && rereadStamp?.stamp && sourcesKey && storedRunKey === stored.runKey) cache?.store.set(sourcesEntry, sourcesKey, { ...stored, paths: rereadStamp.paths } satisfies StoredSources, rereadStamp.stamp);
  // Only the findings and the covered files are kept for the rest of the run, never the builds.
  let result: Pick<KustomizeLintResult, 'coveredFiles' | 'findings'>;
  if (cached) result = { coveredFiles: new Set(cached.covered), findings: new Map(cached.findings) };
  else {
    // Every round of reading and every build (reading, then linting) parse the same bases and patches: each text is parsed once.
    const started = startRead();
    const read = keepingParsedDocuments(() => {
      const sources = readKustomizeSources(dirs, { ...sourceOptions, keep: 'lookups', listed: started.listed });
      return { sources, result: options.fix ? keptOf(fixUnit(sources, run, (linted) => linted.findings, { suggestions: options.fixSuggestions })) : lintByGroups(sources, dirs, run) };
    });
    const sources = read.sources;
    result = read.result;
    if (cache && sourcesKey) {
      const key = runKey(sources, cache);
      const stamped = stampOfRead(started.finish(), '');
      cache.store.set(sourcesEntry, sourcesKey, { fetched: sources.fetched, paths: stamped.paths, runKey: key } satisfies StoredSources, stamped.stamp);
      cache.store.set(runEntry, key, { covered: [...result.coveredFiles], findings: [...result.findings].map(([file, list]) => [file, withoutNewFileTexts(list)]) });
    }
  }
  const shown = (file: string) => (result.findings.get(file) ?? []).map((finding) => forDisplay(finding, options.cwd));
  return {
    covers: (file) => result.coveredFiles.has(file),
    findingsOf: shown,
    fileResults: (walked) => {
      const reported = new Set([...result.coveredFiles, ...[...result.findings.keys()].filter((file) => !walked.has(file))]);
      return [...reported].sort().map((file) => ({ path: displayPath(file, options.cwd), kind: detectKind(file, '') ?? 'kubernetes', findings: shown(file) }));
    },
  };
}

/**
 * What the cache keeps of the builds' read under the sources key (the run's key, the settings and the leaves):
 * the paths the builds fetched from outside the leaves' folders (to read the same set again), every path the
 * read met (their stamps, one over all, are the entry's stamp), and the key of the builds on that set.
 */
interface StoredSources {
  fetched: string[];
  paths: string[];
  runKey: string;
}

function isStoredSources(value: unknown): value is StoredSources {
  const stored = value as StoredSources;
  return typeof value === 'object' && value !== null && isPathList(stored.fetched) && isPathList(stored.paths) && typeof stored.runKey === 'string';
}

/**
 * The builds linted a group at a time (`independentGroups`), so that memory holds one group's builds, not the
 * run's: the same findings as one lint of every directory. Without the builds' lookups (the reader gave up
 * after its last round), one lint of every directory.
 */
function lintByGroups(sources: KustomizeSources, dirs: readonly string[], run: (set: SourceSet, only: readonly string[], known?: KustomizeSources['reads']) => KustomizeLintResult): Pick<KustomizeLintResult, 'coveredFiles' | 'findings'> {
  const groups = sources.lookups ? independentGroups(dirs, sources.lookups) : [dirs];
  const findings = new Map<string, Finding[]>();
  const coveredFiles = new Set<string>();
  for (const group of groups) {
    // What the reader's last builds read tells the bases from the leaves: only the leaves are built again.
    const linted = run(sources, group, sources.reads);
    // A file's findings all come from one group: the groups share no file.
    for (const [file, list] of linted.findings) findings.set(file, [...(findings.get(file) ?? []), ...list]);
    for (const file of linted.coveredFiles) coveredFiles.add(file);
  }
  return { coveredFiles, findings };
}

function keptOf(result: KustomizeLintResult): Pick<KustomizeLintResult, 'coveredFiles' | 'findings'> {
  return { coveredFiles: result.coveredFiles, findings: result.findings };
}

/** The folder holding `.git` above `dir`; else the working folder when `dir` is inside it; else `dir`. */
function workspaceOf(dir: string, cwd: string): string {
  for (let folder = dir, depth = 0; depth < 30; folder = dirname(folder), depth++) {
    if (existsSync(`${folder}/.git`)) return folder;
    if (dirname(folder) === folder) break;
  }
  return dir.startsWith(`${cwd}/`) ? cwd : dir;
}
