import type { SourceSet } from '../helm/source-map';
import type { OpenApiDocument } from './openapi-schema';
import { parseDocuments } from './parse';
import { BuildError } from './problem';
import { baseName, joinPath, readText } from './source-files';
import { isMap, type KMap, type KNode } from './tree';

export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** A loaded kustomization file: its directory, its file and its fields (looked up as kustomize does). */
export interface Kustomization {
  dir: string;
  file: string;
  node: KMap;
  isComponent: boolean;
  /** The custom OpenAPI schema in force while this kustomization's patches run (kustomize keeps it globally per build). */
  openApi?: OpenApiDocument;
}

/** Finds and parses the kustomization file of `dir`, with kustomize's errors when there is none or several. */
export function loadKustomization(sources: SourceSet, dir: string): Kustomization {
  const found = KUSTOMIZATION_FILE_NAMES.map((name) => joinPath(dir, name)).filter((path) => sources.files.has(path));
  if (found.length === 0) {
    throw new BuildError('missing-kustomization', `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`);
  }
  if (found.length > 1) throw new BuildError('multiple-kustomizations', `Found multiple kustomization files under: ${dir}`);
  const file = found[0];
  const documents = parseDocuments(readText(sources, file) ?? '', file);
  const node: KMap = documents.length === 0 ? { kind: 'map', entries: [] } : (documents[0] as KMap);
  if (documents.length > 1 || !isMap(node)) throw new BuildError('bad-kustomization', `invalid Kustomization: ${baseName(file)} is not one YAML map`, { file, start: 0, end: 0 });
  lastKeyWins(node);
  const kind = fieldString(node, 'kind') ?? 'Kustomization';
  const apiVersion = fieldString(node, 'apiVersion') ?? '';
  const isComponent = kind === 'Component';
  if (isComponent && apiVersion !== '' && apiVersion !== 'kustomize.config.k8s.io/v1alpha1') {
    throw new BuildError('bad-kustomization', `apiVersion for Component should be kustomize.config.k8s.io/v1alpha1`, field(node, 'apiVersion')?.origin);
  }
  if (kind !== 'Kustomization' && !isComponent) throw new BuildError('bad-kustomization', `kind should be Kustomization or Component, not '${kind}'`, field(node, 'kind')?.origin);
  return { dir, file, node, isComponent };
}

/** Go decodes a repeated key by keeping the last value; the kustomization is read the same way. */
function lastKeyWins(node: KNode): void {
  if (node.kind === 'seq') node.items.forEach(lastKeyWins);
  if (node.kind !== 'map') return;
  node.entries = node.entries.filter((entry, index) => !node.entries.slice(index + 1).some((later) => later.key === entry.key));
  node.entries.forEach((entry) => lastKeyWins(entry.value));
}

/**
 * A field of the kustomization. Go's JSON decoding matches field names case-insensitively, so `nameprefix`
 * works as `namePrefix`; an exact match wins.
 */
export function field(node: KMap, name: string): KNode | undefined {
  const exact = node.entries.find((entry) => entry.key === name);
  if (exact) return exact.value;
  const lower = name.toLowerCase();
  return node.entries.find((entry) => entry.key.toLowerCase() === lower)?.value;
}

export function fieldString(node: KMap, name: string): string | undefined {
  const value = field(node, name);
  return value?.kind === 'scalar' && value.value !== null ? String(value.value) : undefined;
}

/** A list field's items; a missing or null field is an empty list, anything else an error naming the field. */
export function fieldList(node: KMap, name: string): KNode[] {
  const value = field(node, name);
  if (value === undefined || (value.kind === 'scalar' && value.value === null)) return [];
  if (value.kind !== 'seq') throw new BuildError('bad-kustomization', `invalid Kustomization: '${name}' must be a list`, value.origin);
  return value.items;
}

/** A list of strings (resources, components…), each with its node for locations. */
export function fieldStrings(node: KMap, name: string): { value: string; node: KNode }[] {
  return fieldList(node, name).map((item) => {
    if (item.kind !== 'scalar' || item.value === null) throw new BuildError('bad-kustomization', `invalid Kustomization: '${name}' entries must be strings`, item.origin);
    return { value: String(item.value), node: item };
  });
}

/** The resources to accumulate: `resources` then the deprecated `bases`. */
export function resourceEntries(k: Kustomization): { value: string; node: KNode }[] {
  return [...fieldStrings(k.node, 'resources'), ...fieldStrings(k.node, 'bases')];
}

/** Remote bases and resources (URLs, git) are never fetched. */
export function isRemote(path: string): boolean {
  return /^(https?|git|ssh|s3|gcs|file):\/\//i.test(path) || /^git@/.test(path) || /^git::/.test(path) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(path) || /\?(ref|version|timeout|submodules)=/.test(path) || /\.git(\/\/|$)/.test(path);
}
