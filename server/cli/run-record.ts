import { createHash } from 'node:crypto';
import { existsSync, readdirSync, realpathSync, statSync, type BigIntStats, type Dirent } from 'node:fs';

/**
 * The record of the CLI's last complete `--cache` run (the whole-run fast path, as git's untracked cache): the
 * run's arguments and working folder, a stamp of every path its output depended on (each as the run met it:
 * files read, folders listed, paths stat'ed or looked for, real paths resolved), and its output. A later run
 * with the same arguments whose every stamp still holds writes the recorded output without loading the engine.
 * Shared by the small entry (server/cli/entry.ts, which checks and replays) and the engine (which records):
 * node's own modules only.
 */
export interface RunRecord {
  v: typeof RECORD_VERSION;
  argv: string[];
  cwd: string;
  /** The node that ran it (process.version). */
  node: string;
  /** The engine bundle's file stamp: another build records afresh. */
  engine: string;
  /** `--output FILE` as an absolute path, else null (stdout). */
  output: string | null;
  exit: number;
  /** The output in order: [stream, bytes] (stream 'o': the output, stdout or the file; 'e': stderr). */
  segments: Array<['o' | 'e', number]>;
  /** The latest mtime or ctime (ns, decimal) among the stamps: one not older than the cache file is racy. */
  latest: string;
  /** [operation, path, stamp], each path and operation once, stamped before the run used it. */
  stamps: Array<[StampOperation, string, string]>;
}

export const RECORD_VERSION = 1;

/**
 * What a stamp holds, by what the run could have learnt from the path:
 *  - 's' (stat, read, open): for a file its size, mtime, ctime, inode, device and mode (a write moves ctime, which
 *    no program can set back); for a folder its inode, device and mode only (a stat of a folder tells its kind);
 *    'absent' or the error's code otherwise;
 *  - 'e' (exists): whether the path exists;
 *  - 'd' (listed): the folder's mtime, ctime, inode, device and mode (an entry added, removed or renamed moves
 *    mtime and ctime);
 *  - 'l' (listed, by content): the folder's entries with their kinds, hashed (a folder this run itself changed:
 *    the cache's, the output's);
 *  - 'r' (real path): the resolved path or the error's code.
 */
export type StampOperation = 's' | 'e' | 'd' | 'l' | 'r';

/** The stamp of `path` for `operation`, now. */
export function stampOf(operation: StampOperation, path: string, leaveOut?: string): string {
  switch (operation) {
    case 's':
      return statStamp(path, false);
    case 'd':
      return statStamp(path, true);
    case 'e':
      return existsSync(path) ? '1' : '0';
    case 'l':
      return listingStamp(path, leaveOut);
    case 'r':
      try {
        return `=${realpathSync(path)}`;
      } catch (error) {
        return errorStamp(error);
      }
  }
}

function statStamp(path: string, listed: boolean): string {
  let stats;
  try {
    stats = statSync(path, { bigint: true, throwIfNoEntry: false });
  } catch (error) {
    return errorStamp(error);
  }
  return stats ? stampOfStats(stats, listed) : 'absent';
}

/** The 's' (or, `listed`, 'd') stamp of what a stat with bigint gave. */
export function stampOfStats(stats: BigIntStats, listed = false): string {
  if (stats.isDirectory()) return listed ? `D:${stats.mtimeNs}:${stats.ctimeNs}:${stats.ino}:${stats.dev}:${stats.mode}` : `d:${stats.ino}:${stats.dev}:${stats.mode}`;
  return `f:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}:${stats.ino}:${stats.dev}:${stats.mode}`;
}

/** A folder's entries (name and kind), sorted, hashed; `leaveOut`: one name not counted (the cache file's). */
function listingStamp(path: string, leaveOut: string | undefined): string {
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch (error) {
    return errorStamp(error);
  }
  return listingOf(entries, leaveOut);
}

/** The 'l' stamp of a folder's entries as read (with their kinds). */
export function listingOf(entries: readonly Dirent[], leaveOut: string | undefined): string {
  const names = entries.filter((entry) => entry.name !== leaveOut).map((entry) => `${entry.name}\u0000${entry.isDirectory() ? 'd' : entry.isFile() ? 'f' : entry.isSymbolicLink() ? 'l' : 'o'}`);
  names.sort();
  return `L:${createHash('sha256').update(names.join('\u0000')).digest('hex')}`;
}

/** The stamp of a path whose look failed: the error's code. */
function errorStamp(error: unknown): string {
  return `!${(error as NodeJS.ErrnoException).code ?? 'error'}`;
}

/** The times (ns) a stamp holds, for the racy checks; none for stamps without times. */
export function stampTimes(stamp: string): bigint[] {
  const parts = stamp.split(':');
  if (parts[0] === 'f') return [BigInt(parts[2]), BigInt(parts[3])];
  if (parts[0] === 'D') return [BigInt(parts[1]), BigInt(parts[2])];
  return [];
}

/** The record and the output after it, as stored in the cache (one JSON line, then the output's bytes), in pieces. */
export function encodeRecord(record: RunRecord, output: readonly Buffer[]): Buffer[] {
  return [Buffer.from(`${JSON.stringify(record)}\n`), ...output];
}

/** The record in `bytes` and the output's bytes after it; undefined when it is not a record of this version. */
export function decodeRecord(bytes: Buffer): { record: RunRecord; output: Buffer } | undefined {
  const newline = bytes.indexOf(10);
  const record = newline < 0 ? undefined : decodeRecordLine(bytes.subarray(0, newline + 1));
  const output = bytes.subarray(newline + 1);
  if (!record || record.segments.reduce((sum, [, length]) => sum + length, 0) !== output.length) return undefined;
  return { record, output };
}

/** The record's JSON line (the first piece of encodeRecord); undefined when it is not a record of this version. */
export function decodeRecordLine(line: Buffer): RunRecord | undefined {
  try {
    const record = JSON.parse(line.toString('utf8')) as RunRecord;
    if (record?.v !== RECORD_VERSION || !Array.isArray(record.argv) || !Array.isArray(record.stamps) || !Array.isArray(record.segments)) return undefined;
    return record;
  } catch {
    return undefined;
  }
}
