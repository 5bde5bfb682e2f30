import type { Node, YAMLMap } from 'yaml';
import { isMap } from '../yaml-nodes';
import type { LineIndex } from '../../engine/line-index';
import type { DangerousGrant, KubernetesFacts, KubernetesObjectFacts, LabelSelector, RbacSubject, WorkloadFacts } from '../../facts/file-facts';
import { getPath, manifestNameSpan, podSpecOf, stringMap, stringOf, type KubernetesModel, type Manifest, type PodSpec } from '../kubernetes';
import { asBoolean, asMap, asSeqItems, getNode, nodeSpan } from '../yaml';

/** kubeadm writes the control plane's static pods here; the kubelet runs them without the API server. */
const STATIC_POD_FOLDER = /(^|\/)etc\/kubernetes\/manifests\//;

/** What a policy rule must name to grant each dangerous access (apiGroups, resources, verbs; `*` matches all). */
const GRANTS: Array<{ grant: DangerousGrant; groups: string[]; resources: string[]; verbs: string[] }> = [
  { grant: 'read-secrets', groups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] },
  { grant: 'create-pods', groups: [''], resources: ['pods'], verbs: ['create'] },
  { grant: 'escalate', groups: ['rbac.authorization.k8s.io'], resources: ['roles', 'clusterroles'], verbs: ['escalate'] },
  { grant: 'bind', groups: ['rbac.authorization.k8s.io'], resources: ['roles', 'clusterroles'], verbs: ['bind'] },
  { grant: 'impersonate', groups: ['', 'authentication.k8s.io'], resources: ['users', 'groups', 'serviceaccounts', 'userextras/*', 'uids'], verbs: ['impersonate'] },
];

/** Every object of the file, reduced to the facts relations read (labels, selectors, grants, subjects, pods). */
export function kubernetesFacts(model: KubernetesModel, lines: LineIndex, path: string): KubernetesFacts {
  // The model's pod specs are `podSpecOf` of its manifests, in their order: taken from there, not worked out again.
  const podSpecs = model.podSpecs;
  let next = 0;
  const objects: KubernetesObjectFacts[] = [];
  for (const manifest of model.manifests) {
    // An object without a kind has no pod spec either.
    if (manifest.kind === undefined) continue;
    const pod = podSpecs[next]?.manifest === manifest ? podSpecs[next++] : podSpecOf(manifest);
    objects.push(objectFacts(manifest, pod, lines, path));
  }
  return { kind: 'kubernetes', objects };
}

function objectFacts(manifest: Manifest, pod: PodSpec | undefined, lines: LineIndex, path: string): KubernetesObjectFacts {
  // Every object with every field, `undefined` where it has none (JSON leaves those out, `sameFacts` reads both
  // alike): one shape, so the index and the relation rules that read thousands of objects (copied with their
  // path) meet one, where each kind's own set of fields made their compiled code start over as new ones came.
  const facts: KubernetesObjectFacts = {
    kind: manifest.kind!,
    name: manifest.name,
    namespace: manifest.namespace,
    range: lines.rangeOf(manifestNameSpan(manifest)),
    labels: stringMap(getNode(manifest.metadata, 'labels')),
    automount: undefined,
    podSelector: undefined,
    grants: undefined,
    roleRef: undefined,
    subjects: undefined,
    workload: undefined,
  };
  switch (manifest.kind) {
    case 'ServiceAccount': {
      const automount = asBoolean(getNode(manifest.node, 'automountServiceAccountToken'));
      if (automount !== undefined) facts.automount = automount;
      break;
    }
    case 'NetworkPolicy':
      facts.podSelector = selectorOf(getPath(manifest.node, ['spec', 'podSelector']));
      break;
    case 'Role':
    case 'ClusterRole':
      facts.grants = grantsOf(manifest, lines);
      break;
    case 'RoleBinding':
    case 'ClusterRoleBinding': {
      const roleRef = asMap(getNode(manifest.node, 'roleRef'));
      facts.roleRef = { kind: stringOf(getNode(roleRef, 'kind')) ?? '', name: stringOf(getNode(roleRef, 'name')) ?? '' };
      facts.subjects = asSeqItems(getNode(manifest.node, 'subjects')).filter(isMap).flatMap((node): RbacSubject[] => {
        const kind = stringOf(getNode(node, 'kind'));
        const name = stringOf(getNode(node, 'name'));
        const namespace = stringOf(getNode(node, 'namespace'));
        return kind && name ? [{ kind, name, namespace: namespace || undefined }] : [];
      });
      break;
    }
  }
  if (pod) facts.workload = workloadFacts(pod, lines, path);
  return facts;
}

function workloadFacts(pod: PodSpec, lines: LineIndex, path: string): WorkloadFacts {
  const accountNode = getNode(pod.spec, 'serviceAccountName') ?? getNode(pod.spec, 'serviceAccount');
  const automount = asBoolean(getNode(pod.spec, 'automountServiceAccountToken'));
  return {
    podLabels: stringMap(getNode(pod.podMetadata, 'labels')),
    serviceAccount: stringOf(accountNode) ?? 'default',
    serviceAccountRange: stringOf(accountNode) !== undefined ? lines.rangeOf(nodeSpan(accountNode)) : undefined,
    automount,
    staticControlPlane: isStaticControlPlanePod(pod, path),
  };
}

/** A static pod of the control plane, which the kubelet runs without a service account (so SA rules do not apply). */
export function isStaticControlPlanePod(pod: PodSpec, path: string): boolean {
  if (pod.manifest.kind !== 'Pod') return false;
  if (pod.isControlPlane || STATIC_POD_FOLDER.test(path)) return true;
  const labels = stringMap(getNode(pod.podMetadata ?? pod.manifest.metadata, 'labels'));
  if (labels.tier === 'control-plane') return true;
  return pod.manifest.namespace === 'kube-system' && asBoolean(getNode(pod.spec, 'hostNetwork')) === true;
}

function grantsOf(manifest: Manifest, lines: LineIndex): KubernetesObjectFacts['grants'] {
  const result: NonNullable<KubernetesObjectFacts['grants']> = [];
  for (const rule of asSeqItems(getNode(manifest.node, 'rules')).filter(isMap)) {
    // `resourceNames` narrows a grant to named objects: not the blast radius this is about.
    if (strings(getNode(rule, 'resourceNames')).length > 0) continue;
    const groups = strings(getNode(rule, 'apiGroups'));
    const resources = strings(getNode(rule, 'resources'));
    const verbs = strings(getNode(rule, 'verbs'));
    for (const wanted of GRANTS) {
      const grants =
        groups.some((group) => group === '*' || wanted.groups.includes(group)) &&
        resources.some((resource) => resource === '*' || wanted.resources.includes(resource)) &&
        verbs.some((verb) => verb === '*' || wanted.verbs.includes(verb));
      if (grants && !result.some((entry) => entry.grant === wanted.grant)) result.push({ grant: wanted.grant, range: lines.rangeOf(nodeSpan(rule)) });
    }
  }
  return result;
}

/** A label selector as data; `{}` when the node is not a mapping, undefined when there is none. */
export function selectorOf(node: Node | undefined): LabelSelector | undefined {
  const map = asMap(node);
  if (!map) return node === undefined ? undefined : { matchLabels: {}, matchExpressions: [] };
  return {
    matchLabels: stringMap(getNode(map, 'matchLabels')),
    matchExpressions: asSeqItems(getNode(map, 'matchExpressions')).filter(isMap).map((expression: YAMLMap) => ({
      key: stringOf(getNode(expression, 'key')) ?? '',
      operator: stringOf(getNode(expression, 'operator')) ?? '',
      values: strings(getNode(expression, 'values')),
    })),
  };
}

function strings(node: unknown): string[] {
  return asSeqItems(node).flatMap((item) => {
    const value = stringOf(item);
    return value === undefined ? [] : [value];
  });
}
