import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { cacheSigningKey } from './cache-key';
import { cacheFilePath, readRunSection } from '../shared/lint-cache';
import { decodeRecord, decodeRecordLine, stampOf, type RunRecord } from './run-record';

export interface ReplayIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout(bytes: Buffer): void;
  stderr(bytes: Buffer): void;
  /** The engine bundle (its stamp is in the record). */
  engine: string;
}

/**
 * The whole-run fast path of `--cache`: when the cache holds a record of a run with the same arguments, in the
 * same folder, by the same engine and node, signed with this user's key, and every path it depended on still has
 * its stamp (none of them changed as late as the cache was written: racy), writes the recorded output and returns
 * the exit code. Otherwise undefined: the engine runs as usual. Never throws.
 */
export function replayRun(argv: readonly string[], io: ReplayIo): number | undefined {
  const found = recordThatHolds(argv, io);
  if (!found) return undefined;
  // From here on the run is the record's: an error writing is the run's error, not a reason to lint again.
  const { record, output } = found;
  let at = 0;
  const file = record.output === null ? undefined : fileWriter(record.output);
  try {
    for (const [stream, length] of record.segments) {
      const bytes = output.subarray(at, at + length);
      at += length;
      if (stream === 'e') io.stderr(bytes);
      else if (file) file.write(bytes);
      else io.stdout(bytes);
    }
    file?.close();
  } catch (error) {
    file?.abort();
    throw error;
  }
  return record.exit;
}

/** The cache's run record and its output when the record holds for this run (see replayRun), else undefined. */
function recordThatHolds(argv: readonly string[], io: ReplayIo): { record: RunRecord; output: Buffer } | undefined {
  try {
    if (!argv.includes('--cache') || argv[0] === 'rules' || argv[0] === 'report' || argv[0] === 'render') return undefined;
    const cacheFile = cacheFilePath(cacheLocationIn(argv), io.cwd);
    const signing = cacheSigningKey(io.env);
    if ('error' in signing) return undefined;
    // The record is looked at before its HMAC is checked (cheap when it does not hold: the output is not read); it is used only after.
    const section = readRunSection(cacheFile, signing.key, (first, writtenNs) => {
      const record = decodeRecordLine(first);
      return record !== undefined && holds(record, argv, io, cacheFile, writtenNs);
    });
    return section && decodeRecord(section.bytes);
  } catch {
    return undefined;
  }
}

function holds(record: RunRecord, argv: readonly string[], io: ReplayIo, cacheFile: string, writtenNs: bigint): boolean {
  if (record.argv.length !== argv.length || record.argv.some((arg, index) => arg !== argv[index])) return false;
  if (record.cwd !== io.cwd || record.node !== process.version || record.engine !== stampOf('s', io.engine)) return false;
  // Racy: a path changed in the same clock tick as the cache was written could change again unseen.
  if (BigInt(record.latest) >= writtenNs) return false;
  const cacheFolder = dirname(cacheFile);
  // Each stamp as recorded (so none is later than `latest`).
  for (const [operation, path, stamp] of record.stamps) {
    if (stampOf(operation, path, operation === 'l' && path === cacheFolder ? basename(cacheFile) : undefined) !== stamp) return false;
  }
  return true;
}

/** `--cache-location`'s value as the engine reads it (the last one given). */
function cacheLocationIn(argv: readonly string[]): string | undefined {
  let location: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--cache-location') location = argv[++index];
    else if (arg.startsWith('--cache-location=')) location = arg.slice('--cache-location='.length);
  }
  return location;
}

/** `--output FILE` as the engine writes it: a temporary file beside it, renamed over it at the end. */
function fileWriter(target: string): { write(bytes: Buffer): void; close(): void; abort(): void } {
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'w');
  let open = true;
  const shut = (): void => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write(bytes) {
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
    },
    close() {
      shut();
      renameSync(temporary, target);
    },
    abort() {
      shut();
      rmSync(temporary, { force: true });
    },
  };
}
