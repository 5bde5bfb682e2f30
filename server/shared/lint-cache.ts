import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The cache file's first line names it; anything else at that path is foreign and is not read. */
const FORMAT = 'stridelint-cache';
const FORMAT_VERSION = 2;
export const DEFAULT_CACHE_FILE = '.stridelint-cache';
const NEWLINE = Buffer.from('\n');
/** A SHA-256 or HMAC-SHA256 in hex: the header's length does not depend on the sum, so it is written last. */
const SUM_HEX_LENGTH = 64;
/** The cache file is written through a buffer of this size (below glibc's 128 KiB mmap threshold). */
const WRITE_CHUNK_BYTES = 1 << 16;
/** A string is encoded in pieces of at most this many UTF-16 units (≤ 3 bytes each: one piece fits a chunk). */
const TEXT_PIECE = WRITE_CHUNK_BYTES / 4;
/** What the run record's HMAC covers before its bytes (a record is never taken for a cache body, nor back). */
const RUN_SUM_PREFIX = `${FORMAT}-run\n${FORMAT_VERSION}\n`;
/** The header's `run` field: the record's length in bytes, the length of its first piece and its HMAC, as `length:first:hmac`. */
const RUN_FIELD = /^(\d{1,12}):(\d{1,12}):([0-9a-f]{64})$/;

/** Saves started by this process (each writes a temporary file of its own). */
let savesStarted = 0;
/** The temporary files of saves under way: removed if the process exits in the middle of one (a sliced save). */
const unfinishedSaves = new Set<string>();
process.on('exit', () => {
  for (const file of unfinishedSaves) rmSync(file, { force: true });
});

/** The CLI's record of its last complete run (run-record.ts), kept in the cache file before the entries. */
interface RunSection {
  /** The record's bytes, in pieces (as the CLI collected them: not copied into one buffer); the first is read alone first. */
  pieces: readonly Buffer[];
  length: number;
  /** Its HMAC with the cache's key (hex). */
  sum: string;
}

/** A value kept as bytes (setBytes): one buffer, text (written as UTF-8), or pieces of either written one after the other. */
export type StoredBytes = Buffer | string | ReadonlyArray<Buffer | string>;

interface Entry {
  key: string;
  /**
   * The cached value as JSON, parsed only when the file's key matches: text when set in this run, else its
   * UTF-8 bytes in the loaded file (decoded one entry at a time: a large cache is never one string).
   */
  json: StoredBytes;
  /** Set for a value kept as bytes (setBytes): `json` holds them, not JSON (pieces only then). */
  bytes?: boolean;
  /**
   * The file's stat stamp when its bytes were hashed ('' for none): while the file still has it, `key` is taken
   * as the file's without reading it (the caller decides what a stamp holds and when one is safe to record).
   */
  stamp: string;
}

/**
 * The CLI's persistent cache (`--cache`): per linted path, a key and the result linting gave. The key hashes
 * everything the result depends on (the caller passes them: content, settings, workspace facts, the tool);
 * a path whose key differs is linted again. The file is one header line (format, version, the tool's
 * identity and a sum of the rest: a SHA-256, or an HMAC with a key the caller keeps) and one line per path: a file that is corrupt, truncated, of another
 * format or of another build of stridelint is ignored and rewritten, never trusted. Values are data (JSON)
 * and are checked for shape before use; nothing read from the cache is ever executed.
 */
export class LintCache {
  private readonly entries = new Map<string, Entry>();
  private readonly seen = new Set<string>();
  private changed = false;
  /** The run record this run set (CLI only: signed caches); written before the entries. */
  private run: RunSection | undefined;
  /** Why the file on disk was not used ('' when it was, or there was none). */
  readonly discarded: string;

  /** Whether this run changed the cache (or it has no file yet): a save would write it. */
  get modified(): boolean {
    return this.changed;
  }

  constructor(
    readonly file: string,
    /** The build of stridelint (version and a digest of its code): another build's cache is not read. */
    readonly toolId: string,
    /**
     * How the file is checked: 'sha256' (the header's `checksum`: detects damage, not forgery, for a file in a
     * folder only its user writes, as the server's) or an HMAC-SHA256 with the given key (the header's `hmac`,
     * over the format, its version, the tool and the body): a file that was not written with this key (made on
     * another machine, shipped by a repository, or altered) is not used. Values are shape-checked and never
     * executed either way.
     */
    private readonly sum: 'sha256' | { hmacKey: Buffer } = 'sha256',
  ) {
    this.discarded = this.load();
    if (this.discarded) {
      this.entries.clear(); // nothing of a file not used is trusted
      this.run = undefined;
    }
  }

  /**
   * Replaces the run record (the CLI's whole-run fast path: run-record.ts) with `bytes`, signed with the cache's
   * key; written at the next save. Only a cache checked by an HMAC holds one: a record is never merely checksummed.
   */
  setRun(pieces: readonly Buffer[]): void {
    if (typeof this.sum !== 'object') return;
    const sum = createHmac('sha256', this.sum.hmacKey).update(RUN_SUM_PREFIX);
    for (const piece of pieces) sum.update(piece);
    this.run = { pieces, length: pieces.reduce((total, piece) => total + piece.length, 0), sum: sum.digest('hex') };
    this.changed = true;
  }

  /** The cached value for `path` when its key matches and the value has the expected shape. */
  get<T>(path: string, key: string, isValid: (value: unknown) => value is T): T | undefined {
    this.seen.add(path);
    const entry = this.entries.get(path);
    if (!entry || entry.key !== key || entry.bytes) return undefined;
    try {
      const value: unknown = JSON.parse(typeof entry.json === 'string' ? entry.json : bytesOf(entry.json).toString('utf8'));
      if (isValid(value)) return value;
    } catch {
      // a damaged entry is a miss
    }
    return undefined;
  }

  /**
   * The bytes stored for `path` by setBytes when its key matches (a view of the loaded file: not copied, never
   * decoded here), else undefined. The caller checks them before use.
   */
  getBytes(path: string, key: string): Buffer | undefined {
    this.seen.add(path);
    const entry = this.entries.get(path);
    if (!entry || entry.key !== key || !entry.bytes) return undefined;
    return bytesOf(entry.json);
  }

  /**
   * Stores bytes as they are (no JSON): they are written length-prefixed, so they may hold any byte. Text is kept
   * as a string until the save writes it as UTF-8 (many small buffers of a scan would stay in malloc's arenas);
   * pieces are kept as they are (views of a larger buffer are not copied) and written one after the other.
   * `stamp`: as for set.
   */
  setBytes(path: string, key: string, bytes: StoredBytes, stamp = ''): void {
    this.seen.add(path);
    this.entries.set(path, { key, json: bytes, bytes: true, stamp });
    this.changed = true;
  }

  /** The entries it holds (loaded from its file or set since). */
  get size(): number {
    return this.entries.size;
  }

  /** Drops `path`'s entry (a value now kept under another name). */
  delete(path: string): void {
    if (this.entries.delete(path)) this.changed = true;
  }

  /** The key the cache holds for `path` (whether a file is unchanged can be known before reading the value). */
  keyOf(path: string): string | undefined {
    return this.entries.get(path)?.key;
  }

  /** Keeps `path`'s entry as looked at by this run, without reading it (its file is not checked for at save). */
  keep(path: string): void {
    this.seen.add(path);
  }

  /** The key held for `path` when it was stored with this stamp (the file need not be read); else undefined. */
  keyByStamp(path: string, stamp: string): string | undefined {
    this.seen.add(path);
    const entry = this.entries.get(path);
    return stamp !== '' && entry?.stamp === stamp ? entry.key : undefined;
  }

  /** `stamp`: the file's stat stamp taken before its bytes were read for `key` ('' when none is safe to keep). */
  set(path: string, key: string, value: unknown, stamp = ''): void {
    this.seen.add(path);
    this.entries.set(path, { key, json: JSON.stringify(value), stamp });
    this.changed = true;
  }

  /** An entry whose file was hashed again and still has its key keeps the file's new stamp. */
  restamp(path: string, key: string, stamp: string): void {
    const entry = this.entries.get(path);
    if (!entry || entry.key !== key || entry.stamp === stamp) return;
    entry.stamp = stamp;
    this.changed = true;
  }

  /**
   * Writes the cache when this run changed it (atomically: a temporary file renamed over it). Entries of paths
   * this run did not look at are kept while their file exists.
   */
  save(): void {
    for (const _ of this.saveSteps());
  }

  /**
   * The same save in slices of about `sliceMs` of this thread's time, `pause` awaited between them (the language
   * server's event loop answers keystrokes meanwhile: a 10,000-file scan's save took ≈ 0.23 s in one piece). The
   * entries are taken as they are when it starts (the save writes a snapshot of the map: nothing set meanwhile
   * is lost, it goes out with the next save).
   */
  async saveInSlices(pause: () => Promise<void>, sliceMs: number): Promise<void> {
    let sliceStart = Date.now();
    for (const _ of this.saveSteps()) {
      if (Date.now() - sliceStart < sliceMs) continue;
      await pause();
      sliceStart = Date.now();
    }
  }

  /** The save, one step per entry written. */
  private *saveSteps(): Generator<void, void, undefined> {
    for (const path of this.entries.keys()) {
      if (this.seen.has(path) || existsSync(fileOfEntry(path))) continue;
      this.entries.delete(path);
      this.changed = true;
    }
    if (!this.changed) return;
    // Cleared now: whatever this run changes while the save is under way marks the cache changed again.
    this.changed = false;
    // Written piece by piece through one small buffer, the sum computed as the body goes out: the body is never
    // one buffer (a 24 MB buffer, freed, makes glibc keep up to twice that of the server's freed memory for good).
    const sum = this.bodyHasher();
    const run = this.run;
    const entries = [...this.entries];
    const header = (digest: string) => `${JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, tool: this.toolId, [this.sumField]: digest, ...(run ? { run: `${run.length}:${run.pieces[0]?.length ?? 0}:${run.sum}` } : {}) })}\n`;
    const placeholder = header('0'.repeat(SUM_HEX_LENGTH));
    // Its own name per save: two saves of one file may be under way at once (the server's scans).
    const temporary = `${this.file}.${process.pid}.${++savesStarted}.tmp`;
    const fd = openSync(temporary, 'w');
    unfinishedSaves.add(temporary);
    let closed = false;
    let saved = false;
    try {
      // The run record goes first, outside the body's sum (it has its own): the fast path reads the header and it only.
      let at = Buffer.byteLength(placeholder);
      for (const piece of run ? [...run.pieces, NEWLINE] : []) {
        for (let done = 0; done < piece.length; ) done += writeSync(fd, piece, done, piece.length - done, at + done);
        at += piece.length;
      }
      const out = new ChunkedWriter(fd, at, (bytes) => sum.update(bytes));
      for (const [path, entry] of entries) {
        const length = entry.bytes ? `#${byteLengthOf(entry.json)}:` : '';
        out.text(`${entry.key}\t${entry.stamp}\t${JSON.stringify(path)}\t${length}`);
        for (const piece of typeof entry.json === 'string' || Buffer.isBuffer(entry.json) ? [entry.json] : entry.json) {
          if (typeof piece === 'string') out.text(piece);
          else out.bytes(piece);
        }
        out.bytes(NEWLINE);
        yield;
      }
      out.flush();
      const written = header(sum.digest('hex'));
      if (Buffer.byteLength(written) !== Buffer.byteLength(placeholder)) throw new Error('the cache header changed length');
      writeSync(fd, written, 0);
      closeSync(fd);
      closed = true;
      renameSync(temporary, this.file);
      saved = true;
    } finally {
      // Failed or abandoned: the temporary file goes, and the cache counts as changed (the next save writes it).
      if (!saved) {
        if (!closed) closeSync(fd);
        rmSync(temporary, { force: true });
        this.changed = true;
      }
      unfinishedSaves.delete(temporary);
    }
  }

  /** The header field that checks the body. */
  private get sumField(): 'hmac' | 'checksum' {
    return typeof this.sum === 'object' ? 'hmac' : 'checksum';
  }

  /** What checks a cache body: its HMAC with the key (format, version and tool included), or its SHA-256; hex. */
  private bodySum(body: Buffer): string {
    return this.bodyHasher().update(body).digest('hex');
  }

  /** The hash bodySum computes, to be fed the body in pieces. */
  private bodyHasher(): Hash | Hmac {
    if (typeof this.sum === 'object') return createHmac('sha256', this.sum.hmacKey).update(`${FORMAT}\n${FORMAT_VERSION}\n${this.toolId}\n`);
    return createHash('sha256');
  }

  private load(): string {
    let data: Buffer;
    try {
      data = readWithoutRun(this.file);
    } catch (error) {
      this.changed = true;
      return (error as NodeJS.ErrnoException).code === 'ENOENT' ? '' : `cannot be read (${(error as Error).message})`;
    }
    this.changed = true;
    const newline = data.indexOf(10);
    let header: { format?: unknown; version?: unknown; tool?: unknown; checksum?: unknown; hmac?: unknown; run?: unknown };
    try {
      header = JSON.parse(data.toString('utf8', 0, newline < 0 ? data.length : newline)) as typeof header;
    } catch {
      return 'not a stridelint cache';
    }
    if (header?.format !== FORMAT) return 'not a stridelint cache';
    // Another build's cache is simply out of date: replaced without a word.
    if (header.version !== FORMAT_VERSION || header.tool !== this.toolId) return '';
    // The run record was not read (readWithoutRun): it has its own HMAC, checked by the fast path that reads it,
    // and is only of use for the run it records: a save without a new one drops it.
    if (header.run !== undefined && (typeof header.run !== 'string' || !RUN_FIELD.test(header.run) || typeof this.sum !== 'object')) return 'damaged (its run record)';
    const body = data.subarray(newline + 1);
    const sum = header[this.sumField];
    if (typeof sum !== 'string' || !sameText(sum, this.bodySum(body))) {
      return typeof this.sum === 'object' ? 'not signed with this machine’s cache key (written elsewhere, or altered)' : 'damaged (its checksum does not match)';
    }
    // Line by line in the bytes: key, stamp, path (JSON) and value, tab-separated; a value of bytes is
    // `#length:` and that many bytes, then the newline.
    for (let start = 0; start < body.length; ) {
      const newline = body.indexOf(10, start);
      const lineEnd = newline < 0 ? body.length : newline;
      if (lineEnd === start) {
        start++;
        continue;
      }
      const first = body.indexOf(9, start);
      const second = first < 0 || first > lineEnd ? -1 : body.indexOf(9, first + 1);
      const third = second < 0 || second > lineEnd ? -1 : body.indexOf(9, second + 1);
      if (third < 0 || third > lineEnd) return 'damaged (a line without its fields)';
      let path: unknown;
      try {
        path = JSON.parse(body.toString('utf8', second + 1, third));
      } catch {
        return 'damaged (a path that is not JSON)';
      }
      if (typeof path !== 'string') return 'damaged (a path that is not text)';
      let value = body.subarray(third + 1, lineEnd);
      let end = lineEnd;
      const bytes = body[third + 1] === 0x23;
      if (bytes) {
        const colon = body.indexOf(0x3a, third + 2);
        const length = colon < 0 || colon > lineEnd ? NaN : Number(body.toString('latin1', third + 2, colon));
        end = colon + 1 + length;
        if (!Number.isSafeInteger(length) || colon === third + 2 || end > body.length || (end < body.length && body[end] !== 10)) return 'damaged (bytes without their length)';
        value = body.subarray(colon + 1, end);
      }
      this.entries.set(path, { key: body.toString('latin1', start, first), stamp: body.toString('latin1', first + 1, second), json: value, ...(bytes ? { bytes } : {}) });
      start = end + 1;
    }
    this.changed = false;
    return '';
  }
}

/**
 * Writes a file from `position` on through one reused buffer, telling `seen` each piece as it goes out: no
 * allocation grows with what is written (a string is encoded a piece at a time, a large buffer written as it is).
 */
class ChunkedWriter {
  private readonly chunk = Buffer.allocUnsafe(WRITE_CHUNK_BYTES);
  private used = 0;

  constructor(
    private readonly fd: number,
    private position: number,
    private readonly seen: (bytes: Buffer) => void,
  ) {}

  text(text: string): void {
    for (let start = 0; start < text.length; ) {
      let end = Math.min(text.length, start + TEXT_PIECE);
      // Never between the two halves of a surrogate pair.
      if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
      if (WRITE_CHUNK_BYTES - this.used < (end - start) * 3) this.flush();
      this.used += this.chunk.write(end - start === text.length ? text : text.slice(start, end), this.used);
      start = end;
    }
  }

  bytes(bytes: Buffer): void {
    if (bytes.length <= WRITE_CHUNK_BYTES - this.used) {
      bytes.copy(this.chunk, this.used);
      this.used += bytes.length;
      return;
    }
    this.flush();
    this.out(bytes);
  }

  flush(): void {
    if (this.used === 0) return;
    this.out(this.chunk.subarray(0, this.used));
    this.used = 0;
  }

  private out(bytes: Buffer): void {
    this.seen(bytes);
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, this.position + done);
    this.position += bytes.length;
  }
}

/** A stored value's length in bytes (text as UTF-8). */
function byteLengthOf(value: StoredBytes): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (Buffer.isBuffer(value)) return value.length;
  let length = 0;
  for (const piece of value) length += typeof piece === 'string' ? Buffer.byteLength(piece) : piece.length;
  return length;
}

/** A stored value as one buffer (a loaded entry's is a view, not copied). */
function bytesOf(value: StoredBytes): Buffer {
  if (typeof value === 'string') return Buffer.from(value);
  if (Buffer.isBuffer(value)) return value;
  return Buffer.concat(value.map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece)));
}

/**
 * The cache file without its run record (when it has one): its header line, then the entries. The record, up to
 * half of the file, is never read by the linting run.
 */
function readWithoutRun(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.allocUnsafe(Math.min(size, 4096));
    const got = readSync(fd, head, 0, head.length, 0);
    const newline = head.subarray(0, got).indexOf(10);
    const run = newline < 0 ? null : /"run":"(\d{1,12}):/.exec(head.toString('latin1', 0, newline));
    if (!run) return readFileSync(file);
    const skipped = Number(run[1]) + 1;
    const data = Buffer.allocUnsafe(Math.max(newline + 1, size - skipped));
    readFully(fd, data.subarray(0, newline + 1), 0);
    readFully(fd, data.subarray(newline + 1), newline + 1 + skipped);
    return data;
  } finally {
    closeSync(fd);
  }
}

function readFully(fd: number, into: Buffer, position: number): void {
  for (let done = 0; done < into.length; ) {
    const read = readSync(fd, into, done, into.length - done, position + done);
    if (read === 0) throw new Error('the file is shorter than its header says');
    done += read;
  }
}

/** The HMAC of a run record with the cache's key (hex). */
function runSum(key: Buffer, bytes: Uint8Array): string {
  return createHmac('sha256', key).update(RUN_SUM_PREFIX).update(bytes).digest('hex');
}

/**
 * The run record of the cache `file` when it is signed with `key` (else undefined: no file, no record, another
 * format, a record whose HMAC does not match), with the cache file's mtime (ns) as written. Reads the header
 * and the record only, never the entries; the record's first piece alone when `worthReading` says no to it
 * (not yet checked then: `worthReading` only looks, a use waits for the HMAC).
 */
export function readRunSection(file: string, key: Buffer, worthReading: (first: Buffer, writtenNs: bigint) => boolean): { bytes: Buffer; writtenNs: bigint } | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const head = Buffer.allocUnsafe(4096);
    const got = readSync(fd, head, 0, head.length, 0);
    const newline = head.subarray(0, got).indexOf(10);
    if (newline < 0) return undefined;
    const header = JSON.parse(head.toString('utf8', 0, newline)) as { format?: unknown; version?: unknown; run?: unknown };
    if (header?.format !== FORMAT || header.version !== FORMAT_VERSION || typeof header.run !== 'string') return undefined;
    const run = RUN_FIELD.exec(header.run);
    if (!run) return undefined;
    const bytes = Buffer.allocUnsafe(Number(run[1]));
    const first = Number(run[2]);
    if (first > bytes.length) return undefined;
    // The first piece (the CLI's record without its output) decides whether the rest is read and the whole checked.
    readFully(fd, bytes.subarray(0, first), newline + 1);
    const writtenNs = fstatSync(fd, { bigint: true }).mtimeNs;
    if (!worthReading(bytes.subarray(0, first), writtenNs)) return undefined;
    readFully(fd, bytes.subarray(first), newline + 1 + first);
    if (!sameText(run[3], runSum(key, bytes))) return undefined;
    return { bytes, writtenNs };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Compares two strings in a time that does not depend on where they differ. */
function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The name of a second entry for a path (e.g. its facts beside its findings): the path, NUL, the section. A
 * path never holds NUL, so no file's own entry can take this name; the entry lives as long as the file.
 */
export function sectionEntry(path: string, section: string): string {
  return `${path}\u0000${section}`;
}

function fileOfEntry(name: string): string {
  const end = name.indexOf('\u0000');
  return end < 0 ? name : name.slice(0, end);
}

/** `--cache-location`: a folder gets the default file name inside it, as eslint does. */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  const path = resolve(cwd, location ?? DEFAULT_CACHE_FILE);
  try {
    if (statSync(path).isDirectory()) return join(path, DEFAULT_CACHE_FILE);
  } catch {
    // not there yet: a file of that name
  }
  return path;
}

/** A key over the given parts (each framed by its length in bytes, so that no two lists give the same input). */
export function cacheKey(parts: ReadonlyArray<string | Uint8Array>): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    // A string is hashed as its UTF-8 bytes without a copy of them on the heap (a chart's key covers all its texts).
    hash.update(`${typeof part === 'string' ? Buffer.byteLength(part, 'utf8') : part.length}:`);
    hash.update(part);
  }
  return hash.digest('hex');
}

/**
 * A key over the given parts and a unit's whole source set (every path its render or build read, with that
 * file's content, in path order): a unit is reused only when each of its inputs is the same.
 */
export function sourceSetKey(parts: readonly string[], files: ReadonlyMap<string, string | Uint8Array>): string {
  return cacheKey([...parts, '', ...[...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flat()]);
}

/** A file's content as a key part: the SHA-256 of its bytes (hashed once per run, used by every key that needs it). */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const digests = new WeakMap<object, string>();

/**
 * The effective settings of a file as one digest: its whole resolved configuration (extends, overrides,
 * categories, ignore and kind globs, suppressions, Helm options, command-line --rule overrides). Computed once
 * per configuration object.
 */
export function settingsDigest(config: object): string {
  let digest = digests.get(config);
  if (digest === undefined) {
    digest = sha256(JSON.stringify(config));
    digests.set(config, digest);
  }
  return digest;
}

/** This build of stridelint: its version and a digest of the running bundle, so a rebuilt engine starts afresh. */
export function runningToolId(version: string): string {
  try {
    return `${version}+${createHash('sha256').update(readFileSync(__filename)).digest('hex').slice(0, 16)}`;
  } catch {
    return version;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
