import { pathSegments, visitPath } from './field-spec';
import { BuildError } from './problem';
import { gvkOf, namespaceOf, nameOf, type Resource } from './resource';
import { getField, getString, isMap, scalar, type KMap, type KNode } from './tree';

/** A `vars` entry: a name bound to a field of the resource `objref` names (kustomize's deprecated vars). */
export interface VarDefinition {
  name: string;
  fieldPath: string;
  /** The resource it reads (bound when the kustomization declaring it is accumulated). */
  resource?: Resource;
  node: KNode;
}

/** Fields where `$(VAR)` is expanded (kustomize's varreference field specs), for any kind. */
const CONTAINER_FIELDS = ['args', 'command', 'env/value', 'volumeMounts/mountPath'];
const POD_SPECS = ['spec', 'spec/template/spec', 'spec/jobTemplate/spec/template/spec'];
const VAR_REFERENCES = [
  ...POD_SPECS.flatMap((pod) => ['containers', 'initContainers'].flatMap((c) => CONTAINER_FIELDS.map((f) => `${pod}/${c}/${f}`))),
  'metadata/annotations', 'metadata/labels', 'spec/template/metadata/annotations', 'spec/ports/port', 'spec/ports/targetPort', 'spec/rules/host',
  'spec/tls/hosts', 'spec/tls/secretName', 'spec/nfs/server', 'spec/volumes/nfs/server', 'spec/template/spec/volumes/nfs/server',
  'spec/jobTemplate/spec/template/volumes/nfs/server', 'spec/volumeClaimTemplates/spec/nfs/server',
];

/** Binds the `vars` of a kustomization to the resources they name (any name a resource had). */
export function bindVars(definitions: KNode[], resources: readonly Resource[]): VarDefinition[] {
  return definitions.map((node) => {
    if (!isMap(node)) throw new BuildError('bad-kustomization', 'a var must be a map', node.origin);
    const name = getString(node, 'name') ?? '';
    const objref = getField(node, 'objref');
    const kind = getString(objref, 'kind');
    const apiVersion = getString(objref, 'apiVersion');
    const objName = getString(objref, 'name');
    const namespace = getString(objref, 'namespace');
    const matched = resources.filter((r) => {
      const gvk = gvkOf(r.node);
      if (kind && gvk.kind !== kind) return false;
      if (apiVersion && getString(r.node, 'apiVersion') !== apiVersion) return false;
      if (objName !== undefined && !r.names.includes(objName) && nameOf(r.node) !== objName) return false;
      return !namespace || (namespaceOf(r.node) || 'default') === namespace;
    });
    if (matched.length > 1) throw new BuildError('bad-kustomization', `found ${matched.length} resId matches for var ${name} (unable to disambiguate)`, node.origin);
    return { name, fieldPath: getString(getField(node, 'fieldref'), 'fieldpath') ?? 'metadata.name', resource: matched[0], node };
  });
}

/** Merges var sets as kustomize's accumulator does: a name defined twice is an error. */
export function mergeVars(into: VarDefinition[], incoming: readonly VarDefinition[]): VarDefinition[] {
  for (const definition of incoming) {
    if (into.some((existing) => existing.name === definition.name)) throw new BuildError('bad-kustomization', `var '${definition.name}' already encountered`, definition.node.origin);
  }
  return [...into, ...incoming];
}

function valueAt(node: KMap, fieldPath: string): KNode | undefined {
  let current: KNode | undefined = node;
  for (const part of fieldPath.split('.').flatMap((segment) => segment.split(/\[(\d+)\]/).filter(Boolean))) {
    if (current?.kind === 'seq' && /^\d+$/.test(part)) current = current.items[Number(part)];
    else current = getField(current, part);
  }
  return current;
}

/** Replaces `$(NAME)` in the var reference fields of every resource, after all names are final. */
export function resolveVars(resources: readonly Resource[], definitions: readonly VarDefinition[], extraPaths: readonly string[] = []): void {
  const values = new Map<string, KNode>();
  for (const definition of definitions) {
    if (!definition.resource) throw new BuildError('bad-kustomization', `var '${definition.name}' cannot be mapped to a field in the set of known resources`, definition.node.origin);
    const value = valueAt(definition.resource.node, definition.fieldPath);
    if (value === undefined || value.kind !== 'scalar') throw new BuildError('bad-kustomization', `field specified in var '${definition.name}' not found in corresponding resource`, definition.node.origin);
    values.set(definition.name, value);
  }
  if (values.size === 0) return;
  const expand = (node: KNode): KNode => {
    if (node.kind === 'seq') return { ...node, items: node.items.map(expand) };
    if (node.kind === 'map') return { ...node, entries: node.entries.map((entry) => ({ ...entry, value: expand(entry.value) })) };
    if (typeof node.value !== 'string') return node;
    const whole = /^\$\(([A-Za-z0-9_.-]+)\)$/.exec(node.value);
    if (whole && values.has(whole[1])) return { ...values.get(whole[1])!, origin: values.get(whole[1])!.origin };
    const text = node.value.replace(/\$\$|\$\(([A-Za-z0-9_.-]+)\)/g, (match, name: string | undefined) => (name && values.has(name) ? String((values.get(name) as { value: unknown }).value) : match === '$$' ? '$$' : match));
    return text === node.value ? node : scalar(text, node.origin);
  };
  for (const resource of resources) {
    for (const path of [...VAR_REFERENCES, ...extraPaths]) {
      visitPath(resource.node, pathSegments(path), false, (holder, key) => {
        const entry = holder.entries.find((e) => e.key === key);
        if (entry) entry.value = expand(entry.value);
      });
    }
  }
}
