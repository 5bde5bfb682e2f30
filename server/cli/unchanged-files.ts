import { statSync, type BigIntStats } from 'node:fs';
import { sectionEntry, type LintCache } from '../shared/lint-cache';

/**
 * `--cache`: a file whose inode, size, modification and change times are those recorded when it was last read
 * is not read again; the content hash recorded then stands for it. The change time (ctime) is the safeguard:
 * every write and every metadata change sets it to the current time, and no tool can set it back (`cp -p`,
 * `rsync -t`, `tar x` and `touch -d` restore mtime, never ctime), so a changed file never matches its record.
 * A file changed less than `SETTLE_NS` before it was read is not recorded: a later write within the same clock
 * tick of a coarse file system could leave every field as it was (git calls this "racily clean").
 */
const SETTLE_NS = 2_000_000_000n;

/** What was known of a file when it was read, besides its signature (the entry's key). */
export interface RecordedFile {
  hash: string;
  /** Whether the file is a Dockerfile under the settings digest the record was made with. */
  dockerfile: boolean;
}

function isRecordedFile(value: unknown): value is RecordedFile {
  return typeof value === 'object' && value !== null && typeof (value as RecordedFile).hash === 'string' && typeof (value as RecordedFile).dockerfile === 'boolean';
}

/** The signature a record must match: inode, size, mtime and ctime in nanoseconds, and the settings it was made under. */
function signature(stats: BigIntStats, settings: string): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}:${settings}`;
}

function statOf(file: string): BigIntStats | undefined {
  try {
    return statSync(file, { bigint: true });
  } catch {
    return undefined;
  }
}

/** Reads and writes the records of one run; `settings` is the digest of a file's effective settings. */
export class UnchangedFiles {
  private readonly startedNs = BigInt(Date.now()) * 1_000_000n;

  constructor(private readonly store: LintCache) {}

  /** The record of a file that has not changed since it was made, or undefined (then the file must be read). */
  recorded(posix: string, file: string, settings: string): RecordedFile | undefined {
    const stats = statOf(file);
    return stats ? this.store.get(sectionEntry(posix, 'stat'), signature(stats, settings), isRecordedFile) : undefined;
  }

  /** Records a file just read (stat taken after the read); files changed too recently to trust are left out. */
  record(posix: string, file: string, settings: string, known: RecordedFile): void {
    const stats = statOf(file);
    if (!stats || stats.ctimeNs > this.startedNs - SETTLE_NS || stats.mtimeNs > this.startedNs - SETTLE_NS) return;
    this.store.set(sectionEntry(posix, 'stat'), signature(stats, settings), known);
  }
}
