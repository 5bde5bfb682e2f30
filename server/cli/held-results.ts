import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Kept in memory (encoded in the staging buffer) up to this many bytes, then written to the temporary file. */
const BATCH = 1 << 20;

/** Where a text's UTF-8 bytes are: in the file, or in the staging buffer when `position` is past what was written. */
interface Place {
  position: number;
  length: number;
}

/**
 * Texts held until the run's second pass (each file's findings from the CLI's one parse, as JSON): in memory
 * while they are few, then in a temporary file, so that memory stays flat however many files the run has.
 * `put` appends, `take` gives one back (once). `dispose` removes the file (so does the process's exit, should a
 * run stop half-way).
 *
 * A text is encoded at once into one reused staging buffer (the batch that goes to the file), and read back into
 * one reused scratch buffer: not a new buffer per text, batch or read. Memory a process touches for the first
 * time costs a page fault per 4 KiB (≈ 3 ms per MiB on the 2-core machine kind of BENCHMARKS.md), and the run's
 * whole output passes through here, at the run's end for the reads. Texts are not kept as strings either: those
 * waiting for a batch would outlive the young generation and grow the old one.
 */
export class HeldTexts {
  private readonly places = new Map<string, Place>();
  /** Bytes written to the file; the staging buffer holds the bytes from there on. */
  private written = 0;
  private used = 0;
  private file?: { folder: string; fd: number };
  private staging?: Buffer;
  private scratch?: Buffer;
  private readonly onExit = () => this.dispose();

  put(key: string, text: string): void {
    const staging = (this.staging ??= Buffer.allocUnsafe(BATCH));
    // At most three UTF-8 bytes per UTF-16 unit: the exact length only when that bound does not fit.
    let length = 3 * text.length;
    if (this.used + length > staging.length) length = Buffer.byteLength(text);
    if (this.used + length > staging.length) this.spill();
    if (length > staging.length) {
      const bytes = Buffer.from(text);
      this.places.set(key, { position: this.written, length: bytes.length });
      this.writeOut(bytes, bytes.length);
      return;
    }
    const written = staging.write(text, this.used);
    this.places.set(key, { position: this.written + this.used, length: written });
    this.used += written;
  }

  has(key: string): boolean {
    return this.places.has(key);
  }

  forget(key: string): void {
    this.places.delete(key);
  }

  /** The text put under `key` (then forgotten), or undefined. */
  take(key: string): string | undefined {
    return this.takeBytes(key)?.toString('utf8');
  }

  /**
   * The text put under `key` as UTF-8 (then forgotten), or undefined: a view of a buffer the next `take` or
   * `takeBytes` reuses (copy what must outlive it).
   */
  takeBytes(key: string): Buffer | undefined {
    const place = this.places.get(key);
    if (place === undefined) return undefined;
    this.places.delete(key);
    const buffer = this.scratchOf(place.length);
    if (place.position >= this.written) {
      this.staging!.copy(buffer, 0, place.position - this.written, place.position - this.written + place.length);
      return buffer.subarray(0, place.length);
    }
    for (let done = 0; done < place.length; ) {
      const read = readSync(this.file!.fd, buffer, done, place.length - done, place.position + done);
      if (read <= 0) throw new Error('a held result could not be read back from its temporary file');
      done += read;
    }
    return buffer.subarray(0, place.length);
  }

  dispose(): void {
    this.places.clear();
    this.staging = undefined;
    this.scratch = undefined;
    this.used = 0;
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

  /** The staging buffer's bytes to the file. */
  private spill(): void {
    if (this.used === 0) return;
    this.writeOut(this.staging!, this.used);
    this.used = 0;
  }

  /** Appends `length` bytes of `bytes` to the file (made on first use); the staging buffer must be empty. */
  private writeOut(bytes: Buffer, length: number): void {
    if (!this.file) {
      const folder = mkdtempSync(join(tmpdir(), 'stridelint-held-'));
      this.file = { folder, fd: openSync(join(folder, 'held'), 'w+', 0o600) };
      process.once('exit', this.onExit);
    }
    for (let done = 0; done < length; ) done += writeSync(this.file.fd, bytes, done, length - done, this.written + done);
    this.written += length;
  }
}
