import { readFileSync, type Dirent } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import { ConfigurationError, emptyConfig, type StridelintConfig } from '../../rules/engine';
import { ConfigResolver } from '../shared/config-loader';
import { configErrorDiagnostics } from './config-diagnostics';
import { folderOf, pathToUri } from './paths';
import type { ServerSettings } from './settings';
import type { WorkspaceFolders } from './workspace-folders';

interface ConfigEntry {
  config: StridelintConfig;
  error?: ConfigurationError;
}

/**
 * The `.stridelint.yaml` in force for each file (or the one the `configFile` setting names), cached per folder.
 * An invalid config is reported on its own file (`diagnostics`) and the defaults are used.
 */
export class ConfigStore {
  /** Diagnostics of invalid config files by URI; they are published together with that file's own. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  private resolver = new ConfigResolver();
  private readonly explicitResolvers = new Map<string, ConfigResolver>();
  private cache = new Map<string, ConfigEntry>();

  constructor(
    private readonly folders: WorkspaceFolders,
    private readonly warnOnce: (message: string) => void,
    /** A config file got diagnostics: the server publishes them. */
    private readonly onInvalid: (uri: string) => void,
  ) {}

  configFor(path: string, settings: ServerSettings): StridelintConfig {
    const folder = this.folders.folderFor(path);
    const explicit = settings.configFile ? (isAbsolute(settings.configFile) ? settings.configFile : resolve(folder?.path ?? folderOf(path), settings.configFile)) : undefined;
    const key = explicit ? `explicit:${explicit}` : folderOf(path);
    const cached = this.cache.get(key);
    if (cached) return cached.config;
    let entry: ConfigEntry;
    try {
      if (explicit) {
        let explicitResolver = this.explicitResolvers.get(explicit);
        if (!explicitResolver) {
          explicitResolver = new ConfigResolver(explicit);
          this.explicitResolvers.set(explicit, explicitResolver);
        }
        entry = { config: explicitResolver.forFile(path) };
      } else entry = { config: this.resolver.forFile(path) };
    } catch (error) {
      if (error instanceof ConfigurationError) entry = { config: emptyConfig(), error };
      else {
        entry = { config: emptyConfig() };
        this.warnOnce(`the configuration for ${path} could not be read (${(error as Error).message}); the defaults are used.`);
      }
    }
    this.cache.set(key, entry);
    if (entry.error) this.report(entry.error);
    return entry.config;
  }

  /** A workspace scan's listing of the folders it read (undefined: none): configurations are looked up in it. */
  useListing(listing: ReadonlyMap<string, readonly Dirent[]> | undefined): void {
    this.resolver.useListing(listing);
  }

  /** Forgets every config read; returns the URIs whose config diagnostics were dropped (to be cleared). */
  reset(): string[] {
    this.resolver = new ConfigResolver();
    this.explicitResolvers.clear();
    this.cache = new Map();
    const stale = [...this.diagnostics.keys()];
    this.diagnostics.clear();
    return stale;
  }

  private report(error: ConfigurationError): void {
    for (const [file, diagnostics] of configErrorDiagnostics(error, readLine)) {
      const uri = pathToUri(file);
      if (this.diagnostics.has(uri)) continue;
      this.diagnostics.set(uri, diagnostics);
      this.onInvalid(uri);
    }
  }
}

function readLine(file: string, line: number): string {
  try {
    return readFileSync(file, 'utf8').split(/\r?\n|\r/)[line] ?? '';
  } catch {
    return '';
  }
}
