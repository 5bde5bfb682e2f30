import type { FileKind } from './types';
import { matchesAnyGlob } from './glob';

/** Extra path globs per kind, from configuration (e.g. a daemon.json kept under another name). */
export type KindGlobs = Partial<Record<FileKind, string[]>>;

export function baseName(path: string): string {
  const normalized = path.replace(/\\/g, '/');
  return normalized.slice(normalized.lastIndexOf('/') + 1);
}

export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.endsWith('.dockerignore')) return false;
  return (
    lower === 'dockerfile' ||
    lower === 'containerfile' ||
    lower.endsWith('.dockerfile') ||
    lower.endsWith('.containerfile') ||
    lower.startsWith('dockerfile.') ||
    lower.startsWith('containerfile.')
  );
}

export function isComposeName(name: string): boolean {
  return /^(?:docker-)?compose(?:\.[^/]+)?\.ya?ml$/i.test(name) || /\.compose\.ya?ml$/i.test(name);
}

/** `.env`, `.env.production`, `db.env`: the files compose reads with `env_file:` (not `.envrc`, a direnv script). */
export function isDotenvName(name: string): boolean {
  return /^\.env(?:\.[^/]+)?$/i.test(name) || /^[^/]+\.env$/i.test(name);
}

/** The Docker client's config.json: under a `.docker` folder, or any config.json holding registry logins. */
export function isDockerConfig(path: string, name: string, text: string): boolean {
  if (name.toLowerCase() !== 'config.json') return false;
  return /(?:^|\/)\.docker\/config\.json$/i.test(path.replace(/\\/g, '/')) || DOCKER_CONFIG_KEYS.test(text);
}

export function isYamlName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

const DOCKER_CONFIG_KEYS = /"(?:auths|credsStore|credHelpers|HttpHeaders|psFormat|currentContext)"\s*:/;
/** A top-level `services:` mapping (column 0), the compose loader's own test. */
const TOP_LEVEL_SERVICES = /^services[ \t]*:/m;
const API_VERSION = /^[ \t-]*["']?apiVersion["']?[ \t]*:/m;
const KIND = /^[ \t-]*["']?kind["']?[ \t]*:/m;
const TOP_LEVEL_API_VERSION = /^apiVersion[ \t]*:/m;
const JSON_API_VERSION = /"apiVersion"\s*:/;
const JSON_KIND = /"kind"\s*:/;

/**
 * Decides what a file is: by name first (case-insensitive), then, for YAML, by content.
 * Content checks are cheap line scans so that unrelated YAML is never parsed.
 */
export function detectKind(path: string, text: string, options: { languageId?: string; kindGlobs?: KindGlobs; relativePath?: string } = {}): FileKind | undefined {
  const name = baseName(path);
  const globs = options.kindGlobs;
  if (globs) {
    const relative = options.relativePath ?? path;
    for (const kind of Object.keys(globs) as FileKind[]) {
      const patterns = globs[kind];
      if (patterns && matchesAnyGlob(relative, patterns)) return kind;
    }
  }
  if (options.languageId === 'dockerfile' || isDockerfileName(name)) return 'dockerfile';
  if (name.toLowerCase() === 'daemon.json') return 'daemon';
  if (options.languageId === 'dockercompose' || isComposeName(name)) return 'compose';
  if (isDotenvName(name)) return 'dotenv';
  if (isDockerConfig(path, name, text)) return 'docker-config';
  // JSON is YAML too: a KubeletConfiguration or manifest kept as .json is still Kubernetes.
  if (/\.json$/i.test(name) || options.languageId === 'json') {
    return JSON_API_VERSION.test(text) && JSON_KIND.test(text) ? 'kubernetes' : undefined;
  }
  const yamlLike = isYamlName(name) || options.languageId === 'yaml';
  if (!yamlLike) return undefined;
  if (TOP_LEVEL_SERVICES.test(text) && !TOP_LEVEL_API_VERSION.test(text)) return 'compose';
  if (API_VERSION.test(text) && KIND.test(text)) return 'kubernetes';
  return undefined;
}
