import { pathSegments, specSelects, visitPath, type FieldSpec } from './field-spec';
import type { ExtraReferral } from './transformer-config';
import { BuildError } from './problem';
import { gvkOf, idText, namespaceOf, nameOf, type Resource } from './resource';
import { getField, getString, scalar, setField, type KMap } from './tree';

/** Where a pod spec sits in the kinds that hold one. */
const POD_SPECS = ['spec', 'spec/template/spec', 'template/spec', 'spec/jobTemplate/spec/template/spec'];
const inPods = (...paths: string[]) => POD_SPECS.flatMap((prefix) => paths.map((path) => `${prefix}/${path}`));
const CONTAINERS = ['containers', 'initContainers'];

interface Referral {
  kind: string;
  group: string;
  /** Referrer fields, for any referrer kind. */
  paths: string[];
  /** Referrer fields limited to some kinds (from `configurations`). */
  specs?: FieldSpec[];
}

/** kustomize's name-reference field specs (namereference.go), pod-spec paths expanded per controller. */
const REFERRALS: Referral[] = [
  {
    kind: 'ConfigMap', group: '', paths: [
      ...inPods('volumes/configMap/name', 'volumes/projected/sources/configMap/name', ...CONTAINERS.flatMap((c) => [`${c}/env/valueFrom/configMapKeyRef/name`, `${c}/envFrom/configMapRef/name`])),
      'spec/configSource/configMap/name', 'metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap', 'rules/resourceNames',
    ],
  },
  {
    kind: 'Secret', group: '', paths: [
      ...inPods('volumes/secret/secretName', 'volumes/projected/sources/secret/name', 'imagePullSecrets/name', ...CONTAINERS.flatMap((c) => [`${c}/env/valueFrom/secretKeyRef/name`, `${c}/envFrom/secretRef/name`])),
      'spec/tls/secretName', 'imagePullSecrets/name', 'parameters/secretName', 'parameters/adminSecretName', 'parameters/userSecretName', 'parameters/secretRef', 'spec/azureFile/secretName', 'rules/resourceNames',
      'metadata/annotations/ingress.kubernetes.io\\/auth-secret', 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret', 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret',
    ],
  },
  { kind: 'Service', group: '', paths: ['spec/serviceName', 'spec/rules/http/paths/backend/serviceName', 'spec/backend/serviceName', 'spec/rules/http/paths/backend/service/name', 'spec/defaultBackend/service/name', 'spec/service/name', 'webhooks/clientConfig/service/name'] },
  { kind: 'ServiceAccount', group: '', paths: [...inPods('serviceAccountName'), 'subjects/name'] },
  { kind: 'PersistentVolumeClaim', group: '', paths: inPods('volumes/persistentVolumeClaim/claimName') },
  { kind: 'PersistentVolume', group: '', paths: ['spec/volumeName', 'rules/resourceNames'] },
  { kind: 'StorageClass', group: 'storage.k8s.io', paths: ['spec/storageClassName', 'spec/volumeClaimTemplates/spec/storageClassName'] },
  { kind: 'PriorityClass', group: 'scheduling.k8s.io', paths: inPods('priorityClassName') },
  { kind: 'IngressClass', group: 'networking.k8s.io', paths: ['spec/ingressClassName'] },
  { kind: 'ValidatingAdmissionPolicy', group: 'admissionregistration.k8s.io', paths: ['spec/policyName'] },
  { kind: 'Role', group: 'rbac.authorization.k8s.io', paths: ['roleRef/name'] },
  { kind: 'ClusterRole', group: 'rbac.authorization.k8s.io', paths: ['roleRef/name'] },
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({ kind, group: kind === 'ReplicationController' ? '' : 'apps', paths: ['spec/scaleTargetRef/name'] })),
];

/** Fields whose holder names the kind it refers to (`roleRef.kind`, `subjects[].kind`, `scaleTargetRef.kind`). */
const KIND_CHECKED = new Set(['roleRef', 'subjects', 'scaleTargetRef']);

/**
 * After all renames (prefixes, suffixes, hashes), a field that names a resource by any name it had is set
 * to its final name. Among several candidates, the one that went through the same prefixes and suffixes
 * as the referrer wins, then the one in the referrer's namespace (kustomize's nameref filter).
 */
export function fixNameReferences(resources: readonly Resource[], extra: readonly ExtraReferral[] = []): void {
  const referrals: Referral[] = [...REFERRALS, ...extra.map((e) => ({ kind: e.targetKind, group: e.targetGroup, paths: [], specs: e.specs }))];
  for (const referrer of resources) {
    for (const referral of referrals) {
      const paths = [...referral.paths, ...(referral.specs ?? []).filter((spec) => specSelects(spec, gvkOf(referrer.node))).map((spec) => spec.path)];
      const candidates = resources.filter((r) => gvkOf(r.node).kind === referral.kind && gvkOf(r.node).group === referral.group);
      if (candidates.length === 0) continue;
      for (const path of paths) {
        const segments = pathSegments(path);
        visitPath(referrer.node, segments, false, (holder, key) => {
          const holderName = segments[segments.length - 2];
          if (KIND_CHECKED.has(holderName) && getString(holder, 'kind') !== undefined && getString(holder, 'kind') !== referral.kind) return;
          const value = getField(holder, key);
          if (key === 'resourceNames') return fixResourceNames(referrer, holder, candidates);
          if (value?.kind !== 'scalar' || typeof value.value !== 'string') return;
          const namespaced = holderName === 'subjects' || (holderName === 'service' && segments[0] === 'webhooks');
          const namespace = namespaced ? getString(holder, 'namespace') ?? namespaceOf(referrer.node) : namespaceOf(referrer.node);
          const target = pick(referrer, candidates.filter((c) => c.names.includes(value.value as string) || nameOf(c.node) === value.value), namespace);
          if (!target) return;
          const finalName = nameOf(target.node);
          if (finalName !== value.value) setField(holder, key, scalar(finalName, value.origin));
          // A subject or webhook service names a namespace too: it follows the referral's.
          if (namespaced && namespaceOf(target.node)) setField(holder, 'namespace', scalar(namespaceOf(target.node), getField(holder, 'namespace')?.origin ?? value.origin));
        });
      }
    }
  }
}

/** RBAC rules name resources in `resourceNames`. */
function fixResourceNames(referrer: Resource, rule: KMap, candidates: Resource[]): void {
  // kustomize does not look at the rule's `resources` (a lease named like a ConfigMap is renamed too).
  const referrerKind = gvkOf(referrer.node).kind;
  if (referrerKind !== 'Role' && referrerKind !== 'ClusterRole') return;
  const names = getField(rule, 'resourceNames');
  if (names?.kind !== 'seq') return;
  names.items = names.items.map((item) => {
    if (item.kind !== 'scalar' || typeof item.value !== 'string') return item;
    const target = pick(referrer, candidates.filter((c) => c.names.includes(item.value as string)), namespaceOf(referrer.node));
    return target && nameOf(target.node) !== item.value ? scalar(nameOf(target.node), item.origin) : item;
  });
}

function pick(referrer: Resource, candidates: Resource[], namespace: string): Resource | undefined {
  if (candidates.length <= 1) return candidates[0];
  const sameAffixes = candidates.filter((c) => same(c.prefixes, referrer.prefixes) && same(c.suffixes, referrer.suffixes));
  let pool = sameAffixes.length > 0 ? sameAffixes : candidates;
  if (pool.length > 1) {
    const sameNamespace = pool.filter((c) => (namespaceOf(c.node) || 'default') === (namespace || 'default'));
    if (sameNamespace.length > 0) pool = sameNamespace;
  }
  if (pool.length === 1 || pool.every((c) => nameOf(c.node) === nameOf(pool[0].node))) return pool[0];
  throw new BuildError('conflict', `found multiple possible referrals: ${pool.map(idText).join(', ')}`);
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

