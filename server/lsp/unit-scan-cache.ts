import type { Finding, StridelintConfig } from '../../rules/engine';
import { isArrayOf, isFinding, isObject, isString } from '../shared/finding-shape';
import type { KustomizeSources } from '../shared/kustomize-sources';
import { cacheKey, sectionEntry, settingsDigest, sourceSetKey, type LintCache } from '../shared/lint-cache';
import { withoutFixes } from './scan-task';
import { scanStamps, sourcesStamp, type StampedSources } from '../shared/source-stamp';

/** A unit's findings per file, compact (no fix edits: a file's fixes are recomputed when it is opened). */
export type FileFindings = Array<[string, Finding[]]>;

const isStrings = (value: unknown): value is string[] => isArrayOf(value, isString);

export function isFileFindings(value: unknown): value is FileFindings {
  return isArrayOf(value, (entry) => Array.isArray(entry) && entry.length === 2 && isString(entry[0]) && isArrayOf(entry[1], isFinding));
}

export function compactFindings(findings: ReadonlyMap<string, readonly Finding[]>): Map<string, Finding[]> {
  return new Map([...findings].map(([file, list]) => [file, list.map(withoutFixes)]));
}

/**
 * The workspace scan's persistent cache as unit providers (Helm charts, Kustomize builds) see it while a scan
 * runs: one entry per unit, named by its root and the provider's section, under a key the provider derives from
 * everything the unit's lint read. Records the files whose findings it served, for the scan's summary.
 */
export class UnitScanCache {
  /** Files whose findings came from a cached unit. */
  readonly served = new Set<string>();
  private readonly stampOf = scanStamps();

  constructor(private readonly store: LintCache) {}

  /**
   * The unit's key without reading it: the key of its last read when every path that read met still has the
   * stamp it had then (one stat each); undefined when any changed, or no stamp was kept.
   */
  keyByStamp(root: string, section: string, settingsKey: string): string | undefined {
    const name = sectionEntry(root, `${section}-sources`);
    const key = this.store.keyOf(name);
    const paths = key === undefined ? undefined : this.store.get(name, key, isStrings);
    if (key === undefined || !paths) return undefined;
    return this.store.keyByStamp(name, sourcesStamp(paths, settingsKey, this.stampOf)) === key ? key : undefined;
  }

  /** Keeps the stamp of the read that gave the unit `key` (see stampOfRead). */
  stamp(root: string, section: string, key: string, sources: StampedSources): void {
    this.store.set(sectionEntry(root, `${section}-sources`), key, sources.paths, sources.stamp);
  }

  /** Whether the cache holds the unit under any key (without one, nothing it reads could be served). */
  has(root: string, section: string): boolean {
    return this.store.keyOf(sectionEntry(root, section)) !== undefined;
  }

  get<T>(root: string, section: string, key: string, isValid: (value: unknown) => value is T): T | undefined {
    return this.store.get(sectionEntry(root, section), key, isValid);
  }

  set(root: string, section: string, key: string, value: unknown): void {
    this.store.set(sectionEntry(root, section), key, value);
  }
}

/** A chart's key in the scan's persistent cache: its settings, its root and every file its render reads (a worker computes it too). */
export function chartUnitKey(root: string, config: StridelintConfig, files: ReadonlyMap<string, string | Uint8Array>): string {
  return sourceSetKey([settingsDigest(config), root], files);
}

/**
 * A unit in the scan's persistent cache (under a key of its settings and kustomization folders): the paths
 * outside those folders its builds asked for, the key of the whole source set that gave, and the result.
 */
export interface StoredUnit {
  fetched: string[];
  sourcesKey: string;
  members: string[];
  findings: FileFindings;
}

export function isStoredUnit(value: unknown): value is StoredUnit {
  return isObject(value) && isArrayOf(value.fetched, isString) && isString(value.sourcesKey) && isArrayOf(value.members, isString) && isFileFindings(value.findings);
}

/** What the scan's persistent cache keeps of a unit's lint: the paths fetched outside its folders, the key of all it read, its result. */
export function storedUnit(disk: KustomizeSources, members: Iterable<string>, findings: ReadonlyMap<string, Finding[]>): StoredUnit {
  return { fetched: disk.fetched, sourcesKey: sourceSetKey([], disk.files), members: [...members], findings: [...findings] };
}

export function storedUnitKey(root: string, config: StridelintConfig, dirs: readonly string[]): string {
  return cacheKey([settingsDigest(config), root, ...dirs]);
}
