import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { stampOfStats } from '../shared/file-stamp';
import { textOfBytes, tooLarge, type ReadOutcome } from '../shared/read-text';

/** A file's text (as readText reads it) and its stat stamp (as fileStamp takes it: '' when none is safe). */
export interface StampedRead {
  read: ReadOutcome;
  stamp: string;
}

/**
 * readText and fileStamp in one open: the stamp comes from the open file's fstat, taken before its bytes are
 * read (as fileStamp's stat before readText was), so a write after it still changes the stamp. A scan reads
 * every file this way: an fstat of the open descriptor costs less than a stat of the path. The bytes are read by
 * readFileSync of the descriptor, which stats it again (a read loop of our own saved ≈ 1 µs a file more: not worth it).
 * Not for the CLI: its run record watches readFileSync and takes any other open for reading as unrecorded.
 * Throws as readFileSync does (a file that vanished, a folder, no permission).
 */
export function readStamped(file: string, maxBytes: number, settingsKey: string, now = Date.now()): StampedRead {
  const fd = openSync(file, 'r');
  try {
    const stats = fstatSync(fd, { bigint: true });
    const stamp = stampOfStats(stats, now, false);
    // Too large by its size: not read (readText reads it all to say the same). A size-less file (/proc) is read to its end.
    const bytes = stats.isFile() && stats.size > BigInt(maxBytes) ? undefined : readFileSync(fd);
    return { read: bytes && bytes.length <= maxBytes ? textOfBytes(bytes) : tooLarge(maxBytes), stamp: stamp && `${stamp}:${settingsKey}` };
  } finally {
    closeSync(fd);
  }
}
