import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync, writevSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Above this many characters a spool moves from memory to a temporary file. */
const IN_MEMORY_LIMIT = 1 << 20;

/** A spilled spool is read back, and one in memory handed on, in pieces of this many bytes. */
const READ_SIZE = 1 << 20;

/** At most this many pieces in one gathered write (Linux's IOV_MAX). */
const IOV_MAX = 1024;

/** Writes every byte of the pieces (a gathered write may write less than asked). */
function writevAll(fd: number, pieces: Uint8Array[]): void {
  let rest = pieces;
  while (rest.length > 0) {
    let written = writevSync(fd, rest);
    let done = 0;
    while (done < rest.length && written >= rest[done].length) written -= rest[done++].length;
    rest = done < rest.length ? [rest[done].subarray(written), ...rest.slice(done + 1)] : [];
  }
}

/** Bytes a spool counts toward its memory limit like text (see `counted`). */
const countedBytes = new WeakSet<Uint8Array>();

/**
 * Marks bytes that only the spool will hold (e.g. a file's output a lint thread encoded, read back for this
 * write): a spool counts them toward its memory limit as it counts text, so that they go to its temporary file
 * as they are, not decoded to text first and encoded again. Unmarked bytes are views of memory the run holds
 * anyway (the --cache file) and are not counted.
 */
export function counted<T extends Uint8Array>(bytes: T): T {
  countedBytes.add(bytes);
  return bytes;
}

/** Spools with a temporary file: removed when the process ends, should a run stop half-way. */
const open = new Set<Spool>();
process.once('exit', () => {
  for (const spool of open) spool.dispose();
});

/**
 * Text an output format must hold back until the run ends (JSON's findings come after its files list, JUnit's
 * totals before its suites): kept in memory while small, then in a temporary file, so memory stays flat however
 * many files the run has. Bytes are output --cache keeps (views of the loaded cache file, or of the entries it
 * will write): memory the run holds anyway, so they stay in memory as views and do not count toward the limit
 * (a warm run writes its output without a round trip through a temporary file). `drain` writes it out and
 * deletes the file; `dispose` deletes it unread.
 */
export class Spool {
  private chunks: Array<string | Uint8Array> = [];
  /** Characters of text and `counted` bytes held in memory (other bytes are not counted). */
  private pending = 0;
  private folder?: string;
  private fd?: number;

  /** Text, or UTF-8 bytes (e.g. output kept by --cache, written without being decoded; see `counted`). */
  write(text: string | Uint8Array): void {
    if (text.length === 0) return;
    this.chunks.push(text);
    if (typeof text !== 'string' && !countedBytes.has(text)) return;
    this.pending += text.length;
    if (this.pending >= IN_MEMORY_LIMIT) this.spill();
  }

  /** Hands everything spooled to `out`: text while it was all text in memory, else bytes (UTF-8) in pieces. */
  drain(out: (chunk: string | Uint8Array) => void): void {
    if (this.fd === undefined) {
      if (this.chunks.every((chunk) => typeof chunk === 'string')) {
        const text = this.chunks.join('');
        if (text.length) out(text);
      } else {
        // Gathered into pieces of about a read's size: few writes, and never a second copy of the whole output.
        let group: Uint8Array[] = [];
        let size = 0;
        for (const chunk of this.chunks) {
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          group.push(bytes);
          size += bytes.length;
          if (size < READ_SIZE) continue;
          out(Buffer.concat(group));
          group = [];
          size = 0;
        }
        if (size) out(Buffer.concat(group));
      }
      this.chunks = [];
      return;
    }
    this.spill();
    let position = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(READ_SIZE);
      const read = readSync(this.fd, buffer, 0, buffer.length, position);
      if (read <= 0) break;
      position += read;
      out(buffer.subarray(0, read));
    }
    this.dispose();
  }

  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
    this.fd = undefined;
    this.folder = undefined;
    open.delete(this);
    this.chunks = [];
    this.pending = 0;
  }

  private spill(): void {
    if (this.fd === undefined) {
      this.folder = mkdtempSync(join(tmpdir(), 'stridelint-spool-'));
      this.fd = openSync(join(this.folder, 'spool'), 'w+', 0o600);
      open.add(this);
    }
    if (this.chunks.every((chunk) => typeof chunk === 'string')) writeSync(this.fd, this.chunks.join(''));
    else {
      // Bytes are written where they lie (one gathered write per IOV_MAX pieces), not copied into one buffer first.
      const pieces = this.chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
      for (let at = 0; at < pieces.length; at += IOV_MAX) writevAll(this.fd, pieces.slice(at, at + IOV_MAX));
    }
    this.chunks = [];
    this.pending = 0;
  }
}
