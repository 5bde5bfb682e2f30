import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Kept in memory up to about this many characters, then written to the temporary file in one batch. */
const BATCH = 1 << 20;

/** The reused buffer a batch is encoded into (a text longer than a third of it is encoded on its own). */
const STAGING = 1 << 20;

type Place = string | { position: number; length: number };

/**
 * Texts held until the run's second pass (each file's findings from the CLI's one parse, as JSON): in memory
 * while they are few, then in a temporary file, so that memory stays flat however many files the run has.
 * `put` appends, `take` gives one back (once). `dispose` removes the file (so does the process's exit, should a
 * run stop half-way).
 *
 * The bytes go to and from the file through two reused buffers, not a new buffer per text or batch: memory a
 * process touches for the first time costs a page fault per 4 KiB (≈ 3 ms per MiB on the 2-core machine kind
 * of BENCHMARKS.md), and the run's whole output passes through here, at the run's end for the reads.
 */
export class HeldTexts {
  private readonly places = new Map<string, Place>();
  private pending: string[] = [];
  private pendingKeys: string[] = [];
  private pendingLength = 0;
  private written = 0;
  private file?: { folder: string; fd: number };
  private staging?: Buffer;
  private scratch?: Buffer;
  private readonly onExit = () => this.dispose();

  put(key: string, text: string): void {
    this.places.set(key, text);
    this.pendingKeys.push(key);
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= BATCH) this.spill();
  }

  has(key: string): boolean {
    return this.places.has(key);
  }

  forget(key: string): void {
    this.places.delete(key);
  }

  /** The text put under `key` (then forgotten), or undefined. */
  take(key: string): string | undefined {
    const place = this.places.get(key);
    if (typeof place === 'string') this.places.delete(key);
    return typeof place === 'string' ? place : this.takeBytes(key)?.toString('utf8');
  }

  /**
   * The text put under `key` as UTF-8 (then forgotten), or undefined: a view of a buffer the next `take` or
   * `takeBytes` reuses (copy what must outlive it).
   */
  takeBytes(key: string): Buffer | undefined {
    const place = this.places.get(key);
    if (place === undefined) return undefined;
    this.places.delete(key);
    if (typeof place === 'string') {
      const buffer = this.scratchOf(Buffer.byteLength(place));
      return buffer.subarray(0, buffer.write(place));
    }
    const buffer = this.scratchOf(place.length);
    for (let done = 0; done < place.length; ) {
      const read = readSync(this.file!.fd, buffer, done, place.length - done, place.position + done);
      if (read <= 0) throw new Error('a held result could not be read back from its temporary file');
      done += read;
    }
    return buffer.subarray(0, place.length);
  }

  dispose(): void {
    this.places.clear();
    this.pending = [];
    this.pendingKeys = [];
    this.pendingLength = 0;
    this.staging = undefined;
    this.scratch = undefined;
    if (!this.file) return;
    process.removeListener('exit', this.onExit);
    closeSync(this.file.fd);
    rmSync(this.file.folder, { recursive: true, force: true });
    this.file = undefined;
  }

  /** The reused read buffer, grown to hold `length` bytes. */
  private scratchOf(length: number): Buffer {
    if (!this.scratch || this.scratch.length < length) this.scratch = Buffer.allocUnsafe(Math.max(length, this.scratch ? this.scratch.length * 2 : 1 << 16));
    return this.scratch;
  }

  private spill(): void {
    if (!this.file) {
      const folder = mkdtempSync(join(tmpdir(), 'stridelint-held-'));
      this.file = { folder, fd: openSync(join(folder, 'held'), 'w+', 0o600) };
      process.once('exit', this.onExit);
    }
    const staging = (this.staging ??= Buffer.allocUnsafe(STAGING));
    let used = 0;
    const flush = (bytes: Buffer, length: number) => {
      for (let done = 0; done < length; ) done += writeSync(this.file!.fd, bytes, done, length - done, this.written + done);
      this.written += length;
    };
    this.pending.forEach((text, index) => {
      // At most three UTF-8 bytes per UTF-16 unit: a text that may not fit in what is left sends the batch first.
      if (used > 0 && used + 3 * text.length > staging.length) {
        flush(staging, used);
        used = 0;
      }
      const position = this.written + used;
      let length: number;
      if (3 * text.length <= staging.length) used += length = staging.write(text, used);
      else {
        const bytes = Buffer.from(text);
        flush(bytes, (length = bytes.length));
      }
      const key = this.pendingKeys[index];
      // A key put again since (never in a run) keeps its newer text in memory.
      if (this.places.get(key) === text) this.places.set(key, { position, length });
    });
    if (used > 0) flush(staging, used);
    this.pending = [];
    this.pendingKeys = [];
    this.pendingLength = 0;
  }
}
