import { pathSegments, specSelects, visitPath, type FieldSpec } from './field-spec';
import type { ExtraReferral } from './transformer-config';
import { BuildError } from './problem';
import { gvkOf, idText, isClusterScoped, namespaceOf, nameOf, type Gvk, type Resource } from './resource';
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
  // Each referral's candidates are found once, and again only if a field set below is a resource's kind or
  // apiVersion (a `configurations` field spec could name one; the built-in ones set names and namespaces).
  let gvks: Gvk[] = [];
  let candidatesOf: Resource[][] = [];
  const findCandidates = () => {
    gvks = resources.map((resource) => gvkOf(resource.node));
    candidatesOf = referrals.map((referral) => resources.filter((_, index) => gvks[index].kind === referral.kind && gvks[index].group === referral.group));
  };
  findCandidates();
  resources.forEach((referrer, index) => {
    referrals.forEach((referral, referralIndex) => {
      const candidates = candidatesOf[referralIndex];
      if (candidates.length === 0) return;
      const paths = [...referral.paths, ...(referral.specs ?? []).filter((spec) => specSelects(spec, gvks[index])).map((spec) => spec.path)];
      for (const path of paths) {
        const segments = pathSegments(path);
        visitPath(referrer.node, segments, false, (holder, key) => {
          const holderName = segments[segments.length - 2];
          if (KIND_CHECKED.has(holderName) && getString(holder, 'kind') !== undefined && getString(holder, 'kind') !== referral.kind) return;
          const value = getField(holder, key);
          if (key === 'resourceNames') return fixResourceNames(referrer, holder, candidates);
          if (value?.kind !== 'scalar' || typeof value.value !== 'string') return;
          const namespaced = holderName === 'subjects' || (holderName === 'service' && segments[0] === 'webhooks');
          const namespaceNode = getField(holder, 'namespace');
          if (holderName === 'subjects' && namespaceNode?.kind === 'scalar' && (namespaceNode.value === null || namespaceNode.value === '')) {
            throw new BuildError('bad-kustomization', `Invalid Input: namespace is blank for resource ${idText(referrer)}`, namespaceNode.origin);
          }
          const namespace = namespaced ? getString(holder, 'namespace') ?? namespaceOf(referrer.node) : namespaceOf(referrer.node);
          const target = pick(referrer, candidates.filter((c) => c.names.includes(value.value as string) || nameOf(c.node) === value.value), namespace);
          if (!target) return;
          const finalName = nameOf(target.node);
          if (finalName !== value.value) setField(holder, key, scalar(finalName, value.origin));
          if (finalName !== value.value && holder === referrer.node && (key === 'kind' || key === 'apiVersion')) findCandidates();
          // A subject or webhook service names a namespace too: it follows the referral's.
          if (namespaced && namespaceOf(target.node)) setField(holder, 'namespace', scalar(namespaceOf(target.node), getField(holder, 'namespace')?.origin ?? value.origin));
        });
      }
    });
  });
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

/**
 * kustomize's selectReferral: candidates in the referrer's namespace (or cluster-scoped, or any for a
 * cluster-scoped referrer); then those whose prefixes and suffixes end like the referrer's (empty lists
 * allowed first, then strictly); none left: no change; several with one final id: that one.
 */
function pick(referrer: Resource, candidates: Resource[], namespace: string): Resource | undefined {
  const referrerClusterScoped = isClusterScoped(gvkOf(referrer.node));
  let pool = candidates.filter((c) => referrerClusterScoped || isClusterScoped(gvkOf(c.node)) || (namespaceOf(c.node) || 'default') === (namespace || 'default'));
  if (pool.length === 1) return pool[0];
  pool = pool.filter((c) => affixesEqual(c, referrer, true));
  if (pool.length > 1) pool = pool.filter((c) => affixesEqual(c, referrer, false));
  if (pool.length <= 1) return pool[0];
  if (pool.every((c) => nameOf(c.node) === nameOf(pool[0].node) && namespaceOf(c.node) === namespaceOf(pool[0].node))) return pool[0];
  // Ambiguous, but no candidate's id changed: nothing to fix, so nothing to report.
  if (pool.every((c) => c.names.length === 1 && namespaceOf(c.node) === (c.originalNamespace ?? namespaceOf(c.node)))) return undefined;
  throw new BuildError('conflict', `found multiple possible referrals: ${pool.map(idText).join(', ')}`);
}

function affixesEqual(a: Resource, b: Resource, allowEmpty: boolean): boolean {
  const prefixes = (allowEmpty && (a.prefixes.length === 0 || b.prefixes.length === 0)) || sameEnding(a.prefixes, b.prefixes);
  const suffixes = (allowEmpty && (a.suffixes.length === 0 || b.suffixes.length === 0)) || sameEnding(a.suffixes, b.suffixes);
  return prefixes && suffixes;
}

/** One list ends with the other (an empty list only matches an empty list). */
function sameEnding(a: readonly string[], b: readonly string[]): boolean {
  const [shortest, longest] = a.length <= b.length ? [a, b] : [b, a];
  if (shortest.length === 0) return longest.length === 0;
  const diff = longest.length - shortest.length;
  return shortest.every((item, i) => longest[i + diff] === item);
}


