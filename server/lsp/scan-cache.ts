import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { isCachedFacts } from '../shared/facts-shape';
import { FILE_KINDS, type FileFacts, type FileKind, type Finding } from '../../rules/engine';
import { isArrayOf, isFinding, isObject, isString } from '../shared/finding-shape';
import { LintCache, runningToolId, type StoredBytes } from '../shared/lint-cache';
export { diagnosticsJsonOf } from './diagnostic';
import { relativeTo } from './paths';

/**
 * What the server's persistent scan cache keeps per file (under the key of its bytes and settings): the
 * compact findings, the file's facts (so an unchanged file is not parsed to fill the workspace index) and the
 * fact keys its lint read, with their digest at that time: the findings are reused only while those facts
 * are the same.
 */
export interface ScanCacheEntry {
  kind: FileKind | null;
  findings: Finding[];
  facts: FileFacts | null;
  reads: string[];
  /** Null when the lint read a fact key the digest cannot name: such a file is always linted again. */
  readsDigest: string | null;
}

/**
 * A file's entry as the scan cache stores it (LintCache bytes): one line of JSON with what a warm start needs at
 * once (kind, facts, reads and their digest, the number of findings), a line of the compact findings, and the
 * JSON of the diagnostics they publish as (`toDiagnostic` of each, before any category filter): a warm start
 * copies those bytes into the publish (publishParamsOfJson) and parses the findings only when something reads
 * them (the threat report). JSON never holds a raw newline: the lines are cut at the first two.
 */
export interface StoredScanEntry {
  kind: FileKind | null;
  facts: FileFacts | null;
  reads: string[];
  readsDigest: string | null;
  count: number;
  /** The findings' JSON (a view of the loaded cache: copy it to keep it). */
  findingsJson: Buffer;
  /** The diagnostics' JSON array (a view of the loaded cache). */
  diagnosticsJson: Buffer;
}

const NEWLINE = 0x0a;

/**
 * The entry's stored text, in pieces LintCache.setBytes writes one after the other as UTF-8: not concatenated,
 * since the save would flatten each such string (≈ 48 MB for a 10,000-file scan, a copy into fresh memory on the
 * server's thread, right after the scan's last diagnostic) only to encode it.
 */
export function encodeScanEntry(entry: ScanCacheEntry, diagnosticsJson: string): StoredBytes {
  const { findings, ...head } = entry;
  return encodeScanEntryJson(head, findings.length, JSON.stringify(findings), diagnosticsJson);
}

/** The same from the findings' JSON (a scan's worker thread wrote it: `JSON.stringify` of the findings). */
export function encodeScanEntryJson(head: Omit<ScanCacheEntry, 'findings'>, count: number, findingsJson: string, diagnosticsJson: string): StoredBytes {
  return [headLine(head, count), findingsJson, '\n', diagnosticsJson];
}

/** The entry's first line, newline included. */
function headLine({ kind, facts, reads, readsDigest }: Omit<ScanCacheEntry, 'findings'>, count: number): string {
  return `${JSON.stringify({ kind, facts, reads, readsDigest, count })}\n`;
}

/** The stored entry, or undefined when the bytes do not have its shape (a miss: the file is parsed again). */
export function decodeScanEntry(bytes: Buffer): StoredScanEntry | undefined {
  const first = bytes.indexOf(NEWLINE);
  const second = first < 0 ? -1 : bytes.indexOf(NEWLINE, first + 1);
  // The diagnostics' array: `[` to `]` with no newline (a view cut elsewhere is damaged).
  if (second < 0 || bytes[second + 1] !== 0x5b || bytes[bytes.length - 1] !== 0x5d || bytes.indexOf(NEWLINE, second + 1) >= 0) return undefined;
  let head: unknown;
  try {
    head = JSON.parse(bytes.toString('utf-8', 0, first));
  } catch {
    return undefined;
  }
  if (
    !isObject(head) ||
    !(head.kind === null || (FILE_KINDS as readonly unknown[]).includes(head.kind)) ||
    !isCachedFacts(head.facts) ||
    !isArrayOf(head.reads, isString) ||
    !(head.readsDigest === null || isString(head.readsDigest)) ||
    !Number.isSafeInteger(head.count) ||
    (head.count as number) < 0
  ) {
    return undefined;
  }
  return { kind: head.kind as FileKind | null, facts: head.facts, reads: head.reads as string[], readsDigest: head.readsDigest as string | null, count: head.count as number, findingsJson: bytes.subarray(first + 1, second), diagnosticsJson: bytes.subarray(second + 1) };
}

/** `path`'s stored entry under `key`; undefined when there is none, or it is damaged (the file is then parsed). */
export function storedScanEntry(cache: LintCache, path: string, key: string): StoredScanEntry | undefined {
  const bytes = cache.getBytes(path, key);
  return bytes && decodeScanEntry(bytes);
}

/** The findings of a stored entry's JSON; undefined when they are not findings or not as many as its head said. */
export function storedFindings(json: Buffer | string, count: number): Finding[] | undefined {
  try {
    const value: unknown = JSON.parse(typeof json === 'string' ? json : json.toString('utf-8'));
    return isArrayOf(value, isFinding) && (value as Finding[]).length === count ? (value as Finding[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The server's version: with a digest of the running bundle, another build's cache is not read. */
const SERVER_VERSION = '0.1.0';

/**
 * Opens the scan cache of these workspace folders in the storage folder the client gave (the extension's
 * storage: never in the workspace). Without a storage folder, or one inside a workspace folder, no cache.
 */
export function openScanCache(storagePath: string | undefined, folders: readonly string[], log: (message: string) => void): LintCache | undefined {
  if (!storagePath || folders.length === 0) return undefined;
  if (folders.some((folder) => relativeTo(folder, storagePath) !== undefined)) {
    log(`stridelint: the storage folder ${storagePath} lies inside the workspace; the scan cache is not used.`);
    return undefined;
  }
  try {
    mkdirSync(storagePath, { recursive: true });
  } catch (error) {
    log(`stridelint: cannot create the storage folder ${storagePath} (${(error as Error).message}); the scan cache is not used.`);
    return undefined;
  }
  const name = createHash('sha256').update([...folders].sort().join('\n')).digest('hex').slice(0, 16);
  const cache = new LintCache(`${storagePath}/scan-cache-${name}`, runningToolId(SERVER_VERSION));
  if (cache.discarded) log(`stridelint: the scan cache ${cache.file} was ${cache.discarded}; it is rebuilt.`);
  return cache;
}
