import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { entryStamp, stampOfStats } from './file-stamp';

/**
 * What a unit's read met (every folder it listed, every file entry, what decided which charts it depends on),
 * each path once, with the time the read started: a stamp over them is safe only for paths unchanged since
 * RACY_MS before that time, so a change during the read is never stamped as the bytes read.
 */
export interface ReadSources {
  paths: string[];
  startedAt: number;
  /** The stats of files taken when they were read (readTree's `statted`): their stamps need no stat again. */
  statted?: ReadonlyMap<string, BigIntStats>;
}

/** Starts recording a unit's read. */
export function startRead(): { listed: string[]; statted: Map<string, BigIntStats>; finish(): ReadSources } {
  const startedAt = Date.now();
  const listed: string[] = [];
  const statted = new Map<string, BigIntStats>();
  return { listed, statted, finish: () => ({ paths: [...new Set(listed)], startedAt, statted }) };
}

/**
 * One stat stamp over a unit's sources and its settings: while every path keeps its stamp, the unit reads the
 * same bytes, so its cached key stands without reading them. '' when a path has no safe stamp (changed less than
 * RACY_MS before, gone, neither a file nor a folder): the unit is read and hashed as before.
 */
export function sourcesStamp(paths: readonly string[], settingsKey: string, stampOf: (path: string) => string): string {
  const parts = [settingsKey];
  for (const path of paths) {
    const stamp = stampOf(path);
    if (!stamp) return '';
    parts.push(path, stamp);
  }
  // One string hashed once (neither a path nor a stamp holds NUL): a chart's few hundred parts framed one by one cost more.
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/** A unit's sources and their stamp as of a read ('' when none is safe), to keep beside the unit's key. */
export interface StampedSources {
  paths: string[];
  stamp: string;
}

/** The stamp of a read, as of its start (so it may be taken any time after). */
export function stampOfRead(read: ReadSources, settingsKey: string): StampedSources {
  const stampOf = (path: string): string => {
    const stats = read.statted?.get(path);
    return stats ? stampOfStats(stats, read.startedAt) : entryStamp(path, read.startedAt);
  };
  return { paths: read.paths, stamp: sourcesStamp(read.paths, settingsKey, stampOf) };
}

/** Stamps for one scan: a path several units met (a parent folder, a sibling's Chart.yaml) is stat'ed once. */
export function scanStamps(): (path: string) => string {
  const known = new Map<string, string>();
  return (path) => {
    let stamp = known.get(path);
    if (stamp === undefined) known.set(path, (stamp = entryStamp(path)));
    return stamp;
  };
}
