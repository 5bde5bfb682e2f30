import { existsSync, readFileSync, statSync } from 'node:fs';
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

  constructor(explicitConfigFile?: string) {
    if (explicitConfigFile) this.explicit = loadConfigFile(explicitConfigFile);
  }

  forFile(file: string): StridelintConfig {
    if (this.explicit) return this.explicit;
    return this.forDirectory(dirname(resolve(file)));
  }

  forDirectory(directory: string): StridelintConfig {
    const cached = this.byDirectory.get(directory);
    if (cached) return cached;
    let config: StridelintConfig | undefined;
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(directory, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) {
        config = loadConfigFile(candidate);
        break;
      }
    }
    if (!config) {
      const parent = dirname(directory);
      config = parent === directory ? emptyConfig() : this.forDirectory(parent);
    }
    this.byDirectory.set(directory, config);
    return config;
  }
}

export function toPosix(path: string): string {
  return path.replace(/\\/g, '/');
}
