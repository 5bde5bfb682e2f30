import type { SourceSet } from '../helm/source-map';
import { field, fieldList, fieldString, type Kustomization } from './kustomization';
import { fieldOrigin, type NodeOrigin } from './origin';
import { BuildError } from './problem';
import { gvkOf, namespaceOf, type Resource } from './resource';
import { loadFile } from './restrictions';
import { baseName } from './source-files';
import { getField, getString, isMap, mapAt, scalar, setField, type KMap, type KNode } from './tree';

interface Options {
  labels: KMap['entries'];
  annotations: KMap['entries'];
  disableNameSuffixHash: boolean;
  immutable: boolean;
}

/**
 * configMapGenerator then secretGenerator, as kustomize runs them: data from `envs` (env files), then
 * `literals`, then `files`; `behavior: create` adds a resource, `merge`/`replace` change the one an earlier
 * layer generated. Each value keeps the node that wrote it (the literal, the files entry…).
 */
export function runGenerators(sources: SourceSet, k: Kustomization, resources: Resource[], restrictRoot: string | undefined): Resource[] {
  const global = readOptions(field(k.node, 'generatorOptions'));
  let out = resources;
  for (const kind of ['ConfigMap', 'Secret'] as const) {
    for (const entry of fieldList(k.node, kind === 'ConfigMap' ? 'configMapGenerator' : 'secretGenerator')) {
      if (!isMap(entry)) throw new BuildError('bad-kustomization', `invalid ${kind} generator entry`, entry.origin);
      out = generateOne(sources, k, kind, entry, global, out, restrictRoot);
    }
  }
  return out;
}

/** A ConfigMapGenerator/SecretGenerator plugin configuration (name and namespace in its metadata). */
export function runGeneratorConfig(sources: SourceSet, k: Kustomization, kind: 'ConfigMap' | 'Secret', config: KMap, resources: Resource[], restrictRoot: string | undefined): Resource[] {
  const metadata = getField(config, 'metadata');
  const entry: KMap = { kind: 'map', entries: [...config.entries.filter((e) => e.key !== 'metadata' && e.key !== 'apiVersion' && e.key !== 'kind')], origin: config.origin };
  for (const key of ['name', 'namespace']) {
    const value = getField(metadata, key);
    if (value) entry.entries.push({ key, value });
  }
  const generatedBy = { configuredIn: config.origin?.file ?? k.file, apiVersion: getString(config, 'apiVersion') ?? 'builtin', kind: getString(config, 'kind') ?? '', name: getString(metadata, 'name') };
  return generateOne(sources, k, kind, entry, readOptions(undefined), resources, restrictRoot, generatedBy);
}

function readOptions(node: KNode | undefined): Options {
  const labels = getField(node, 'labels');
  const annotations = getField(node, 'annotations');
  return {
    labels: isMap(labels) ? labels.entries : [],
    annotations: isMap(annotations) ? annotations.entries : [],
    disableNameSuffixHash: truthy(getField(node, 'disableNameSuffixHash')),
    immutable: truthy(getField(node, 'immutable')),
  };
}

const truthy = (node: KNode | undefined) => node?.kind === 'scalar' && (node.value === true || node.value === 'true');

function generateOne(sources: SourceSet, k: Kustomization, kind: 'ConfigMap' | 'Secret', entry: KMap, global: Options, resources: Resource[], restrictRoot: string | undefined, generatedBy?: Resource['generatedBy']): Resource[] {
  const origin = fieldOrigin(entry.origin, 'generator');
  const local = readOptions(getField(entry, 'options'));
  const options: Options = {
    labels: [...global.labels.filter((g) => !local.labels.some((l) => l.key === g.key)), ...local.labels],
    annotations: [...global.annotations.filter((g) => !local.annotations.some((l) => l.key === g.key)), ...local.annotations],
    disableNameSuffixHash: global.disableNameSuffixHash || local.disableNameSuffixHash,
    immutable: global.immutable || local.immutable,
  };
  const name = fieldString(entry, 'name') ?? '';
  const namespace = fieldString(entry, 'namespace') ?? '';
  const behavior = fieldString(entry, 'behavior') ?? 'create';
  const pairs = readPairs(sources, k, entry, restrictRoot);
  const node = makeNode(kind, name, namespace, fieldString(entry, 'type'), pairs, options, origin);
  const existingIndex = resources.findIndex((r) => {
    const gvk = gvkOf(r.node);
    return gvk.kind === kind && gvk.group === '' && r.names.includes(name) && (namespace === '' || sameNamespace(namespaceOf(r.node), namespace));
  });
  if (behavior === 'create') {
    if (existingIndex >= 0 && sameNamespace(namespaceOf(resources[existingIndex].node), namespace)) {
      throw new BuildError('conflict', `cannot add ${kind} '${name}': a resource with that name already exists; behavior must be merge or replace`, origin);
    }
    return [...resources, { node, file: k.file, names: [name], prefixes: [], suffixes: [], hashSuffix: !options.disableNameSuffixHash, includedBy: entry.origin ? [entry.origin] : [], generatedBy: generatedBy ?? { configuredIn: k.file, apiVersion: 'builtin', kind: `${kind}Generator` } }];
  }
  if (behavior !== 'merge' && behavior !== 'replace') throw new BuildError('bad-kustomization', `unknown generator behavior '${behavior}'`, origin);
  if (existingIndex < 0) throw new BuildError('conflict', `id ${kind}.v1.[noGrp]/${name}.${namespace || '[noNs]'} does not exist; cannot merge or replace`, origin);
  const existing = resources[existingIndex];
  mergeGenerated(existing.node, node, behavior === 'merge');
  if (options.disableNameSuffixHash) existing.hashSuffix = false;
  if (behavior === 'replace') existing.generatedBy = generatedBy ?? { configuredIn: k.file, apiVersion: 'builtin', kind: `${kind}Generator` };
  return resources;
}

const sameNamespace = (a: string, b: string) => (a || 'default') === (b || 'default');

interface Pair {
  key: string;
  value: string | Uint8Array;
  origin?: NodeOrigin;
}

function readPairs(sources: SourceSet, k: Kustomization, entry: KMap, restrictRoot: string | undefined): Pair[] {
  const pairs: Pair[] = [];
  const envs = [...listOf(entry, 'envs'), ...listOf(entry, 'env')];
  for (const env of envs) {
    const { text } = loadFile(sources, k.dir, env.value, restrictRoot, env.node.origin);
    const lines = text.replace(/^\uFEFF/, '').split('\n');
    lines.forEach((raw) => {
      const line = raw.replace(/\r$/, '').replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      const key = eq >= 0 ? line.slice(0, eq) : line;
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) throw new BuildError('bad-kustomization', `env source files: [${env.value}]: invalid key '${key}'`, env.node.origin);
      pairs.push({ key, value: eq >= 0 ? line.slice(eq + 1) : '', origin: fieldOrigin(env.node.origin, 'generator') });
    });
  }
  for (const literal of listOf(entry, 'literals')) {
    const eq = literal.value.indexOf('=');
    if (eq <= 0) throw new BuildError('bad-kustomization', `literal sources [${literal.value}]: invalid literal source ${literal.value}, expected key=value`, literal.node.origin);
    pairs.push({ key: literal.value.slice(0, eq), value: removeQuotes(literal.value.slice(eq + 1)), origin: fieldOrigin(literal.node.origin) });
  }
  for (const file of listOf(entry, 'files')) {
    const eq = file.value.indexOf('=');
    const key = eq >= 0 ? file.value.slice(0, eq) : baseName(file.value);
    const path = eq >= 0 ? file.value.slice(eq + 1) : file.value;
    const { bytes } = loadFile(sources, k.dir, path, restrictRoot, file.node.origin);
    pairs.push({ key, value: bytes, origin: fieldOrigin(file.node.origin, 'generator') });
  }
  const seen = new Set<string>();
  for (const pair of pairs) {
    if (seen.has(pair.key)) throw new BuildError('bad-kustomization', `cannot add key ${pair.key}, another key by that name already exists`, pair.origin);
    seen.add(pair.key);
  }
  return pairs;
}

function listOf(entry: KMap, name: string): { value: string; node: KNode }[] {
  const node = getField(entry, name);
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return [];
  if (node.kind === 'scalar') return [{ value: String(node.value), node }];
  if (node.kind !== 'seq') return [];
  return node.items.filter((item) => item.kind === 'scalar' && item.value !== null).map((item) => ({ value: String((item as { value: unknown }).value), node: item }));
}

function removeQuotes(text: string): string {
  if (text.length < 2 || text[0] !== text[text.length - 1]) return text;
  return text[0] === '"' || text[0] === "'" ? text.slice(1, -1) : text;
}

/** kyaml writes Secret and binaryData values as base64 in 70-character lines, each ending in a newline. */
export function encodeBase64(bytes: Uint8Array): string {
  const encoded = Buffer.from(bytes).toString('base64');
  if (encoded.length < 70) return encoded;
  let out = '';
  for (let i = 0; i < encoded.length; i += 70) out += encoded.slice(i, i + 70) + '\n';
  return out;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function makeNode(kind: 'ConfigMap' | 'Secret', name: string, namespace: string, type: string | undefined, pairs: Pair[], options: Options, origin: NodeOrigin | undefined): KMap {
  const node: KMap = { kind: 'map', entries: [], origin };
  setField(node, 'apiVersion', scalar('v1', origin));
  setField(node, 'kind', scalar(kind, origin));
  const metadata = mapAt(node, ['metadata'], true, origin)!;
  setField(metadata, 'name', scalar(name, origin));
  if (namespace) setField(metadata, 'namespace', scalar(namespace, origin));
  if (options.labels.length > 0) metadata.entries.push({ key: 'labels', keyOrigin: origin, value: { kind: 'map', entries: options.labels.map((e) => ({ ...e })), origin } });
  if (options.annotations.length > 0) metadata.entries.push({ key: 'annotations', keyOrigin: origin, value: { kind: 'map', entries: options.annotations.map((e) => ({ ...e })), origin } });
  if (kind === 'Secret') setField(node, 'type', scalar(type ?? 'Opaque', origin));
  const data: KMap = { kind: 'map', entries: [], origin };
  const binary: KMap = { kind: 'map', entries: [], origin };
  for (const pair of pairs) {
    const bytes = typeof pair.value === 'string' ? Buffer.from(pair.value, 'utf8') : pair.value;
    if (kind === 'Secret') data.entries.push({ key: pair.key, keyOrigin: pair.origin, value: scalar(encodeBase64(bytes), pair.origin) });
    else if (isUtf8(bytes)) data.entries.push({ key: pair.key, keyOrigin: pair.origin, value: scalar(Buffer.from(bytes).toString('utf8'), pair.origin) });
    else binary.entries.push({ key: pair.key, keyOrigin: pair.origin, value: scalar(encodeBase64(bytes), pair.origin) });
  }
  if (data.entries.length > 0) setField(node, 'data', data, origin);
  if (binary.entries.length > 0) setField(node, 'binaryData', binary, origin);
  if (options.immutable) setField(node, 'immutable', scalar(true, origin));
  return node;
}

/** `behavior: merge` adds and overrides keys, `replace` swaps the data; labels and annotations merge in both. */
function mergeGenerated(target: KMap, generated: KMap, merge: boolean): void {
  for (const key of ['data', 'binaryData']) {
    const incoming = getField(generated, key);
    const current = getField(target, key);
    if (!merge) {
      if (isMap(incoming)) setField(target, key, incoming);
      else target.entries = target.entries.filter((e) => e.key !== key);
    } else if (isMap(incoming)) {
      if (isMap(current)) for (const entry of incoming.entries) setField(current, entry.key, entry.value, entry.keyOrigin);
      else setField(target, key, incoming);
    }
  }
  for (const key of ['labels', 'annotations']) {
    const incoming = getField(getField(generated, 'metadata'), key);
    if (!isMap(incoming)) continue;
    const metadata = mapAt(target, ['metadata'], true)!;
    const current = mapAt(metadata, [key], true, incoming.origin)!;
    for (const entry of incoming.entries) setField(current, entry.key, entry.value, entry.keyOrigin);
  }
  if (getField(generated, 'immutable')) setField(target, 'immutable', getField(generated, 'immutable')!);
}
