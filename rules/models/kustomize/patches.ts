import type { SourceSet } from '../helm/source-map';
import { applyJsonPatch } from './json-patch';
import { field, fieldList, type Kustomization } from './kustomization';
import { mergeSchemaFor } from './merge-keys';
import { customMergeSchema } from './openapi-schema';
import type { NodeOrigin } from './origin';
import { parseDocuments } from './parse';
import { readTarget, targetSelects, type PatchTarget } from './patch-target';
import { BuildError } from './problem';
import { gvkOf, namespaceOf, nameOf, setName, type Resource } from './resource';
import { loadFile } from './restrictions';
import { literalBlockMap } from './inline-text';
import { isFile, joinPath, readText } from './source-files';
import { strategicMerge } from './strategic-merge';
import { getField, getString, isMap, mapAt, scalar, setField, type KMap, type KNode } from './tree';

interface LoadedPatch {
  documents: KNode[];
  /** The patch text's source: its file, or the kustomization node holding it inline. */
  origin?: NodeOrigin;
}

/**
 * Reads a patch given as a file path or inline YAML/JSON. Nodes of a patch file keep their own ranges; an
 * inline patch's nodes all map to the kustomization node that holds its text.
 */
function loadPatch(sources: SourceSet, k: Kustomization, text: string, node: KNode, restrictRoot: string | undefined, fileOnly = false): LoadedPatch {
  const looksInline = /\n/.test(text.trim()) || /^\s*[[{]/.test(text) || (!fileOnly && /:\s/.test(text));
  if (!looksInline || isFile(sources, joinPath(k.dir, text))) {
    const loaded = loadFile(sources, k.dir, text, restrictRoot, node.origin);
    const documents = parseDocuments(loaded.text, loaded.path);
    documents.forEach((document) => markWriter(document, undefined));
    return { documents, origin: { file: loaded.path, start: 0, end: loaded.text.length, writer: 'patch' } };
  }
  const origin: NodeOrigin | undefined = node.origin ? { ...node.origin, writer: 'patch' } : undefined;
  const documents = parseDocuments(text, k.file);
  // A `|` block maps line for line into the kustomization: its nodes keep their own lines there.
  const map = node.origin ? literalBlockMap(readText(sources, k.file) ?? '', node.origin, text) : undefined;
  documents.forEach((document) => (map ? remap(document, map) : markWriter(document, origin)));
  return { documents, origin };
}

function remap(node: KNode, map: (offset: number) => number): void {
  const move = (location: NodeOrigin | undefined): NodeOrigin | undefined => (location ? { file: location.file, start: map(location.start), end: map(location.end), writer: 'patch' } : undefined);
  node.origin = move(node.origin);
  if (node.kind === 'map') {
    for (const entry of node.entries) {
      entry.keyOrigin = move(entry.keyOrigin);
      remap(entry.value, map);
    }
  } else if (node.kind === 'seq') node.items.forEach((item) => remap(item, map));
}

/** Marks every node as written by a patch (inline patches: relocated to the node holding the text). */
function markWriter(node: KNode, relocate: NodeOrigin | undefined): void {
  node.origin = relocate ?? (node.origin ? { ...node.origin, writer: 'patch' } as NodeOrigin : undefined);
  if (node.kind === 'map') {
    for (const entry of node.entries) {
      entry.keyOrigin = relocate ?? (entry.keyOrigin ? { ...entry.keyOrigin, writer: 'patch' } as NodeOrigin : undefined);
      markWriter(entry.value, relocate);
    }
  } else if (node.kind === 'seq') node.items.forEach((item) => markWriter(item, relocate));
}

/** `patchesStrategicMerge`: each patch document applies to the one resource its own id names. */
export function applyPatchesStrategicMerge(sources: SourceSet, k: Kustomization, resources: Resource[], restrictRoot: string | undefined): Resource[] {
  let out = resources;
  for (const item of fieldList(k.node, 'patchesStrategicMerge')) {
    if (item.kind !== 'scalar' || typeof item.value !== 'string') throw new BuildError('bad-kustomization', 'patchesStrategicMerge entries must be strings', item.origin);
    const patch = loadPatch(sources, k, item.value, item, restrictRoot);
    if (patch.documents.length === 0) throw new BuildError('patch-error', `patch appears to be empty; check the patch file '${item.value}'`, item.origin);
    for (const document of patch.documents) out = applySmpById(k, out, document);
  }
  return out;
}

/** A PatchStrategicMergeTransformer configuration: patch files in `paths`, inline patches in `patches`. */
export function applyPatchesStrategicMergeConfig(sources: SourceSet, k: Kustomization, resources: Resource[], config: KMap, restrictRoot: string | undefined): Resource[] {
  let out = resources;
  const paths = getField(config, 'paths');
  for (const item of paths?.kind === 'seq' ? paths.items : []) {
    if (item.kind !== 'scalar' || typeof item.value !== 'string') continue;
    for (const document of loadPatch(sources, k, item.value, item, restrictRoot, true).documents) out = applySmpById(k, out, document);
  }
  const inline = getField(config, 'patches');
  if (inline?.kind === 'scalar' && typeof inline.value === 'string') {
    for (const document of loadPatch(sources, k, inline.value, inline, restrictRoot).documents) out = applySmpById(k, out, document);
  }
  return out;
}

/** `patches`: a strategic merge patch or a JSON 6902 patch, to its `target` or (SMP without target) its own id. */
export function applyPatches(sources: SourceSet, k: Kustomization, resources: Resource[], restrictRoot: string | undefined): Resource[] {
  let out = resources;
  for (const item of fieldList(k.node, 'patches')) {
    if (!isMap(item)) throw new BuildError('bad-kustomization', 'patches entries must be maps', item.origin);
    out = applyPatchEntry(sources, k, out, item, restrictRoot);
  }
  return out;
}

/** One `patches` entry (or a PatchTransformer's configuration): `path` or `patch`, `target`, `options`. */
export function applyPatchEntry(sources: SourceSet, k: Kustomization, resources: Resource[], item: KMap, restrictRoot: string | undefined): Resource[] {
  let out = resources;
  const path = getString(item, 'path');
  const inline = getField(item, 'patch');
  if (path === undefined && inline === undefined) throw new BuildError('bad-kustomization', 'must specify one of patch and path in patches', item.origin);
  const patch = path !== undefined
    ? loadPatch(sources, k, path, getField(item, 'path')!, restrictRoot, true)
    : loadPatch(sources, k, inline?.kind === 'scalar' ? String(inline.value ?? '') : '', inline!, restrictRoot);
  // An empty patch file (comments only) is skipped, as kustomize does.
  if (patch.documents.length === 0) return out;
  const target = readTarget(getField(item, 'target'));
  const options = getField(item, 'options');
  const allow = { name: getString(options, 'allowNameChange') === 'true', kind: getString(options, 'allowKindChange') === 'true' };
  if (patch.documents.length === 1 && patch.documents[0].kind === 'seq') {
    if (!target) throw new BuildError('patch-error', 'must specify a target for JSON patch', item.origin);
    for (const resource of out.filter((r) => targetSelects(target, r))) resource.node = asMap(applyJsonPatch(resource.node, patch.documents[0]));
    return out;
  }
  for (const document of patch.documents) {
    if (!target) out = applySmpById(k, out, document);
    else out = applySmpToTargets(k, out, document, target, allow);
  }
  return out;
}

/** `patchesJson6902`: JSON patches, each to the one resource its target names. */
export function applyPatchesJson6902(sources: SourceSet, k: Kustomization, resources: Resource[], restrictRoot: string | undefined): Resource[] {
  for (const item of fieldList(k.node, 'patchesJson6902')) {
    if (!isMap(item)) throw new BuildError('bad-kustomization', 'patchesJson6902 entries must be maps', item.origin);
    applyJson6902Entry(sources, k, resources, item, restrictRoot);
  }
  return resources;
}

/** One `patchesJson6902` entry (or a PatchJson6902Transformer's configuration, whose inline patch is `jsonOp`). */
export function applyJson6902Entry(sources: SourceSet, k: Kustomization, resources: Resource[], item: KMap, restrictRoot: string | undefined): void {
  const target = readTarget(getField(item, 'target'));
  if (!target) throw new BuildError('bad-kustomization', 'patchesJson6902 entry needs a target', item.origin);
  const path = getString(item, 'path');
  const inline = getField(item, 'patch') ?? getField(item, 'jsonOp');
  const patch = path !== undefined ? loadPatch(sources, k, path, getField(item, 'path')!, restrictRoot, true) : loadPatch(sources, k, inline?.kind === 'scalar' ? String(inline.value ?? '') : '', inline ?? item, restrictRoot);
  const operations = patch.documents[0];
  if (!operations) throw new BuildError('patch-error', 'patch appears to be empty', item.origin);
  const exact: PatchTarget = { ...target, name: target.name ? escapeRegExp(target.name) : undefined, namespace: target.namespace ? escapeRegExp(target.namespace) : undefined };
  for (const resource of resources.filter((r) => targetSelects(exact, r))) resource.node = asMap(applyJsonPatch(resource.node, operations));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function asMap(node: KNode): KMap {
  if (!isMap(node)) throw new BuildError('patch-error', 'a JSON patch turned a resource into something other than a map', node.origin);
  return node;
}

function matchesPatchId(resource: Resource, patch: KMap, ignoreNamespace: boolean): boolean {
  const gvk = gvkOf(resource.node);
  const patchGvk = gvkOf(patch);
  const name = nameOf(patch);
  const earlierId = (resource.previousIds ?? []).some((id) => id.kind === patchGvk.kind && id.name === name);
  if (!earlierId) {
    if (patchGvk.kind !== gvk.kind || patchGvk.group !== gvk.group || (patchGvk.version && patchGvk.version !== gvk.version)) return false;
    if (name !== nameOf(resource.node) && !resource.names.includes(name)) return false;
  }
  return ignoreNamespace || (namespaceOf(patch) || 'default') === (namespaceOf(resource.node) || 'default');
}

function applySmpById(k: Kustomization, resources: Resource[], patch: KNode): Resource[] {
  if (!isMap(patch)) throw new BuildError('patch-error', 'a strategic merge patch must be a map', patch.origin);
  let matches = resources.filter((r) => matchesPatchId(r, patch, false));
  if (matches.length === 0 && !namespaceOf(patch)) matches = resources.filter((r) => matchesPatchId(r, patch, true));
  const id = `${gvkOf(patch).kind}.${gvkOf(patch).version}.${gvkOf(patch).group || '[noGrp]'}/${nameOf(patch)}.${namespaceOf(patch) || '[noNs]'}`;
  if (matches.length === 0) throw new BuildError('patch-error', `no resource matches strategic merge patch "${id}"`, patch.origin);
  if (matches.length > 1) throw new BuildError('patch-error', `multiple matches for Id ${id}; failed to find unique target for patch ${id}`, patch.origin);
  return applySmp(k, resources, matches[0], patch, { name: false, kind: false });
}

function applySmpToTargets(k: Kustomization, resources: Resource[], patch: KNode, target: PatchTarget, allow: { name: boolean; kind: boolean }): Resource[] {
  if (!isMap(patch)) throw new BuildError('patch-error', 'a strategic merge patch must be a map', patch.origin);
  let out = resources;
  for (const resource of resources.filter((r) => targetSelects(target, r))) out = applySmp(k, out, resource, patch, allow);
  return out;
}

/** Applies one SMP to one resource; name, namespace and kind stay unless the patch may change them. */
function applySmp(k: Kustomization, resources: Resource[], resource: Resource, patch: KMap, allow: { name: boolean; kind: boolean }): Resource[] {
  const before = { apiVersionOrigin: field(resource.node, 'apiVersion')?.origin, name: nameOf(resource.node), namespace: namespaceOf(resource.node), gvk: gvkOf(resource.node), metadata: getField(resource.node, 'metadata') };
  const nameNode = getField(before.metadata, 'name');
  const namespaceNode = getField(before.metadata, 'namespace');
  const apiVersion = getString(resource.node, 'apiVersion');
  const schema = k.openApi ? customMergeSchema(k.openApi, apiVersion, getString(resource.node, 'kind')) : mergeSchemaFor(apiVersion, getString(resource.node, 'kind'));
  const merged = strategicMerge(resource.node, patch, { prepend: true, schema });
  if (merged === undefined || (isMap(merged) && merged.entries.length === 0)) return resources.filter((r) => r !== resource);
  resource.node = asMap(merged);
  const patchName = nameOf(patch);
  if (!(allow.name && patchName && patchName !== before.name)) {
    if (nameNode) setName(resource.node, before.name, nameNode.origin as NodeOrigin);
  } else resource.names.push(patchName);
  const metadata = mapAt(resource.node, ['metadata'], true)!;
  if (namespaceNode) setField(metadata, 'namespace', namespaceNode);
  else if (getField(metadata, 'namespace') && !namespaceOf(patch)) metadata.entries = metadata.entries.filter((e) => e.key !== 'namespace');
  if (allow.kind && gvkOf(resource.node).kind !== before.gvk.kind) (resource.previousIds ??= []).push({ kind: before.gvk.kind, name: before.name });
  if (!allow.kind) {
    const kindNode = field(resource.node, 'kind');
    if (kindNode?.kind === 'scalar' && kindNode.value !== before.gvk.kind) setField(resource.node, 'kind', scalar(before.gvk.kind, kindNode.origin));
    const apiVersion = before.gvk.group ? `${before.gvk.group}/${before.gvk.version}` : before.gvk.version;
    const versionNode = field(resource.node, 'apiVersion');
    if (versionNode?.kind === 'scalar' && versionNode.value !== apiVersion && apiVersion) setField(resource.node, 'apiVersion', scalar(apiVersion, before.apiVersionOrigin));
  }
  return resources;
}
