import { gvkOf, namespaceOf, nameOf, type Gvk, type Resource } from './resource';

const FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role',
  'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange',
  'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];
const LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function rank(kind: string, first: readonly string[], last: readonly string[]): number {
  const i = first.indexOf(kind);
  if (i >= 0) return i - first.length;
  const j = last.indexOf(kind);
  return j >= 0 ? j + 1 : 0;
}

const gvkText = (gvk: Gvk) => `${gvk.group || '~G'}_${gvk.version || '~V'}_${gvk.kind || '~K'}`;

/**
 * kustomize's legacy order: Namespaces, quotas, storage classes, CRDs, service accounts, RBAC, config,
 * services… first, webhooks last, everything else between; ties by group/version/kind, namespace, name.
 */
export function legacyOrder(resources: readonly Resource[], orderFirst: readonly string[] = FIRST, orderLast: readonly string[] = LAST): Resource[] {
  const key = (r: Resource) => {
    const gvk = gvkOf(r.node);
    return { gvk, rank: rank(gvk.kind, orderFirst, orderLast), text: gvkText(gvk), id: `${namespaceOf(r.node) || '~X'}|${nameOf(r.node) || '~N'}` };
  };
  return [...resources].map((r) => ({ r, k: key(r) })).sort((a, b) => {
    if (a.k.text !== b.k.text) {
      if (a.k.rank !== b.k.rank) return a.k.rank - b.k.rank;
      // Two Namespace kinds, one without a group: the grouped one first (kustomize's gvkLessThan quirk).
      const reverse = a.k.gvk.kind === 'Namespace' && b.k.gvk.kind === 'Namespace' && (a.k.gvk.group === '' || b.k.gvk.group === '');
      return (a.k.text < b.k.text ? -1 : 1) * (reverse ? -1 : 1);
    }
    return a.k.id < b.k.id ? -1 : a.k.id > b.k.id ? 1 : 0;
  }).map(({ r }) => r);
}
