import { existsSync, readFileSync, statSync } from 'node:fs';
import type { SourceSet } from '../../rules/models/helm/source-map';
import { buildKustomization, type KustomizeBuildOptions, type KustomizeBuildResult } from '../../rules/models/kustomize/build';
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
}

/** A source set and the paths outside the kustomizations' folders that its builds asked for, in the order read. */
export interface KustomizeSources extends SourceSet {
  fetched: string[];
  /**
   * Each directory's build on exactly these files (the last round's, when it asked for nothing more): a lint of
   * the same set takes them instead of building again (`KustomizeLintOptions.built`).
   */
  builds?: ReadonlyMap<string, KustomizeBuildResult>;
  /**
   * With `keep: 'lookups'`: each directory's paths its last build looked up, found or not (the last round's,
   * when it asked for nothing more). Builds whose lookups share no path read nothing of each other.
   */
  lookups?: ReadonlyMap<string, ReadonlySet<string>>;
}

export function readKustomizeSources(dirs: readonly string[], options: KustomizeSourceOptions): KustomizeSources {
  const files = initialSources(dirs, options);
  const fetched: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const missed = new Set<string>();
    const builds = new Map<string, KustomizeBuildResult>();
    const lookups = new Map<string, Set<string>>();
    for (const dir of dirs) {
      const looked = new Set<string>();
      // Only one build at a time is alive when only lookups are kept.
      const build = buildKustomization({ files: missRecorder(files, missed, options.keep === 'lookups' ? looked : undefined) }, dir, options.build);
      if (options.keep === 'lookups') lookups.set(dir, looked);
      else builds.set(dir, build);
    }
    let added = false;
    for (const path of missed) {
      if (files.has(path) || !withinBoundary(path, options)) continue;
      fetched.push(path);
      added = readMissing(path, files, options) || added;
    }
    if (!added) return options.keep === 'lookups' ? { files, fetched, lookups } : { files, fetched, builds };
    withOverlay(files, options);
  }
  return { files, fetched };
}

/**
 * The source set `readKustomizeSources` gave when its builds asked for `fetched`, read again without building:
 * the same set whenever the files are the same (the builds would ask for the same paths). A caller that cannot
 * tell (its cache key covers the set's contents) reads afresh when the set differs from the one it knew.
 */
export function rereadKustomizeSources(dirs: readonly string[], fetched: readonly string[], options: KustomizeSourceOptions): SourceSet {
  const files = initialSources(dirs, options);
  // The list comes from a cache file: a path outside the workspace is never read, whatever it says.
  for (const path of fetched) if (!files.has(path) && withinBoundary(path, options)) readMissing(path, files, options);
  withOverlay(files, options);
  return { files };
}

function initialSources(dirs: readonly string[], options: KustomizeSourceOptions): Map<string, string | Uint8Array> {
  const files = new Map<string, string | Uint8Array>();
  for (const dir of [...dirs].sort()) if (!dirs.some((other) => other !== dir && dir.startsWith(`${other}/`))) readTree(dir, limitsOf(options), files, options.listed);
  withOverlay(files, options);
  return files;
}

/** Inside the workspace: at or below the boundary, with no `..` step that could climb out of it. */
const withinBoundary = (path: string, options: KustomizeSourceOptions): boolean => (path === options.boundary || path.startsWith(`${options.boundary}/`)) && !path.split('/').includes('..');

const limitsOf = (options: KustomizeSourceOptions) => ({ maxBytes: options.maxBytes, maxFiles: MAX_FILES });

function withOverlay(files: Map<string, string | Uint8Array>, options: KustomizeSourceOptions): void {
  for (const [path, text] of options.overlay ?? []) if (path.startsWith(`${options.boundary}/`)) files.set(path, text);
}

/** Reads a path a build asked for (a folder with everything below it, or a file); true when it added files. */
function readMissing(path: string, files: Map<string, string | Uint8Array>, options: KustomizeSourceOptions): boolean {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      const before = files.size;
      readTree(path, limitsOf(options), files, options.listed);
      return files.size > before;
    }
    options.listed?.push(path);
    if (stat.isFile() && stat.size <= options.maxBytes) {
      files.set(path, readFileSync(path, 'utf8'));
      return true;
    }
  } catch {
    // not on disk either: the build reports it missing
    if (options.listed) options.listed.push(nearestExisting(path, options.boundary));
  }
  return false;
}

/** The nearest folder at or above `path`'s parent that exists, not above `boundary`. */
function nearestExisting(path: string, boundary: string): string {
  let folder = path.slice(0, Math.max(0, path.lastIndexOf('/')));
  while (folder.length > boundary.length && !existsSync(folder)) folder = folder.slice(0, Math.max(0, folder.lastIndexOf('/')));
  return folder.length >= boundary.length ? folder : boundary;
}

/** A view of `files` that records each path looked up and not found (what the build needs and lacks), and in `looked` every path looked up. */
function missRecorder(files: Map<string, string | Uint8Array>, missed: Set<string>, looked?: Set<string>): ReadonlyMap<string, string | Uint8Array> {
  return new Proxy(files, {
    get(target, property) {
      if (property === 'has' || property === 'get') {
        return (key: string) => {
          looked?.add(key);
          if (!target.has(key)) missed.add(key);
          return property === 'has' ? target.has(key) : target.get(key);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
