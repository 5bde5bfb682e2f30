/**
 * How strategic merge treats a list, for built-in Kubernetes kinds: the patch strategy and merge keys that
 * kustomize reads from its embedded OpenAPI schema (`x-kubernetes-patch-strategy`, `x-kubernetes-list-map-
 * keys` or `x-kubernetes-patch-merge-key`). Kinds outside Kubernetes' own API groups have no schema, so
 * their lists are replaced (kyaml's behaviour for CRDs).
 */
export interface ListStrategy {
  /** `merge`: by `keys` (or as a set of scalars when `keys` is empty); absent: the patch's list replaces. */
  merge: boolean;
  keys: string[];
}

/** Maps a field path (keys only, from the resource root) to its list strategy; undefined when the kind has no schema. */
export type MergeSchema = (path: readonly string[]) => ListStrategy;

const BUILTIN_GROUPS = new Set([
  '', 'apps', 'batch', 'extensions', 'policy', 'autoscaling', 'networking.k8s.io', 'rbac.authorization.k8s.io',
  'storage.k8s.io', 'scheduling.k8s.io', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'coordination.k8s.io',
  'discovery.k8s.io', 'certificates.k8s.io', 'node.k8s.io', 'apiregistration.k8s.io', 'events.k8s.io', 'flowcontrol.apiserver.k8s.io',
]);

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const REPLACE: ListStrategy = { merge: false, keys: [] };
const byKeys = (...keys: string[]): ListStrategy => ({ merge: true, keys });

/** The merge schema of a resource type, or undefined for kinds kustomize has no schema for. */
export function mergeSchemaFor(apiVersion: string | undefined, kind: string | undefined): MergeSchema | undefined {
  if (!apiVersion || !kind) return undefined;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  if (!BUILTIN_GROUPS.has(group) || (group === '' && apiVersion !== 'v1')) return undefined;
  return (path) => builtinListStrategy(path, kind);
}

function builtinListStrategy(path: readonly string[], kind: string): ListStrategy {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (path.length === 2 && path[0] === 'metadata') {
    if (last === 'ownerReferences') return byKeys('uid');
    if (last === 'finalizers') return byKeys();
    return REPLACE;
  }
  if (last === 'conditions' && parent === 'status') return byKeys('type');
  if (CONTAINER_LISTS.has(parent ?? '')) {
    // A field of a container (the path has no indexes: `…/containers/env`).
    if (last === 'env') return byKeys('name');
    if (last === 'ports') return byKeys('containerPort', 'protocol');
    if (last === 'volumeMounts') return byKeys('mountPath');
    if (last === 'volumeDevices') return byKeys('devicePath');
    return REPLACE;
  }
  if (parent !== 'spec') return REPLACE;
  if (CONTAINER_LISTS.has(last) || last === 'volumes' || last === 'imagePullSecrets' || last === 'resourceClaims') return byKeys('name');
  if (last === 'hostAliases') return byKeys('ip');
  if (last === 'topologySpreadConstraints') return byKeys('topologyKey', 'whenUnsatisfiable');
  if (last === 'ports' && kind === 'Service' && path.length === 2) return byKeys('port', 'protocol');
  return REPLACE;
}
