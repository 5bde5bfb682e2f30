import { existsSync, readFileSync, statSync, type BigIntStats } from 'node:fs';
import type { SourceSet } from '../../rules/models/helm/source-map';
import { buildKustomization, type KustomizeBuildOptions, type KustomizeBuildResult } from '../../rules/models/kustomize/build';
import type { KustomizationReads } from '../../rules/engine/kustomize/leaf-builds';
import { ListedFolders } from './listed-folders';
import { readTree } from './source-tree';

/**
 * The adapters' side of kustomizations: the read-only source set their builds read. It starts with the
 * folders of the kustomizations (and everything below them), then adds what a build asks for and does not
 * find there — a `../../common` folder, a patch beside the overlay's parent — for a few rounds, never beyond
 * `boundary` (the workspace): what lies outside stays missing and the build says so.
 */

/** Files read into one source set at most. */
const MAX_FILES = 20_000;
/** Rounds of "build, read what it missed" (each round follows one more level of `../` references). */
const MAX_ROUNDS = 4;

export interface KustomizeSourceOptions {
  maxBytes: number;
  /** Only paths at or below this folder are read (the workspace or the linted root). */
  boundary: string;
  build: KustomizeBuildOptions;
  /** The editor's unsaved documents: path → text; they win over the disk. */
  overlay?: ReadonlyMap<string, string>;
  /**
   * What to keep of the last round's builds: the builds (default), or only the paths each looked up
   * (`lookups`), for a caller that lints the builds a few at a time and must not hold them all (the CLI).
   */
  keep?: 'builds' | 'lookups';
  /**
   * Gets every path whose change could change the set: each folder listed, each file met, and for a path asked
   * for and missing, its nearest folder on disk (the path appearing changes that folder).
   */
  listed?: string[];
  /** Gets the stats of each file a folder's read took just before reading it (readTree's `statted`), for the stamp of `listed`. */
  statted?: Map<string, BigIntStats>;
}

/** A source set and the paths outside the kustomizations' folders that its builds asked for, in the order read. */
export interface KustomizeSources extends SourceSet {
  fetched: string[];
  /**
   * Each directory's build on exactly these files (the last round's, when it asked for nothing more), not printed
   * (`printedBuild`): a lint of the same set takes them instead of building again (`KustomizeLintOptions.built`).
   */
  builds?: ReadonlyMap<string, KustomizeBuildResult>;
  /**
   * With `keep: 'lookups'`: each directory's paths its last build looked up, found or not (the last round's,
   * when it asked for nothing more). Builds whose lookups share no path read nothing of each other.
   */
  lookups?: ReadonlyMap<string, ReadonlySet<string>>;
  /** With `keep: 'lookups'`: what each directory's last build read of kustomization files (`KustomizeLintOptions.known`). */
  reads?: ReadonlyMap<string, KustomizationReads>;
}

export function readKustomizeSources(dirs: readonly string[], options: KustomizeSourceOptions): KustomizeSources {
  const disk = new ListedFolders();
  const files = initialSources(dirs, options, disk);
  const folders = foldersOf(files.keys());
  const fetched: string[] = [];
  const builds = new Map<string, KustomizeBuildResult>();
  const asked = new Map<string, BuildQuestions>();
  const reads = new Map<string, KustomizationReads>();
  let changed: Set<string> | undefined;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const missed = new Set<string>();
    for (const dir of dirs) {
      const before = asked.get(dir);
      // A build whose every question has the same answer on the grown set is the same build: kept, its misses again missed.
      if (before && changed && !answersChanged(before, changed)) {
        for (const path of before.missed) missed.add(path);
        continue;
      }
      const questions: BuildQuestions = { looked: new Set(), folders: new Set(), missed: new Set() };
      // Not printed: most builds are of a round before the last or of a folder another one reads (no leaf), and the lint prints the leaves it takes.
      const build = buildKustomization({ files: questionRecorder(files, folders, questions) }, dir, options.build, { printed: false });
      for (const path of questions.missed) missed.add(path);
      asked.set(dir, questions);
      if (options.keep !== 'lookups') builds.set(dir, build);
      else reads.set(dir, { kustomizations: build.kustomizations, problems: build.problems });
    }
    const sizeBefore = files.size;
    const keysBefore = new Set(files.keys());
    let added = false;
    for (const path of missed) {
      if (files.has(path) || !withinBoundary(path, options)) continue;
      fetched.push(path);
      added = readMissing(path, files, options, disk) || added;
    }
    if (!added) return options.keep === 'lookups' ? { files, fetched, lookups: new Map([...asked].map(([dir, questions]) => [dir, questions.looked])), reads } : { files, fetched, builds };
    withOverlay(files, options);
    changed = changedAnswers(files, keysBefore, sizeBefore);
    for (const answer of changed) if (answer.endsWith('/')) folders.add(answer);
  }
  return { files, fetched };
}

/** What one build asked of the source set: paths looked up (found or not), folders listed, paths missed. */
interface BuildQuestions {
  looked: Set<string>;
  /** Folders (`dir/`) whose existence the build asked (`isDirectory`): any file added below one changes the answer. */
  folders: Set<string>;
  missed: Set<string>;
}

/** Every folder (`dir/`) with a file below it: the folders `isDirectory` finds by looking through the keys. */
function foldersOf(paths: Iterable<string>): Set<string> {
  const folders = new Set<string>();
  for (const path of paths) for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) folders.add(path.slice(0, slash + 1));
  return folders;
}

/** The questions whose answer a round's new files changed: each new path, and `folder/` for each folder above one. */
function changedAnswers(files: ReadonlyMap<string, unknown>, keysBefore: ReadonlySet<string>, sizeBefore: number): Set<string> {
  const changed = new Set<string>();
  if (files.size === sizeBefore) return changed;
  for (const path of files.keys()) {
    if (keysBefore.has(path)) continue;
    changed.add(path);
    for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) changed.add(path.slice(0, slash + 1));
  }
  return changed;
}

/** Files are only ever added to the set, and a build reads nothing else: its answers change only where a new file lies. */
function answersChanged(questions: BuildQuestions, changed: ReadonlySet<string>): boolean {
  for (const path of questions.looked) if (changed.has(path)) return true;
  for (const folder of questions.folders) if (changed.has(folder)) return true;
  return false;
}

/**
 * The source set `readKustomizeSources` gave when its builds asked for `fetched`, read again without building:
 * the same set whenever the files are the same (the builds would ask for the same paths). A caller that cannot
 * tell (its cache key covers the set's contents) reads afresh when the set differs from the one it knew.
 */
export function rereadKustomizeSources(dirs: readonly string[], fetched: readonly string[], options: KustomizeSourceOptions): SourceSet {
  const disk = new ListedFolders();
  const files = initialSources(dirs, options, disk);
  // The list comes from a cache file: a path outside the workspace is never read, whatever it says.
  for (const path of fetched) if (!files.has(path) && withinBoundary(path, options)) readMissing(path, files, options, disk);
  withOverlay(files, options);
  return { files };
}

function initialSources(dirs: readonly string[], options: KustomizeSourceOptions, disk: ListedFolders): Map<string, string | Uint8Array> {
  const files = new Map<string, string | Uint8Array>();
  for (const dir of [...dirs].sort()) if (!dirs.some((other) => other !== dir && dir.startsWith(`${other}/`))) readFolder(dir, files, options, disk);
  withOverlay(files, options);
  return files;
}

/** Inside the workspace: at or below the boundary, with no `..` step that could climb out of it. */
const withinBoundary = (path: string, options: KustomizeSourceOptions): boolean => (path === options.boundary || path.startsWith(`${options.boundary}/`)) && !path.split('/').includes('..');

const limitsOf = (options: KustomizeSourceOptions) => ({ maxBytes: options.maxBytes, maxFiles: MAX_FILES });

function withOverlay(files: Map<string, string | Uint8Array>, options: KustomizeSourceOptions): void {
  for (const [path, text] of options.overlay ?? []) if (path.startsWith(`${options.boundary}/`)) files.set(path, text);
}

function readFolder(path: string, files: Map<string, string | Uint8Array>, options: KustomizeSourceOptions, disk: ListedFolders): void {
  disk.record((folders) => readTree(path, limitsOf(options), files, options.listed, options.statted, folders));
}

/**
 * Reads a path a build asked for (a folder with everything below it, or a file); true when it added files. What
 * the folders read already answer is not asked of the disk again: a build asks for every kustomization file name
 * in each folder and for a folder as a file first, most of them missing or read.
 */
function readMissing(path: string, files: Map<string, string | Uint8Array>, options: KustomizeSourceOptions, disk: ListedFolders): boolean {
  if (disk.readWhole(path)) return false;
  if (disk.lacks(path)) {
    if (options.listed) options.listed.push(nearestExisting(path, options.boundary, disk));
    return false;
  }
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      const before = files.size;
      readFolder(path, files, options, disk);
      return files.size > before;
    }
    options.listed?.push(path);
    if (stat.isFile() && stat.size <= options.maxBytes) {
      files.set(path, readFileSync(path, 'utf8'));
      return true;
    }
  } catch {
    // not on disk either: the build reports it missing
    if (options.listed) options.listed.push(nearestExisting(path, options.boundary, disk));
  }
  return false;
}

/** The nearest folder at or above `path`'s parent that exists, not above `boundary`. */
function nearestExisting(path: string, boundary: string, disk: ListedFolders): string {
  let folder = path.slice(0, Math.max(0, path.lastIndexOf('/')));
  while (folder.length > boundary.length && !disk.listed(folder) && !existsSync(folder)) folder = folder.slice(0, Math.max(0, folder.lastIndexOf('/')));
  return folder.length >= boundary.length ? folder : boundary;
}

/**
 * A view of `files` that records each question a build asks: every path looked up (and those not found), and
 * every folder probed (`isDirectory` asks `has('dir/')`, a key no file has, so that a view can see it). It answers
 * a folder probe from `folders` (the set's folders), so that `isDirectory` need not look through every key.
 */
function questionRecorder(files: Map<string, string | Uint8Array>, folders: ReadonlySet<string>, questions: BuildQuestions): ReadonlyMap<string, string | Uint8Array> {
  const asked = (key: string): void => {
    if (key.endsWith('/')) questions.folders.add(key);
    else {
      questions.looked.add(key);
      if (!files.has(key)) questions.missed.add(key);
    }
  };
  const has = (key: string): boolean => {
    asked(key);
    return files.has(key) || folders.has(key);
  };
  const get = (key: string): string | Uint8Array | undefined => {
    asked(key);
    return files.get(key);
  };
  return new Proxy(files, {
    get(target, property) {
      if (property === 'has') return has;
      if (property === 'get') return get;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
