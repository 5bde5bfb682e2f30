import type { NodeOrigin } from './origin';
import { gvkOf, isClusterScoped, nameOf, setName, type Resource } from './resource';
import { getField, isMap, mapAt, scalar, setField } from './tree';

/**
 * `namespace`: sets metadata.namespace on every namespaced resource, renames Namespace objects (kustomize's
 * default field specs do), and sets the namespace of (Cluster)RoleBinding subjects named `default`.
 */
export function applyNamespace(resources: readonly Resource[], namespace: string, origin: NodeOrigin | undefined): void {
  for (const resource of resources) {
    const gvk = gvkOf(resource.node);
    if (gvk.kind === 'Namespace' && gvk.group === '') {
      setName(resource.node, namespace, origin);
      resource.names.push(namespace);
      continue;
    }
    if (!isClusterScoped(gvk)) setField(mapAt(resource.node, ['metadata'], true, origin)!, 'namespace', scalar(namespace, origin), origin);
    // kustomize's namespace field specs: an APIService's service (created) and a CRD's conversion webhook service.
    if (gvk.kind === 'APIService' && gvk.group === 'apiregistration.k8s.io') setField(mapAt(resource.node, ['spec', 'service'], true, origin)!, 'namespace', scalar(namespace, origin), origin);
    const webhookService = gvk.kind === 'CustomResourceDefinition' ? mapAt(resource.node, ['spec', 'conversion', 'webhook', 'clientConfig', 'service'], false) : undefined;
    if (webhookService && getField(webhookService, 'namespace')) setField(webhookService, 'namespace', scalar(namespace, origin), origin);
    if (gvk.kind === 'RoleBinding' || gvk.kind === 'ClusterRoleBinding') {
      const subjects = getField(resource.node, 'subjects');
      if (subjects?.kind !== 'seq') continue;
      for (const subject of subjects.items) {
        if (isMap(subject) && getField(subject, 'name')?.kind === 'scalar' && (getField(subject, 'name') as { value: unknown }).value === 'default') {
          setField(subject, 'namespace', scalar(namespace, origin), origin);
        }
      }
    }
  }
}

const NOT_RENAMED = new Set(['CustomResourceDefinition', 'APIService', 'Namespace']);

/** `namePrefix` / `nameSuffix`: every name but CRDs', APIServices' and Namespaces'. */
export function applyNameAffixes(resources: readonly Resource[], prefix: string, suffix: string, origin: NodeOrigin | undefined): void {
  for (const resource of resources) {
    if (NOT_RENAMED.has(gvkOf(resource.node).kind)) continue;
    if (prefix === '' && suffix === '') continue;
    const name = `${prefix}${nameOf(resource.node)}${suffix}`;
    setName(resource.node, name, origin);
    resource.names.push(name);
    if (prefix) resource.prefixes.push(prefix);
    if (suffix) resource.suffixes.push(suffix);
  }
}
