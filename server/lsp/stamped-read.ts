import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
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
 * every file this way: the path's separate stat cost as much as the read itself (≈ 19 µs a file here).
 * Not for the CLI: its run record watches readFileSync and takes any other open for reading as unrecorded.
 * Throws as readFileSync does (a file that vanished, a folder, no permission).
 */
export function readStamped(file: string, maxBytes: number, settingsKey: string, now = Date.now()): StampedRead {
  const fd = openSync(file, 'r');
  try {
    const stats = fstatSync(fd, { bigint: true });
    const stamp = stampOfStats(stats, now, false);
    const size = stats.isFile() ? Number(stats.size) : 0;
    // Too large by its size: not read (readText reads it all to say the same).
    const bytes = size > maxBytes ? undefined : readAll(fd, size, maxBytes);
    return { read: bytes && bytes.length <= maxBytes ? textOfBytes(bytes) : tooLarge(maxBytes), stamp: stamp && `${stamp}:${settingsKey}` };
  } finally {
    closeSync(fd);
  }
}

/** The file's bytes: `size` of them as fstat said (as readFileSync, a file grown since is read to that size); chunks till the end when fstat gave none. */
function readAll(fd: number, size: number, maxBytes: number): Buffer {
  if (size > 0) {
    const buffer = Buffer.allocUnsafeSlow(size);
    let filled = 0;
    while (filled < size) {
      const count = readSync(fd, buffer, filled, size - filled, null);
      if (count === 0) break;
      filled += count;
    }
    return filled < size ? buffer.subarray(0, filled) : buffer;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  // A size-less file (a pipe, /proc): read to its end, but no further than one byte past the limit.
  while (total <= maxBytes) {
    const chunk = Buffer.allocUnsafeSlow(64 * 1024);
    const count = readSync(fd, chunk, 0, chunk.length, null);
    if (count === 0) break;
    chunks.push(chunk.subarray(0, count));
    total += count;
  }
  return Buffer.concat(chunks, total);
}
