import { existsSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ALL_RULE_METAS } from '../../rules';
import { emptyConfig, parseConfig, type StridelintConfig } from '../../rules/engine';

export const CONFIG_FILE_NAMES = ['.stridelint.yaml', '.stridelint.yml'];

const KNOWN_RULE_IDS = new Set(ALL_RULE_METAS.map((meta) => meta.id));

/** Reads and validates one configuration file; throws ConfigurationError with the file, key and what is allowed. */
export function loadConfigFile(file: string): StridelintConfig {
  const absolute = resolve(file);
  const text = readFileSync(absolute, 'utf8');
  return parseConfig(text, absolute, toPosix(dirname(absolute)), KNOWN_RULE_IDS);
}

/**
 * Finds the configuration for files in a folder by walking up from it (the nearest `.stridelint.yaml` wins),
 * caching per folder. No file found ⇒ defaults.
 */
export class ConfigResolver {
  private readonly byDirectory = new Map<string, StridelintConfig>();
  private readonly explicit?: StridelintConfig;
  /** Folders a workspace scan has just read, with their entries: no existsSync per folder and name for those. */
  private listing?: ReadonlyMap<string, readonly Dirent[]>;

  constructor(explicitConfigFile?: string) {
    if (explicitConfigFile) this.explicit = loadConfigFile(explicitConfigFile);
  }

  forFile(file: string): StridelintConfig {
    if (this.explicit) return this.explicit;
    return this.forDirectory(dirname(resolve(file)));
  }

  /** The scan's listing of folders (undefined: none), read while it is set. */
  useListing(listing: ReadonlyMap<string, readonly Dirent[]> | undefined): void {
    this.listing = listing;
  }

  forDirectory(directory: string): StridelintConfig {
    const cached = this.byDirectory.get(directory);
    if (cached) return cached;
    let config: StridelintConfig | undefined;
    const entries = this.listing?.get(directory);
    for (const name of CONFIG_FILE_NAMES) {
      // The scan's listing answers most folders without a path joined for each name (≈ 6,000 folders a scan).
      if (entries && !entries.some((entry) => entry.name === name)) continue;
      const candidate = join(directory, name);
      if (entries ? isListedFile(entries, name, candidate) : existsSync(candidate) && statSync(candidate).isFile()) {
        config = loadConfigFile(candidate);
        break;
      }
    }
    if (!config) {
      const parent = dirname(directory);
      config = parent === directory ? emptyConfig() : this.forDirectory(parent);
    }
    // A copy of the folder's path: it is a slice of a file's resolved path, which V8 keeps whole while the slice lives.
    this.byDirectory.set(structuredClone(directory), config);
    return config;
  }
}

/** Whether a folder's listed entries hold a file `name` (a link is a file when its target is). */
function isListedFile(entries: readonly Dirent[], name: string, path: string): boolean {
  const entry = entries.find((candidate) => candidate.name === name);
  if (!entry) return false;
  if (!entry.isSymbolicLink()) return entry.isFile();
  try {
    return statSync(path).isFile();
  } catch {
    return false; // a broken link
  }
}

export function toPosix(path: string): string {
  return path.replace(/\\/g, '/');
}
