import { FactsIndex, factsKindOf, factsOfFile, hostWorkspaceFacts, type FileFacts, type StridelintConfig, type WorkspaceFacts } from '../../rules/engine';
import { detachedFacts } from '../../rules/facts/detached-facts';
import { toPosix } from '../shared/config-loader';
import { readText } from '../shared/read-text';
import { isCachedFacts } from '../shared/facts-shape';
import { FactsDigests } from '../shared/facts-digests';
import { cacheKey, contentHash, sectionEntry, settingsDigest, type LintCache } from '../shared/lint-cache';
import { fileStamp } from '../shared/file-stamp';

export interface RunIndex {
  index: FactsIndex;
  /** What the host files (daemon.json, dockerd flags, audit rules) say together. */
  host: WorkspaceFacts;
  /** With --cache: digests of the index's answers, so a cached result is reused while what its lint read is the same. */
  digests: FactsDigests;
  /** With --cache: each indexed file's content hash, so that a file whose result is cached is read only once. */
  contentHashes: Map<string, string>;
}

/** With --cache: the store and this build's identity, which every facts entry's key includes. */
export interface IndexCache {
  store: LintCache;
  toolId: string;
}

interface Indexed {
  file: string;
  config: StridelintConfig;
  hash?: string;
}

/**
 * The run's workspace facts (issue 18): every walked file's facts in one index, read before any file is linted
 * so that each lint sees the whole workspace (compose → Dockerfile, Kubernetes relations), plus what the host
 * files (daemon.json, dockerd flags, audit rules) say together. Unreadable files add nothing: they are
 * reported when linted. A Dockerfile's facts are read only by the compose files that build it, so only those
 * Dockerfiles are parsed here. With --cache, a file's facts come from the cache while its content and settings
 * are the same: a run over unchanged files parses nothing.
 */
export function workspaceIndex(files: readonly string[], configFor: (file: string) => StridelintConfig, shown: (file: string) => string, cache?: IndexCache): RunIndex {
  const index = new FactsIndex();
  const contentHashes = new Map<string, string>();
  const dockerfiles = new Map<string, Indexed>();
  const factsKey = (posix: string, entry: Indexed) => cache && entry.hash && cacheKey([cache.toolId, settingsDigest(entry.config), posix, entry.hash]);
  /** The file's facts from the cache (null: it has none), undefined when they are not cached. */
  const cachedFacts = (posix: string, entry: Indexed): FileFacts | null | undefined => {
    const key = factsKey(posix, entry);
    return cache && key ? cache.store.get(sectionEntry(posix, 'facts'), key, isCachedFacts) : undefined;
  };
  const factsOf = (posix: string, entry: Indexed, text: string): FileFacts | undefined => {
    const cached = cachedFacts(posix, entry);
    if (cached !== undefined) return cached ?? undefined;
    const key = factsKey(posix, entry);
    const facts = detachedFacts(factsOfFile(text, posix, { config: entry.config }));
    if (cache && key) cache.store.set(sectionEntry(posix, 'facts'), key, facts ?? null);
    return facts;
  };
  for (const file of files) {
    const posix = toPosix(file);
    const entry: Indexed = { file, config: configFor(file) };
    // The file's stat stamp, taken before its read: while the file keeps it, its `read` record (keyed by the
    // content hash) stands for it and the file is neither read nor hashed (file-stamp.ts: ctime, racy window).
    const stamp = cache ? fileStamp(file, settingsDigest(entry.config)) : '';
    const recorded = cache && stamp ? readRecord(cache.store, posix, stamp) : undefined;
    if (recorded) {
      entry.hash = recorded.hash;
      const cached = recorded.dockerfile ? undefined : cachedFacts(posix, entry);
      if (recorded.dockerfile || cached !== undefined) {
        contentHashes.set(posix, recorded.hash);
        if (recorded.dockerfile) dockerfiles.set(posix, entry);
        else setFacts(index, posix, cached ?? undefined);
        continue;
      }
    }
    const read = readQuietly(file, entry.config);
    if (!read) continue;
    if (cache) contentHashes.set(posix, (entry.hash = contentHash(read.bytes)));
    const dockerfile = factsKindOf(read.text, posix, { config: entry.config }) === 'dockerfile';
    if (cache && stamp) cache.store.set(sectionEntry(posix, READ_SECTION), entry.hash as string, { dockerfile } satisfies ReadRecord, stamp);
    if (dockerfile) dockerfiles.set(posix, entry);
    else setFacts(index, posix, factsOf(posix, entry, read.text));
  }
  for (const [, facts] of [...index.entries()]) {
    if (facts.kind !== 'compose') continue;
    for (const build of facts.builds) {
      const entry = dockerfiles.get(build.dockerfile);
      if (!entry) continue;
      dockerfiles.delete(build.dockerfile);
      // A Dockerfile whose content hash came from its stamp record and whose facts are cached is not read.
      const cached = cachedFacts(build.dockerfile, entry);
      if (cached !== undefined) {
        setFacts(index, build.dockerfile, cached ?? undefined);
        continue;
      }
      const read = readQuietly(entry.file, entry.config);
      if (read) setFacts(index, build.dockerfile, factsOf(build.dockerfile, entry, read.text));
    }
  }
  const byShown = new Map(files.map((file) => [toPosix(file), shown(file)]));
  const host = hostWorkspaceFacts(index.entries(), (path) => byShown.get(path) ?? path);
  return { index, host, digests: new FactsDigests(index, () => host), contentHashes };
}

/** The cache section recording what a read of the file found; its key is the file's content hash. */
const READ_SECTION = 'read';

/** What the last read of a file found besides its content hash: whether it is a Dockerfile (under the stamp's settings). */
interface ReadRecord {
  dockerfile: boolean;
}

function isReadRecord(value: unknown): value is ReadRecord {
  return typeof value === 'object' && value !== null && typeof (value as ReadRecord).dockerfile === 'boolean';
}

/** The content hash and record of a file that still has the stamp it had when it was read, else undefined. */
function readRecord(store: LintCache, posix: string, stamp: string): (ReadRecord & { hash: string }) | undefined {
  const name = sectionEntry(posix, READ_SECTION);
  const hash = store.keyByStamp(name, stamp);
  const record = hash === undefined ? undefined : store.get(name, hash, isReadRecord);
  return hash !== undefined && record ? { ...record, hash } : undefined;
}

function setFacts(index: FactsIndex, posix: string, facts: FileFacts | undefined): void {
  if (facts) index.set(posix, facts);
}

/** The file's text, or undefined when it cannot be read or is not text: reported when the file itself is linted. */
export function readQuietly(file: string, config: StridelintConfig): { text: string; bytes: Uint8Array } | undefined {
  try {
    const read = readText(file, config.maxFileSize);
    return 'text' in read ? read : undefined;
  } catch {
    return undefined;
  }
}
