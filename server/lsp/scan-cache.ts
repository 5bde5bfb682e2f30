import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { isCachedFacts } from '../shared/facts-shape';
import { FILE_KINDS, type FileFacts, type FileKind, type Finding } from '../../rules/engine';
import { isArrayOf, isFinding, isObject, isString } from '../shared/finding-shape';
import { LintCache, runningToolId } from '../shared/lint-cache';
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

export function isScanCacheEntry(value: unknown): value is ScanCacheEntry {
  return (
    isObject(value) &&
    (value.kind === null || (FILE_KINDS as readonly unknown[]).includes(value.kind)) &&
    isArrayOf(value.findings, isFinding) &&
    isCachedFacts(value.facts) &&
    isArrayOf(value.reads, isString) &&
    (value.readsDigest === null || isString(value.readsDigest))
  );
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
