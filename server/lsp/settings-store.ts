import type { Connection } from 'vscode-languageserver/node';
import { uriToPath } from './paths';
import { filesExcludeGlobs, parseSettings, type ServerSettings } from './settings';
import type { WorkspaceFolders } from './workspace-folders';

/** The `stridelint.*` settings for one resource, plus the editor's `files.exclude` globs. */
export interface ResourceSettings {
  settings: ServerSettings;
  filesExclude: string[];
}

/**
 * The client's settings per workspace folder: pulled with `workspace/configuration` when the client can, else
 * taken from the last `didChangeConfiguration` push; cached until the settings or the folders change. Problems
 * with them are shown once each. Resource settings differ at most per folder (VS Code's narrowest scope below
 * the workspace), so every file of a folder shares one request: opening a file costs no round trip to the
 * client once its folder was read. Files outside every folder share the settings of no folder.
 */
export class SettingsStore {
  /** Whether the client answers `workspace/configuration` (set at initialisation). */
  canPull = false;
  private readonly cache = new Map<string, Promise<ResourceSettings>>();
  private readonly shownProblems = new Set<string>();
  private pushed: unknown;

  constructor(
    private readonly connection: Connection,
    private readonly knownRuleIds: ReadonlySet<string>,
    private readonly folders: WorkspaceFolders,
  ) {}

  /** The settings of a file or folder (`scopeUri`), or of no folder (undefined). */
  settingsFor(scopeUri: string | undefined): Promise<ResourceSettings> {
    const folderUri = this.folderUriOf(scopeUri);
    const key = folderUri ?? '';
    let cached = this.cache.get(key);
    if (!cached) {
      cached = this.request(folderUri);
      this.cache.set(key, cached);
    }
    return cached;
  }

  /** The settings already read for a scope, without reading them. */
  readBefore(scopeUri: string): Promise<ResourceSettings> | undefined {
    return this.cache.get(this.folderUriOf(scopeUri) ?? '');
  }

  /** The workspace folders changed: a file may now belong to another folder (or to none). */
  foldersChanged(): void {
    this.cache.clear();
  }

  private folderUriOf(scopeUri: string | undefined): string | undefined {
    if (scopeUri === undefined || !scopeUri.startsWith('file:')) return undefined;
    return this.folders.folderFor(uriToPath(scopeUri))?.uri;
  }

  /** The client announced new settings: everything read before is forgotten (and its problems may show again). */
  replace(pushed: unknown): void {
    this.pushed = pushed;
    this.cache.clear();
    this.shownProblems.clear();
  }

  warnOnce(message: string): void {
    if (this.shownProblems.has(message)) return;
    this.shownProblems.add(message);
    this.connection.console.warn(message);
    void this.connection.window.showWarningMessage(`stridelint: ${message}`);
  }

  private async request(scopeUri: string | undefined): Promise<ResourceSettings> {
    let raw: unknown = (this.pushed as { stridelint?: unknown } | undefined)?.stridelint;
    let rawExclude: unknown;
    if (this.canPull) {
      try {
        [raw, rawExclude] = await this.connection.workspace.getConfiguration([
          { scopeUri, section: 'stridelint' },
          { scopeUri, section: 'files.exclude' },
        ]);
      } catch (error) {
        this.warnOnce(`stridelint could not read its settings (${(error as Error).message}); the defaults are used.`);
      }
    }
    const { settings, problems } = parseSettings(raw, this.knownRuleIds);
    for (const problem of problems) this.warnOnce(problem);
    return { settings, filesExclude: filesExcludeGlobs(rawExclude) };
  }
}
