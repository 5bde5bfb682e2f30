import { StringPool } from './string-pool';
import { FactsIndex, factsOfFile, hostWorkspaceFacts, type FactsOptions, type FileFacts, type FileKind, type WorkspaceFacts } from '../../rules/engine';
import { FactsDigests, HOST_READERS } from '../shared/facts-digests';
import { withoutPlaces } from './fact-ranges';

/** Re-lints of readers wait for this long a pause in fact changes, so that a workspace scan re-lints each reader once. */
const QUIET_MS = 100;

/**
 * The language server's workspace index of facts (issue 18): filled from every file it lints (the scan, watched
 * changes, open documents with their unsaved text), with a dependency map from the facts each lint asked for to
 * the file that asked. When a file's facts change, exactly the files that read them are re-linted, open or not.
 */
export class WorkspaceFactsStore {
  private readonly index = new FactsIndex();
  /** Reader file → the fact keys its last lint asked under. */
  private readonly readers = new Map<string, Set<string>>();
  private readonly keyStrings = new StringPool();
  /** The facts object last given per file (a caller that keeps its object while nothing changed skips the comparison). */
  private readonly given = new Map<string, FileFacts>();
  private host?: WorkspaceFacts;
  private readonly stale = new Set<string>();
  private timer?: NodeJS.Timeout;
  /**
   * Changes with every change of any file's facts other than a pure move of their places (cache keys of
   * findings that read facts: a finding whose related places point at facts is re-linted anyway, see
   * DocumentLintCache, so lines shifted by an edit above do not invalidate the findings of a whole file).
   */
  generation = 0;
  /** Digest of each fact key's current answer, for the generation they were computed in. */
  private digests?: { generation: number; of: FactsDigests };
  /** Fact keys changed since each watch began (see watchChanges). */
  private readonly watches = new Set<Set<string>>();

  constructor(private readonly relint: (paths: string[]) => void) {}

  /**
   * A file's current text (the open document's, unsaved included, or the disk's); `known`: its facts when the
   * caller has them already (an open manifest's, built per document). The same object as before: unchanged.
   */
  update(path: string, text: string, options: FactsOptions, known?: FileFacts): void {
    this.store(path, known ?? factsOfFile(text, path, options));
  }

  /** The facts of a file from a parse already made (the lint's own, `LintOptions.workspaceWithFacts`). */
  set(path: string, facts: FileFacts | undefined): void {
    this.store(path, facts);
  }

  /** After the lint: a file whose kind reads no host settings does not depend on them. */
  linted(path: string, kind: FileKind | undefined): void {
    if (!kind || !HOST_READERS.has(kind)) this.readers.get(path)?.delete('host');
  }

  private store(path: string, facts: FileFacts | undefined): void {
    // The index keeps the object it has when the new one is equal: the last one given is remembered too.
    if (facts !== undefined && facts === this.given.get(path)) return;
    if (facts === undefined) this.given.delete(path);
    else this.given.set(path, facts);
    const before = this.index.get(path);
    const keys = this.index.set(path, facts);
    this.changed(keys, path, keys.length > 0 && before !== undefined && facts !== undefined && withoutPlaces(before) === withoutPlaces(facts));
  }

  /** A file was deleted or renamed away: its facts go, and their readers are re-linted. */
  delete(path: string): void {
    this.readers.delete(path);
    this.given.delete(path);
    this.changed(this.index.delete(path), path);
  }

  /** Every file at or below a deleted folder. */
  deleteUnder(folder: string): void {
    for (const [path] of [...this.index.entries()]) if (path === folder || path.startsWith(`${folder}/`)) this.delete(path);
  }

  /**
   * The facts one lint of `path` reads; what it asks is recorded as that file's dependencies. `adding`: the lint
   * covers part of the file (some of its services), so its reads join those recorded before.
   */
  workspaceFor(path: string, adding = false): WorkspaceFacts {
    let keys = adding ? this.readers.get(path) : undefined;
    if (!keys) this.readers.set(path, (keys = new Set<string>(['host'])));
    this.host ??= hostWorkspaceFacts(this.index.entries());
    return { ...this.host, index: this.index.view((key) => keys.add(key)) };
  }

  /**
   * A workspace scan's facts, all at once: every scanned file's facts are set (but an open document's own, once
   * it has given them), facts of files neither scanned nor kept (open) go. Readers among the scanned files are
   * linted by the scan itself; other readers whose facts changed (open documents) are re-linted.
   */
  loadScan(scanned: ReadonlyMap<string, FileFacts | undefined>, keep: (path: string) => boolean): void {
    const changed = new Set<string>();
    for (const [path] of [...this.index.entries()]) {
      if (scanned.has(path) || keep(path)) continue;
      this.given.delete(path);
      for (const key of this.index.delete(path)) changed.add(key);
    }
    // In path order, not the order the scan's threads finished in: answers listing several files (namespaces,
    // cluster objects, host settings) and so their digests in the scan cache are the same from run to run.
    for (const [path, facts] of [...scanned].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      // A document opened since the scan read the file has given its own facts (its unsaved text): they stay. A
      // keystroke's facts made while the scan ran were replaced by the disk's here, and the readers it had
      // re-linted lost their findings again.
      if (keep(path) && this.given.has(path)) continue;
      this.given.delete(path); // the scan's object replaces what a lint from disk gave
      for (const key of this.index.set(path, facts)) changed.add(key);
    }
    if (changed.size === 0) return;
    for (const watch of this.watches) for (const key of changed) watch.add(key);
    this.generation++;
    if (changed.has('host')) this.host = undefined;
    for (const [path, read] of this.readers) if (!scanned.has(path) && [...read].some((key) => changed.has(key))) this.stale.add(path);
    if (this.stale.size > 0) this.relintSoon();
  }

  /** Every file's facts (what a scan's worker threads lint against). */
  entries(): Array<[string, FileFacts]> {
    return [...this.index.entries()];
  }

  /**
   * From now on, the fact keys whose answers change (until `stop`): a lint made elsewhere against the index as it
   * was (a scan's worker) is stale when it read one of them.
   */
  watchChanges(): { changed: ReadonlySet<string>; stop(): void } {
    const changed = new Set<string>();
    this.watches.add(changed);
    return { changed, stop: () => this.watches.delete(changed) };
  }

  /** A reader whose recorded lint is stale (it read a fact that changed since): it is re-linted with the others. */
  relintLater(path: string): void {
    this.stale.add(path);
    this.relintSoon();
  }

  /** What a lint done elsewhere (a scan's worker, the scan cache) read: the file's dependencies. */
  recordReads(path: string, keys: readonly string[], kind: FileKind | undefined): void {
    this.readers.set(path, new Set(keys.map((key) => this.keyStrings.intern(key))));
    this.linted(path, kind);
  }

  /**
   * One digest of the current answers to these fact keys (the scan cache reuses a file's findings while it is
   * the same); undefined when a key is not one this store can answer.
   */
  digestOf(keys: readonly string[]): string | undefined {
    if (this.digests?.generation !== this.generation) this.digests = { generation: this.generation, of: new FactsDigests(this.index, () => (this.host ??= hostWorkspaceFacts(this.index.entries()))) };
    return this.digests.of.digestOf(keys);
  }

  /** `moved`: only the places of the facts changed (readers are re-linted, for their related places). */
  private changed(keys: string[], source: string, moved = false): void {
    if (keys.length === 0) return;
    for (const watch of this.watches) for (const key of keys) watch.add(key);
    if (!moved) this.generation++;
    if (keys.includes('host')) this.host = undefined;
    for (const [path, read] of this.readers) if (path !== source && keys.some((key) => read.has(key))) this.stale.add(path);
    if (this.stale.size > 0) this.relintSoon();
  }

  private relintSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const paths = [...this.stale];
      this.stale.clear();
      this.relint(paths);
    }, QUIET_MS);
  }
}
