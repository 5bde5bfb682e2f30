import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Kept in memory up to about this many bytes, then written to the temporary file in one batch. */
const BATCH = 1 << 20;

type Place = Buffer | { position: number; length: number };

/**
 * Texts held until the run's second pass (each file's findings from the CLI's one parse, as JSON): in memory
 * while they are few, then in a temporary file, so that memory stays flat however many files the run has.
 * `put` appends, `take` gives one back (once). `dispose` removes the file (so does the process's exit, should a
 * run stop half-way).
 */
export class HeldTexts {
  private readonly places = new Map<string, Place>();
  private pending: Array<[string, Buffer]> = [];
  private pendingBytes = 0;
  private written = 0;
  private file?: { folder: string; fd: number };
  private readonly onExit = () => this.dispose();

  put(key: string, text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    this.places.set(key, bytes);
    this.pending.push([key, bytes]);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= BATCH) this.spill();
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

  /** The text put under `key` as UTF-8 (then forgotten), or undefined. */
  takeBytes(key: string): Buffer | undefined {
    const place = this.places.get(key);
    if (!place) return undefined;
    this.places.delete(key);
    if (Buffer.isBuffer(place)) return place;
    const buffer = Buffer.allocUnsafe(place.length);
    for (let done = 0; done < place.length; ) {
      const read = readSync(this.file!.fd, buffer, done, place.length - done, place.position + done);
      if (read <= 0) throw new Error('a held result could not be read back from its temporary file');
      done += read;
    }
    return buffer;
  }

  dispose(): void {
    this.places.clear();
    this.pending = [];
    if (!this.file) return;
    process.removeListener('exit', this.onExit);
    closeSync(this.file.fd);
    rmSync(this.file.folder, { recursive: true, force: true });
    this.file = undefined;
  }

  private spill(): void {
    if (!this.file) {
      const folder = mkdtempSync(join(tmpdir(), 'stridelint-held-'));
      this.file = { folder, fd: openSync(join(folder, 'held'), 'w+', 0o600) };
      process.once('exit', this.onExit);
    }
    const batch = Buffer.concat(this.pending.map(([, bytes]) => bytes), this.pendingBytes);
    for (let done = 0; done < batch.length; ) done += writeSync(this.file.fd, batch, done, batch.length - done, this.written + done);
    let position = this.written;
    for (const [key, bytes] of this.pending) {
      // A key put again since (never in a run) keeps its newer text in memory.
      if (this.places.get(key) === bytes) this.places.set(key, { position, length: bytes.length });
      position += bytes.length;
    }
    this.written += batch.length;
    this.pending = [];
    this.pendingBytes = 0;
  }
}
