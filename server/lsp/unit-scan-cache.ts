import type { Finding } from '../../rules/engine';
import { isArrayOf, isFinding, isString } from '../shared/finding-shape';
import { sectionEntry, type LintCache } from '../shared/lint-cache';
import { withoutFixes } from './scan-task';

/** A unit's findings per file, compact (no fix edits: a file's fixes are recomputed when it is opened). */
export type FileFindings = Array<[string, Finding[]]>;

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

  constructor(private readonly store: LintCache) {}

  get<T>(root: string, section: string, key: string, isValid: (value: unknown) => value is T): T | undefined {
    return this.store.get(sectionEntry(root, section), key, isValid);
  }

  set(root: string, section: string, key: string, value: unknown): void {
    this.store.set(sectionEntry(root, section), key, value);
  }
}
