import fs from 'node:fs';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { RECORD_VERSION, encodeRecord, listingOf, stampOf, stampOfStats, stampTimes, type RunRecord, type StampOperation } from './run-record';

/**
 * A path changed less than this before it was stamped, on a file system whose timestamps have sub-millisecond
 * digits, is racy: a second change within the same clock tick (≤ 10 ms on Linux) could keep its stamp.
 */
const RACY_FINE_NS = 50_000_000n;
/** The same, where timestamps are whole milliseconds or seconds (FAT keeps 2 s): as file-stamp.ts's RACY_MS. */
const RACY_COARSE_NS = 3_000_000_000n;
/** The recorded output is copied into blocks of this size. */
const OUTPUT_BLOCK = 1 << 20;
/** Output text is encoded by pieces of about this many characters. */
const TEXT_PIECE = 1 << 16;

const HOOKED = ['readFileSync', 'readdirSync', 'statSync', 'existsSync', 'realpathSync', 'openSync', 'lstatSync', 'readlinkSync', 'opendirSync', 'accessSync'] as const;

/**
 * Records what a CLI run's output depends on, for the whole-run fast path (run-record.ts): while on, node's fs
 * functions the engine reads with are wrapped so that each path is stamped before its first use. A way of
 * reading the recorder does not know (lstat, readlink, opendir, access, open for reading) spoils the record:
 * no record is better than one that misses an input. The run is synchronous: nothing else runs while it is on.
 */
export class RunRecorder {
  private readonly stamps = new Map<string, [StampOperation, string, string]>();
  private readonly originals = new Map<string, unknown>();
  /** Why no record can be kept ('' while it can). */
  private spoiled = '';
  /** The output in blocks; the last one filled up to `used`. */
  private readonly output: Buffer[] = [];
  private used = 0;
  private readonly segments: RunRecord['segments'] = [];
  private latest = 0n;
  /** Hooked calls under way (a nested one is node's own). */
  private depth = 0;
  /** Output text not yet copied into the blocks (joined and encoded by the 64 KiB), and its stream. */
  private pendingText: string[] = [];
  private pendingLength = 0;
  private pendingStream: 'o' | 'e' = 'o';
  /** Each folder's entries as the run first read them (for folders compared by their entries at the end). */
  private readonly listedAt = new Map<string, unknown>();

  constructor(
    /** Paths that are the run's own state, not its input (the cache file). */
    private readonly own: ReadonlySet<string>,
  ) {}

  /** Starts recording reads. */
  start(): void {
    const target = fs as unknown as Record<string, unknown>;
    for (const name of HOOKED) this.originals.set(name, target[name]);
    const wrap = <K extends (typeof HOOKED)[number]>(name: K, before: (path: unknown, flags?: unknown) => void, after?: (path: unknown, result: unknown) => void, failed?: (path: unknown) => void) => {
      const original = target[name] as (...args: unknown[]) => unknown;
      const recorder = this;
      const wrapped = function (this: unknown, ...args: unknown[]) {
        // node's fs calls its own exports (readFileSync opens through openSync): only the outer call is the run's.
        if (recorder.depth > 0) return original.apply(this, args);
        recorder.depth++;
        try {
          before(args[0], args[1]);
          let result;
          try {
            result = original.apply(this, args);
          } catch (error) {
            failed?.(args[0]);
            throw error;
          }
          after?.(args[0], result);
          return result;
        } finally {
          recorder.depth--;
        }
      };
      // Properties such as realpathSync.native stay reachable (and spoil the record: a way of reading not watched).
      target[name] = Object.assign(wrapped, original);
      if ('native' in original) {
        const native = (original as unknown as { native: (...args: unknown[]) => unknown }).native;
        (wrapped as unknown as { native: unknown }).native = (...args: unknown[]) => {
          recorder.spoil(`${name}.native`);
          return native(...args);
        };
      }
    };
    const none = (): void => undefined;
    wrap('readFileSync', (path) => this.met('s', path));
    // What a stat, an existence test or a real path gave is its stamp (no second look); a failure is stamped after.
    wrap('statSync', none, (path, stats) => this.met('s', path, isBigIntStats(stats) ? stampOfStats(stats) : stats === undefined ? 'absent' : undefined), (path) => this.met('s', path));
    wrap('existsSync', none, (path, exists) => this.met('e', path, exists ? '1' : '0'));
    wrap('readdirSync', (path) => this.met('d', path), (path, entries) => {
      if (typeof path === 'string' && !this.listedAt.has(resolve(path))) this.listedAt.set(resolve(path), entries);
    });
    wrap('realpathSync', none, (path, real) => this.met('r', path, `=${String(real)}`), (path) => this.met('r', path));
    wrap('openSync', (path, flags) => {
      if (flags === undefined || flags === 'r' || flags === 'rs' || flags === fs.constants.O_RDONLY) this.spoil(`opened for reading: ${String(path)}`);
    });
    for (const name of ['lstatSync', 'readlinkSync', 'opendirSync', 'accessSync'] as const) wrap(name, (path) => this.spoil(`${name}: ${String(path)}`));
  }

  /** Gives the record up (`reason`): reads and output are no longer recorded, nothing is kept. */
  abandon(reason: string): void {
    this.stop();
    this.spoil(reason);
    this.output.length = 0;
    this.pendingText = [];
    this.stamps.clear();
    this.listedAt.clear();
  }

  /** Stops recording reads (the fs functions are node's again). */
  stop(): void {
    const target = fs as unknown as Record<string, unknown>;
    for (const [name, original] of this.originals) target[name] = original;
    this.originals.clear();
  }

  /** Output the run wrote ('o': its output, to stdout or --output; 'e': stderr), in order. */
  wrote(stream: 'o' | 'e', chunk: string | Uint8Array): void {
    if (this.spoiled) return;
    // Text is joined and encoded by the 64 KiB (a format writes many small strings); bytes are copied at once.
    if (stream !== this.pendingStream || typeof chunk !== 'string') this.flushText();
    if (typeof chunk === 'string') {
      this.pendingStream = stream;
      this.pendingText.push(chunk);
      this.pendingLength += chunk.length;
      if (this.pendingLength >= TEXT_PIECE) this.flushText();
    } else this.copy(stream, chunk);
  }

  private flushText(): void {
    if (this.pendingText.length === 0) return;
    const text = this.pendingText.join('');
    this.pendingText = [];
    this.pendingLength = 0;
    this.copy(this.pendingStream, text);
  }

  /** Copied into blocks (a byte chunk may be a view of a buffer the writer reuses): few allocations for many chunks. */
  private copy(stream: 'o' | 'e', chunk: string | Uint8Array): void {
    const length = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (length === 0) return;
    let block = this.output.at(-1);
    if (!block || block.length - this.used < length) {
      if (block) this.output[this.output.length - 1] = block.subarray(0, this.used);
      this.output.push((block = Buffer.allocUnsafe(Math.max(OUTPUT_BLOCK, length))));
      this.used = 0;
    }
    if (typeof chunk === 'string') {
      this.used += block.write(chunk, this.used);
    } else {
      block.set(chunk, this.used);
      this.used += length;
    }
    const last = this.segments.at(-1);
    if (last && last[0] === stream) last[1] += length;
    else this.segments.push([stream, length]);
  }

  /**
   * The record of the finished run (in pieces: the record, then the output), or undefined when none can be kept (a way of reading it does not know, a racy
   * stamp, a folder that changed while the run went on). Call after the output is in place and before the cache
   * is saved: `cacheFile`'s folder is compared by its entries (the save renames the cache into it).
   */
  finish(run: { argv: string[]; cwd: string; output: string | null; exit: number; cacheFile: string; engine: string }): Buffer[] | undefined {
    this.stop();
    this.flushText();
    if (this.spoiled) return undefined;
    const cacheFolder = dirname(run.cacheFile);
    for (const entry of this.stamps.values()) {
      const [operation, path, stamp] = entry;
      if (operation !== 'd') continue;
      // A folder the run itself changed (the output's temporary file renamed into it) is compared by its entries,
      // as is the cache's folder; any other change to a listed folder during the run: no record.
      if (path !== cacheFolder && stampOf('d', path) === stamp) continue;
      const leaveOut = path === cacheFolder ? basename(run.cacheFile) : undefined;
      entry[0] = 'l';
      entry[2] = stampOf('l', path, leaveOut);
      if (listingStamp(this.listedAt.get(path), leaveOut) !== entry[2]) return undefined;
    }
    const engine = stampOf('s', run.engine);
    const stamps = [...this.stamps.values()].filter((entry) => !this.impliedAbsence(entry));
    const record: RunRecord = { v: RECORD_VERSION, argv: run.argv, cwd: run.cwd, node: process.version, engine, output: run.output, exit: run.exit, segments: this.segments, latest: String(this.latest), stamps };
    if (this.output.length > 0) this.output[this.output.length - 1] = this.output[this.output.length - 1].subarray(0, this.used);
    return encodeRecord(record, this.output);
  }

  /**
   * Whether a stamp only says that a path is absent from a folder the run listed, which did not change from its
   * listing to the end of the run (its 'd' stamp still holds), and whose listing lacked the name: the folder's
   * stamp says it then (an entry added to a folder moves its times). Most are the places a `.stridelint.yaml`
   * was looked for. Call once the 'd' stamps are checked.
   */
  private impliedAbsence([operation, path, stamp]: [StampOperation, string, string]): boolean {
    if (!((operation === 'e' && stamp === '0') || (operation === 's' && stamp === 'absent'))) return false;
    const folder = dirname(path);
    if (this.stamps.get(`d\u0000${folder}`)?.[0] !== 'd') return false;
    const listed = this.listedAt.get(folder);
    const name = basename(path);
    return Array.isArray(listed) && listed.every((entry) => entry instanceof fs.Dirent) && !(listed as fs.Dirent[]).some((entry) => entry.name === name);
  }

  /** `known`: the stamp, from what the call gave (else the path is looked at now). */
  private met(operation: StampOperation, given: unknown, known?: string): void {
    if (this.spoiled) return;
    if (typeof given !== 'string') {
      if (typeof given === 'number') this.spoil('a read by file descriptor');
      else if (given instanceof URL || Buffer.isBuffer(given)) this.spoil('a path given as a URL or bytes');
      return;
    }
    const path = isAbsolute(given) ? given : resolve(given);
    if (this.own.has(path)) return;
    const key = `${operation}\u0000${path}`;
    if (this.stamps.has(key)) return;
    // Stamped before it is used: a change after the stamp shows at the next run.
    const stamp = known ?? stampOf(operation, path);
    const now = BigInt(Date.now()) * 1_000_000n;
    for (const time of stampTimes(stamp)) {
      const racy = time % 1_000_000n === 0n ? RACY_COARSE_NS : RACY_FINE_NS;
      if (time > now - racy) return this.spoil(`racy: ${path} changed just now`);
      if (time > this.latest) this.latest = time;
    }
    this.stamps.set(key, [operation, path, stamp]);
  }

  private spoil(reason: string): void {
    this.spoiled ||= reason;
    this.stop(); // nothing more to record
  }

  /** Why the run keeps no record ('' when it may). */
  get spoiledBy(): string {
    return this.spoiled;
  }
}

/** The 'l' stamp of a listing as readdirSync returned it (entries with their kinds); '' when it has no kinds. */
function listingStamp(entries: unknown, leaveOut: string | undefined): string {
  return Array.isArray(entries) && entries.every((entry) => entry instanceof fs.Dirent) ? listingOf(entries as fs.Dirent[], leaveOut) : '';
}

function isBigIntStats(stats: unknown): stats is fs.BigIntStats {
  return typeof (stats as { mtimeNs?: unknown } | undefined)?.mtimeNs === 'bigint';
}
