import { parseDocument } from 'yaml';

/**
 * How Helm cuts a rendered file into manifests and reads their heads (pkg/releaseutil): split on `---` lines,
 * trim each document, read `kind`, `metadata.name` and the hook annotations.
 */

/** Go's `strings.TrimSpace` (Unicode white space). */
export function goTrimSpace(text: string): string {
  return text.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '');
}

/**
 * releaseutil.SplitManifests: documents in order, empty ones dropped. Helm v3 trims each document; Helm v4
 * splits on `^---` lines and trims only the start (a document keeps its final newline: v4 prints an empty line
 * before each `---`).
 */
export function splitManifests(text: string, helmVersion: 3 | 4 = 3): string[] {
  if (helmVersion === 4) {
    return text
      .replace(/^\s+/u, '')
      .split(/^---[ \t]*/m)
      .filter((document) => goTrimSpace(document) !== '')
      .map((document) => document.replace(/^\s+/u, ''));
  }
  // Go's regexp `(?:^|\s*\n)---\s*`: `\s` is ASCII white space there.
  return goTrimSpace(text)
    .split(/(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*/)
    .filter((document) => document !== '')
    .map(goTrimSpace);
}

export interface ManifestHead {
  kind: string;
  name: string;
  /** `helm.sh/hook` events, lower-cased; undefined for a plain manifest. */
  hookEvents?: string[];
}

const HOOK_EVENTS = new Set(['pre-install', 'post-install', 'pre-delete', 'post-delete', 'pre-upgrade', 'post-upgrade', 'pre-rollback', 'post-rollback', 'test', 'test-success']);

/** The head of one manifest, or the YAML error Helm would stop on. */
export function manifestHead(document: string): { head?: ManifestHead; error?: string } {
  const parsed = parseDocument(document, { schema: 'yaml-1.1', uniqueKeys: false });
  if (parsed.errors.length > 0) return { error: parsed.errors[0].message.split('\n')[0] };
  const value = parsed.toJS({ maxAliasCount: 1000 }) as unknown;
  const object = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const metadata = object.metadata && typeof object.metadata === 'object' ? (object.metadata as Record<string, unknown>) : {};
  const annotations = metadata.annotations && typeof metadata.annotations === 'object' ? (metadata.annotations as Record<string, unknown>) : {};
  const hook = annotations['helm.sh/hook'];
  const head: ManifestHead = { kind: typeof object.kind === 'string' ? object.kind : '', name: typeof metadata.name === 'string' ? metadata.name : '' };
  if (hook !== undefined) head.hookEvents = String(hook).split(',').map((event) => event.trim().toLowerCase());
  return { head };
}

/** Helm skips a hook with an event it does not know (it logs "skipping unknown hook"). */
export function isKnownHook(events: string[]): boolean {
  return events.every((event) => HOOK_EVENTS.has(event));
}

export function isTestHook(events: string[]): boolean {
  return events.includes('test') || events.includes('test-success');
}

/** releaseutil.InstallOrder. */
const INSTALL_ORDER = [
  'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget',
  'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim',
  'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role',
  'RoleList', 'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet',
  'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService',
];
const ORDER = new Map(INSTALL_ORDER.map((kind, index) => [kind, index]));

/** Helm v3's stable sort by kind: known kinds in install order, unknown kinds after them, by name. */
export function sortByKind<T>(items: T[], kindOf: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => compareKinds(kindOf(a.item), kindOf(b.item)) || a.index - b.index)
    .map(({ item }) => item);
}

function compareKinds(a: string, b: string): number {
  const first = ORDER.get(a);
  const second = ORDER.get(b);
  if (first === undefined && second === undefined) return a === b ? 0 : a < b ? -1 : 1;
  if (first === undefined) return 1;
  if (second === undefined) return -1;
  return first - second;
}
