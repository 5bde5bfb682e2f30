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
  return isDockerConfigOf(path, name, contentOf(text));
}

function isDockerConfigOf(path: string, name: string, content: KindContent): boolean {
  if (name.toLowerCase() !== 'config.json') return false;
  return DOCKER_CONFIG_PATH.test(path.replace(/\\/g, '/')) || content.test(DOCKER_CONFIG_KEYS);
}

export function isYamlName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/** Copies kept as templates by configuration management (Ansible, Salt, Chef, autoconf) that are still the file. */
const TEMPLATE_SUFFIX = /\.(?:j2|jinja2?|tmpl|tpl|erb|in)$/i;

/** `docker.service`, `docker.service.d/override.conf`, kubeadm's `10-kubeadm.conf` (and their template copies). */
export function isSystemdUnitPath(path: string): boolean {
  const normalized = path.replace(/\\/g, '/').replace(TEMPLATE_SUFFIX, '');
  return /\.service$/i.test(normalized) || /\.service\.d\/[^/]+\.conf$/i.test(normalized) || /(?:^|\/)10-kubeadm\.conf$/i.test(normalized);
}

/** /etc/default/docker, /etc/sysconfig/kubelet, `docker.default`, kubeadm's `kubeadm-flags.env` (and template copies). */
export function isDaemonEnvPath(path: string): boolean {
  const normalized = path.replace(/\\/g, '/').replace(TEMPLATE_SUFFIX, '');
  return /(?:^|\/)(?:default|sysconfig)\/(?:docker|docker-network|docker-storage|kubelet)$/i.test(normalized) || /(?:^|\/)(?:(?:docker|kubelet)\.(?:default|sysconfig|env)|kubeadm-flags\.env)$/i.test(normalized);
}

/** An `ExecStart=` whose program is dockerd (or `docker daemon`) or the kubelet. */
const DAEMON_EXEC_START = /^[ \t]*ExecStart[ \t]*=[ \t]*[-@:+!]*(?:\S*\/)?(?:dockerd(?:-current)?|docker(?:-current)?[ \t]+daemon|kubelet)(?=[ \t\\]|$)/m;
const DAEMON_ENV_ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?(?:DOCKER_OPTS|DOCKER_OPTIONS|DOCKER_NETWORK_OPTIONS|DOCKER_STORAGE_OPTIONS|INSECURE_REGISTRY|OTHER_ARGS|OPTIONS|KUBELET_EXTRA_ARGS|KUBELET_ARGS|KUBELET_OPTS|KUBELET_KUBEADM_ARGS)\+?=/m;

/** `audit.rules`, `audit/rules.d/*.rules` (udev keeps `*.rules` in rules.d too: the content tells them apart). */
export function isAuditRulesPath(path: string): boolean {
  const normalized = path.replace(/\\/g, '/').replace(TEMPLATE_SUFFIX, '');
  return /(?:^|\/)audit\.rules$/i.test(normalized) || (/(?:^|\/)rules\.d\/[^/]+\.rules$/i.test(normalized) && !/(?:^|\/)udev\//i.test(normalized));
}

const AUDIT_RULE_LINE = /^[ \t]*-[waADbefW](?:[ \t]|$)/m;

const DOCKER_CONFIG_PATH = /(?:^|\/)\.docker\/config\.json$/i;
const DOCKER_CONFIG_KEYS = /"(?:auths|credsStore|credHelpers|HttpHeaders|psFormat|currentContext)"\s*:/;
/** A top-level `services:` mapping (column 0), the compose loader's own test. */
const TOP_LEVEL_SERVICES = /^services[ \t]*:/m;
const API_VERSION = /^[ \t-]*["']?apiVersion["']?[ \t]*:/m;
const KIND = /^[ \t-]*["']?kind["']?[ \t]*:/m;
const TOP_LEVEL_API_VERSION = /^apiVersion[ \t]*:/m;
const JSON_API_VERSION = /"apiVersion"\s*:/;
const JSON_KIND = /"kind"\s*:/;

/**
 * A file's content as detectKind reads it: whether it is empty, and whether a pattern matches somewhere in it.
 * Every pattern detectKind passes matches within one line (or across blank space and line breaks only, never
 * across a line starting with `---`), so a text cut before its `---` markers matches iff one of its pieces does:
 * an editor's per-document cache can answer from its documents without scanning the whole text per keystroke.
 */
export interface KindContent {
  empty: boolean;
  test(pattern: RegExp): boolean;
}

/**
 * Decides what a file is: by name first (case-insensitive), then, for YAML, by content.
 * Content checks are cheap line scans so that unrelated YAML is never parsed.
 */
export function detectKind(path: string, text: string, options: { languageId?: string; kindGlobs?: KindGlobs; relativePath?: string } = {}): FileKind | undefined {
  return detectKindOf(path, contentOf(text), options);
}

function contentOf(text: string): KindContent {
  return { empty: text === '', test: (pattern) => pattern.test(text) };
}

/** detectKind for content known by its pieces (see KindContent). */
export function detectKindOf(path: string, content: KindContent, options: { languageId?: string; kindGlobs?: KindGlobs; relativePath?: string } = {}): FileKind | undefined {
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
  // Units and environment files are named by convention only: their content decides (no empty text at a walk).
  if (isSystemdUnitPath(path)) return content.empty || content.test(DAEMON_EXEC_START) ? 'systemd' : undefined;
  if (isDaemonEnvPath(path)) return content.empty || content.test(DAEMON_ENV_ASSIGNMENT) ? 'env-file' : undefined;
  if (isAuditRulesPath(path)) return content.empty || content.test(AUDIT_RULE_LINE) ? 'audit' : undefined;
  if (isDotenvName(name)) return 'dotenv';
  if (isDockerConfigOf(path, name, content)) return 'docker-config';
  // JSON is YAML too: a KubeletConfiguration or manifest kept as .json is still Kubernetes.
  if (/\.json$/i.test(name) || options.languageId === 'json') {
    return content.test(JSON_API_VERSION) && content.test(JSON_KIND) ? 'kubernetes' : undefined;
  }
  const yamlLike = isYamlName(name) || options.languageId === 'yaml';
  if (!yamlLike) return undefined;
  if (content.test(TOP_LEVEL_SERVICES) && !content.test(TOP_LEVEL_API_VERSION)) return 'compose';
  if (content.test(API_VERSION) && content.test(KIND)) return 'kubernetes';
  return undefined;
}
