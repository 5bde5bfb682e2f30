import { statSync, type BigIntStats } from 'node:fs';

/**
 * A file older than this (its last change, ctime) may be stamped. A file changed just before it was hashed
 * could change again within the same timestamp tick (coarse on some file systems: 2 s on FAT) and keep its
 * stamp: as git's "racily clean" entries, it gets no stamp and is hashed again on the next scan.
 */
export const RACY_MS = 3000;

/**
 * A file's stat stamp for the scan cache: size, mtime, ctime, inode and device (nanoseconds), with the file's
 * settings digest. While a file still has the stamp taken before its bytes were hashed, the cached key is taken
 * as its own without reading it. Every write moves mtime and ctime, and setting mtime back still moves ctime
 * (which no user program can set), so a changed file never keeps its stamp. '' when no stamp is safe: the
 * file is not a regular file, cannot be stat'ed, or changed less than RACY_MS ago. The content hash stays
 * the truth: a file without a matching stamp is read and hashed as before.
 */
export function fileStamp(path: string, settingsKey: string, now = Date.now()): string {
  const stamp = statStamp(path, now, false);
  return stamp && `${stamp}:${settingsKey}`;
}

/**
 * As fileStamp, for a file or a folder, without settings: a folder's mtime and ctime move whenever an entry is
 * added, removed or renamed in it, so a unit's stamp over the folders it listed notices a new file.
 */
export function entryStamp(path: string, now = Date.now()): string {
  return statStamp(path, now, true);
}

function statStamp(path: string, now: number, folders: boolean): string {
  let stats;
  try {
    stats = statSync(path, { bigint: true, throwIfNoEntry: false });
  } catch {
    return '';
  }
  return stats ? stampOfStats(stats, now, folders) : '';
}

/** As entryStamp, from the entry's stats taken already (readTree's `statted`: the stat just before the file's read). */
export function stampOfStats(stats: BigIntStats, now: number, folders = true): string {
  if (!(stats.isFile() || (folders && stats.isDirectory()))) return '';
  // ctime is never earlier than mtime; a ctime in the future (a clock set back) is not trusted either.
  const age = BigInt(now) * 1_000_000n - stats.ctimeNs;
  if (age < BigInt(RACY_MS) * 1_000_000n) return '';
  return `${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}:${stats.ino}:${stats.dev}`;
}
