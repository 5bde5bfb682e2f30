import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The cache file's first line names it; anything else at that path is foreign and is not read. */
const FORMAT = 'stridelint-cache';
const FORMAT_VERSION = 2;
export const DEFAULT_CACHE_FILE = '.stridelint-cache';
const NEWLINE = Buffer.from('\n');

interface Entry {
  key: string;
  /**
   * The cached value as JSON, parsed only when the file's key matches: text when set in this run, else its
   * UTF-8 bytes in the loaded file (decoded one entry at a time: a large cache is never one string).
   */
  json: string | Buffer;
  /** Set for a value kept as bytes (setBytes): `json` holds them, not JSON. */
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
  /** Why the file on disk was not used ('' when it was, or there was none). */
  readonly discarded: string;

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
    if (this.discarded) this.entries.clear(); // nothing of a file not used is trusted
  }

  /** The cached value for `path` when its key matches and the value has the expected shape. */
  get<T>(path: string, key: string, isValid: (value: unknown) => value is T): T | undefined {
    this.seen.add(path);
    const entry = this.entries.get(path);
    if (!entry || entry.key !== key || entry.bytes) return undefined;
    try {
      const value: unknown = JSON.parse(typeof entry.json === 'string' ? entry.json : entry.json.toString('utf8'));
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
    return typeof entry.json === 'string' ? Buffer.from(entry.json) : entry.json;
  }

  /** Stores bytes as they are (no JSON): they are written length-prefixed, so they may hold any byte. */
  setBytes(path: string, key: string, bytes: Buffer): void {
    this.seen.add(path);
    this.entries.set(path, { key, json: bytes, bytes: true, stamp: '' });
    this.changed = true;
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
    for (const path of this.entries.keys()) {
      if (this.seen.has(path) || existsSync(fileOfEntry(path))) continue;
      this.entries.delete(path);
      this.changed = true;
    }
    if (!this.changed) return;
    const parts: Buffer[] = [];
    for (const [path, entry] of this.entries) {
      const value = typeof entry.json === 'string' ? Buffer.from(entry.json) : entry.json;
      // A JSON value never starts with '#': `#length:` marks bytes, which may hold newlines.
      parts.push(Buffer.from(`${entry.key}\t${entry.stamp}\t${JSON.stringify(path)}\t${entry.bytes ? `#${value.length}:` : ''}`), value, NEWLINE);
    }
    const body = Buffer.concat(parts);
    const header = JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, tool: this.toolId, [this.sumField]: this.bodySum(body) });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${header}\n`), body]));
    renameSync(temporary, this.file);
    this.changed = false;
  }

  /** The header field that checks the body. */
  private get sumField(): 'hmac' | 'checksum' {
    return typeof this.sum === 'object' ? 'hmac' : 'checksum';
  }

  /** What checks a cache body: its HMAC with the key (format, version and tool included), or its SHA-256; hex. */
  private bodySum(body: Buffer): string {
    if (typeof this.sum === 'object') return createHmac('sha256', this.sum.hmacKey).update(`${FORMAT}\n${FORMAT_VERSION}\n${this.toolId}\n`).update(body).digest('hex');
    return createHash('sha256').update(body).digest('hex');
  }

  private load(): string {
    let data: Buffer;
    try {
      data = readFileSync(this.file);
    } catch (error) {
      this.changed = true;
      return (error as NodeJS.ErrnoException).code === 'ENOENT' ? '' : `cannot be read (${(error as Error).message})`;
    }
    this.changed = true;
    const newline = data.indexOf(10);
    let header: { format?: unknown; version?: unknown; tool?: unknown; checksum?: unknown; hmac?: unknown };
    try {
      header = JSON.parse(data.toString('utf8', 0, newline < 0 ? data.length : newline)) as typeof header;
    } catch {
      return 'not a stridelint cache';
    }
    if (header?.format !== FORMAT) return 'not a stridelint cache';
    // Another build's cache is simply out of date: replaced without a word.
    if (header.version !== FORMAT_VERSION || header.tool !== this.toolId) return '';
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
    const bytes = typeof part === 'string' ? Buffer.from(part) : part;
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
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
