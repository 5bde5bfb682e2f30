import { readFileSync, statSync } from 'node:fs';
import type { SourceSet } from '../../rules/models/helm/source-map';
import { buildKustomization, type KustomizeBuildOptions } from '../../rules/models/kustomize/build';
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
}

export function readKustomizeSources(dirs: readonly string[], options: KustomizeSourceOptions): SourceSet {
  const files = new Map<string, string | Uint8Array>();
  const limits = { maxBytes: options.maxBytes, maxFiles: MAX_FILES };
  for (const dir of [...dirs].sort()) if (!dirs.some((other) => other !== dir && dir.startsWith(`${other}/`))) readTree(dir, limits, files);
  const withOverlay = () => {
    for (const [path, text] of options.overlay ?? []) if (path.startsWith(`${options.boundary}/`)) files.set(path, text);
  };
  withOverlay();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const missed = new Set<string>();
    for (const dir of dirs) buildKustomization({ files: missRecorder(files, missed) }, dir, options.build);
    let added = false;
    for (const path of missed) {
      if (files.has(path) || !(path === options.boundary || path.startsWith(`${options.boundary}/`))) continue;
      try {
        const stat = statSync(path);
        if (stat.isDirectory()) {
          const before = files.size;
          readTree(path, limits, files);
          added ||= files.size > before;
        } else if (stat.isFile() && stat.size <= options.maxBytes) {
          files.set(path, readFileSync(path, 'utf8'));
          added = true;
        }
      } catch {
        // not on disk either: the build reports it missing
      }
    }
    if (!added) break;
    withOverlay();
  }
  return { files };
}

/** A view of `files` that records each path looked up and not found (what the build needs and lacks). */
function missRecorder(files: Map<string, string | Uint8Array>, missed: Set<string>): ReadonlyMap<string, string | Uint8Array> {
  return new Proxy(files, {
    get(target, property) {
      if (property === 'has' || property === 'get') {
        return (key: string) => {
          if (!target.has(key)) missed.add(key);
          return property === 'has' ? target.has(key) : target.get(key);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
