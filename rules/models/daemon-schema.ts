import type { Node } from 'jsonc-parser';
import { validate } from '../schemas/generated/daemon.validator';
import schema from '../schemas/daemon.schema.json';
import { childMember, valueOf, type DaemonModel } from './daemon';

interface PropertySchema {
  type?: string;
  enum?: string[];
  'x-platform'?: string[];
  'x-since'?: string;
  'x-removed'?: string;
  properties?: Record<string, PropertySchema>;
  $ref?: string;
}

/** Every valid top-level key with its schema (rules/schemas/daemon.schema.json, from daemon-keys.md). */
export const DAEMON_KEYS: Readonly<Record<string, PropertySchema>> = schema.properties as Record<string, PropertySchema>;

/** Keys dockerd accepts (they are flag names) but no setting reads: the file says one thing, the daemon does another. */
export const IGNORED_KEYS: Readonly<Record<string, string>> = {
  host: 'hosts',
  label: 'labels',
  'log-opt': 'log-opts',
  'storage-opt': 'storage-opts',
  'exec-opt': 'exec-opts',
  'dns-opt': 'dns-opts',
  'insecure-registry': 'insecure-registries',
  'registry-mirror': 'registry-mirrors',
  'authorization-plugin': 'authorization-plugins',
  'default-ulimit': 'default-ulimits',
  'add-runtime': 'runtimes',
  'default-address-pool': 'default-address-pools',
  'node-generic-resource': 'node-generic-resources',
  'cdi-spec-dir': 'cdi-spec-dirs',
  feature: 'features',
  'default-network-opt': 'default-network-opts',
  'http-proxy': 'proxies.http-proxy',
  'https-proxy': 'proxies.https-proxy',
  'no-proxy': 'proxies.no-proxy',
  'config-file': '',
  validate: '',
  version: '',
  restart: '',
  'service-name': '',
  'register-service': '',
  'unregister-service': '',
  'run-service': '',
};

/** Keys removed from dockerd: an Engine after `removedAfter` refuses to start on them. */
export const REMOVED_KEYS: Readonly<Record<string, { lastVersion: string; replacement?: string }>> = {
  'api-enable-cors': { lastVersion: '17.x' },
  'disable-legacy-registry': { lastVersion: '18.09' },
  graph: { lastVersion: '20.10', replacement: 'data-root' },
  'cluster-store': { lastVersion: '20.10' },
  'cluster-advertise': { lastVersion: '20.10' },
  'cluster-store-opts': { lastVersion: '20.10' },
  'oom-score-adjust': { lastVersion: '25.x' },
  'deprecated-key-path': { lastVersion: '20.10' },
};

/** A schema violation placed on the node it is about. */
export interface SchemaProblem {
  keyword: string;
  /** JSON path of the offending value (for an unknown key: of the key itself); numbers index arrays. */
  path: Array<string | number>;
  /** The key node for an unknown key, else the value node. */
  node: Node;
  /** ajv's parameters of the error (`additionalProperty`, `type`, `allowedValues` …). */
  params: Record<string, unknown>;
  /** The schema of the containing object's properties (did-you-mean candidates for an unknown key). */
  siblings: string[];
  message?: string;
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Validates the effective configuration once (last duplicate wins, as in dockerd) and places each error. */
export function schemaProblems(model: DaemonModel): SchemaProblem[] {
  if (!model.root) return [];
  const ok = validate(valueOf(model.root));
  if (ok) return [];
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of ((validate as unknown as { errors?: AjvError[] }).errors ?? []) as AjvError[]) {
    const located = locate(model.root, error.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')));
    if (!located) continue;
    const { node: parent, path } = located;
    let node = parent;
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      const member = childMember(parent, key);
      if (!member) continue;
      node = member.keyNode;
      path.push(key);
    }
    const id = `${path.join('\u0000')}|${error.keyword}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push({ keyword: error.keyword, path, node, params: error.params, siblings: Object.keys(schemaAt(path.slice(0, -1).map(String))?.properties ?? {}), message: error.message });
  }
  return problems;
}

/** The node at an ajv instance path, and that path with array indexes as numbers. */
function locate(root: Node, segments: string[]): { node: Node; path: Array<string | number> } | undefined {
  let node: Node | undefined = root;
  const path: Array<string | number> = [];
  for (const segment of segments) {
    if (node?.type === 'array') {
      path.push(Number(segment));
      node = node.children?.[Number(segment)];
    } else {
      path.push(segment);
      node = childMember(node, segment)?.value;
    }
    if (!node) return undefined;
  }
  return { node, path };
}

/** The schema of the object at `path` (top level, or a closed nested object such as `proxies`). */
function schemaAt(path: string[]): PropertySchema | undefined {
  let current: PropertySchema | undefined = schema as PropertySchema;
  for (const segment of path) {
    current = current?.properties?.[segment];
    if (current?.$ref) current = (schema.definitions as Record<string, PropertySchema>)[current.$ref.split('/').pop() ?? ''];
  }
  return current;
}

/** `"24.0"` → [24, 0]; `"25.x"` → [25, Infinity]; undefined when it is not a version. */
export function parseEngineVersion(text: string): number[] | undefined {
  const match = /^v?(\d+)(?:\.(\d+|x))?/i.exec(text.trim());
  if (!match) return undefined;
  return [Number(match[1]), match[2] === undefined ? 0 : /x/i.test(match[2]) ? Infinity : Number(match[2])];
}

function compareVersions(a: number[], b: number[]): number {
  return a[0] - b[0] || (a[1] === b[1] ? 0 : a[1] < b[1] ? -1 : 1);
}

/**
 * Whether a top-level key exists in a given Engine version: `newer` when it came later (`x-since`), `removed`
 * when that version no longer has it (`x-removed`, or a key of REMOVED_KEYS whose last version is older).
 */
export function keyAvailability(key: string, engine: number[]): { state: 'ok' | 'newer' | 'removed'; version?: string } {
  const schema = DAEMON_KEYS[key];
  const since = schema?.['x-since'];
  if (since && compareVersions(engine, parseEngineVersion(since)!) < 0) return { state: 'newer', version: since };
  const removed = schema?.['x-removed'];
  if (removed && compareVersions(engine, parseEngineVersion(removed)!) >= 0) return { state: 'removed', version: removed };
  const last = REMOVED_KEYS[key]?.lastVersion;
  if (last) return compareVersions(engine, parseEngineVersion(last)!) <= 0 ? { state: 'ok' } : { state: 'removed', version: last };
  return { state: 'ok' };
}

/** Whether the schema accepts `value` at `path` (e.g. before offering to rename a key to it). */
export function acceptsValue(path: Array<string | number>, value: unknown): boolean {
  // Array items share one schema, so an index becomes a one-item array.
  return Boolean(validate(path.reduceRight<unknown>((inner, segment) => (typeof segment === 'number' ? [inner] : { [segment]: inner }), value)));
}
