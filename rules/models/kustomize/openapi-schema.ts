import { parse } from 'yaml';
import type { ListStrategy, MergeSchema } from './merge-keys';

/** A custom OpenAPI document (kustomization `openapi: {path}`): its `definitions`, by name. */
export interface OpenApiDocument {
  definitions: Record<string, Definition>;
}

interface Definition {
  $ref?: string;
  properties?: Record<string, Definition>;
  items?: Definition;
  'x-kubernetes-group-version-kind'?: { group?: string; version?: string; kind?: string }[];
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-list-map-keys'?: string[];
}

/** Reads a schema file (JSON or YAML); undefined when it has no `definitions` map. */
export function readOpenApi(text: string): OpenApiDocument | undefined {
  const value = parse(text) as { definitions?: unknown } | null;
  if (!value || typeof value !== 'object' || !value.definitions || typeof value.definitions !== 'object') return undefined;
  return value as OpenApiDocument;
}

/**
 * The merge schema of a kind in a custom document: the definition whose x-kubernetes-group-version-kind
 * names it, its fields followed through `$ref`, `properties` and `items`. kustomize replaces its builtin
 * schema with the custom one, so kinds it does not define have none.
 */
export function customMergeSchema(document: OpenApiDocument, apiVersion: string | undefined, kind: string | undefined): MergeSchema | undefined {
  if (!apiVersion || !kind) return undefined;
  const slash = apiVersion.indexOf('/');
  const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
  const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
  const root = Object.values(document.definitions).find((definition) =>
    (definition['x-kubernetes-group-version-kind'] ?? []).some((gvk) => (gvk.group ?? '') === group && gvk.version === version && gvk.kind === kind));
  if (!root) return undefined;
  const resolve = (definition: Definition | undefined, depth = 0): Definition | undefined => {
    if (!definition?.$ref || depth > 50) return definition;
    return resolve(document.definitions[definition.$ref.replace('#/definitions/', '')], depth + 1);
  };
  return (path): ListStrategy => {
    let current: Definition | undefined = resolve(root);
    let holder: Definition | undefined;
    for (const key of path) {
      if (current?.items) current = resolve(current.items);
      holder = current?.properties?.[key];
      current = resolve(holder);
    }
    const strategy = holder?.['x-kubernetes-patch-strategy'] ?? current?.['x-kubernetes-patch-strategy'] ?? '';
    const source = holder?.['x-kubernetes-patch-strategy'] ? holder : current;
    if (!strategy.split(',').includes('merge')) return { merge: false, keys: [] };
    const keys = source?.['x-kubernetes-list-map-keys'] ?? (source?.['x-kubernetes-patch-merge-key'] ? [source['x-kubernetes-patch-merge-key']] : []);
    return { merge: true, keys };
  };
}
