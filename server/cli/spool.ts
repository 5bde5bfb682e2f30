import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Above this many characters a spool moves from memory to a temporary file. */
const IN_MEMORY_LIMIT = 1 << 20;

/** Spools with a temporary file: removed when the process ends, should a run stop half-way. */
const open = new Set<Spool>();
process.once('exit', () => {
  for (const spool of open) spool.dispose();
});

/**
 * Text an output format must hold back until the run ends (JSON's findings come after its files list, JUnit's
 * totals before its suites): kept in memory while small, then in a temporary file, so memory stays flat however
 * many files the run has. `drain` writes it out and deletes the file; `dispose` deletes it unread.
 */
export class Spool {
  private chunks: string[] = [];
  private pending = 0;
  private folder?: string;
  private fd?: number;

  write(text: string): void {
    if (text.length === 0) return;
    this.chunks.push(text);
    this.pending += text.length;
    if (this.pending >= IN_MEMORY_LIMIT) this.spill();
  }

  /** Hands everything spooled to `out`: text while it was in memory, else the file's bytes (UTF-8) in pieces. */
  drain(out: (chunk: string | Uint8Array) => void): void {
    if (this.fd === undefined) {
      const text = this.chunks.join('');
      this.chunks = [];
      if (text) out(text);
      return;
    }
    this.spill();
    let position = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(1 << 20);
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
    writeSync(this.fd, this.chunks.join(''));
    this.chunks = [];
    this.pending = 0;
  }
}
