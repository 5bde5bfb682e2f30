import { FactsIndex, factsOfFile, hostWorkspaceFacts, type FactsOptions, type FileKind, type WorkspaceFacts } from '../../rules/engine';

/** Kinds whose rules read the host files' settings (daemon.json, dockerd flags, audit rules). */
const HOST_READERS: ReadonlySet<FileKind> = new Set(['compose', 'daemon', 'systemd', 'env-file', 'audit', 'kubernetes']);
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
  private host?: WorkspaceFacts;
  private readonly stale = new Set<string>();
  private timer?: NodeJS.Timeout;
  /** Changes with every change of any file's facts (cache keys of findings that read facts). */
  generation = 0;

  constructor(private readonly relint: (paths: string[]) => void) {}

  /** A file's current text (the open document's, unsaved included, or the disk's). */
  update(path: string, text: string, options: FactsOptions): void {
    this.changed(this.index.set(path, factsOfFile(text, path, options)), path);
  }

  /** A file was deleted or renamed away: its facts go, and their readers are re-linted. */
  delete(path: string): void {
    this.readers.delete(path);
    this.changed(this.index.delete(path), path);
  }

  /** Every file at or below a deleted folder. */
  deleteUnder(folder: string): void {
    for (const [path] of [...this.index.entries()]) if (path === folder || path.startsWith(`${folder}/`)) this.delete(path);
  }

  /** The facts one lint of `path` reads; what it asks is recorded as that file's dependencies. */
  workspaceFor(path: string): WorkspaceFacts {
    const keys = new Set<string>(['host']);
    this.readers.set(path, keys);
    this.host ??= hostWorkspaceFacts(this.index.entries());
    return { ...this.host, index: this.index.view((key) => keys.add(key)) };
  }

  /** After the lint: a file whose kind reads no host settings does not depend on them. */
  linted(path: string, kind: FileKind | undefined): void {
    if (!kind || !HOST_READERS.has(kind)) this.readers.get(path)?.delete('host');
  }

  private changed(keys: string[], source: string): void {
    if (keys.length === 0) return;
    this.generation++;
    if (keys.includes('host')) this.host = undefined;
    for (const [path, read] of this.readers) if (path !== source && keys.some((key) => read.has(key))) this.stale.add(path);
    if (this.stale.size === 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const paths = [...this.stale];
      this.stale.clear();
      this.relint(paths);
    }, QUIET_MS);
  }
}
