import { defineRule, type RuleContext } from '../../engine/rule';
import type { RelatedLocation, Severity } from '../../engine/types';
import type { DangerousGrant, KubernetesObjectFacts } from '../../facts/file-facts';
import type { FactsView, Located } from '../../facts/workspace-facts';
import { isStaticControlPlanePod } from '../../models/file-facts/kubernetes-facts';
import { describePod, manifestNameSpan, stringOf, type KubernetesModel, type PodSpec } from '../../models/kubernetes';
import { asBoolean, getNode, nodeSpan } from '../../models/yaml';
import { accountDisablesAutomount, findObject, kubernetesScope, serviceAccountIn } from '../scope';
import { derivedAnswer } from '../../facts/derived-answer';

type Binding = Located<KubernetesObjectFacts>;

const WHAT: Record<DangerousGrant, string> = {
  'read-secrets': 'read every Secret of the cluster',
  'create-pods': 'create pods (running as any service account of the namespace, with its Secrets)',
  escalate: 'escalate roles beyond its own rights',
  bind: 'bind any role, up to cluster-admin',
  impersonate: 'impersonate other users, groups or service accounts',
};
const SEVERITY: Record<DangerousGrant, Severity> = { 'read-secrets': 'warning', 'create-pods': 'warning', escalate: 'error', bind: 'error', impersonate: 'error' };
const ORDER: readonly DangerousGrant[] = ['escalate', 'bind', 'impersonate', 'read-secrets', 'create-pods'];

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      serviceAccountName: web\n      containers:\n        - name: web\n          image: web:2.1\n';
const rbac = (verbs: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: secret-reader\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: [${verbs}]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: web-reads-secrets\nsubjects:\n  - kind: ServiceAccount\n    name: web\n    namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: secret-reader\n`;

/** Groups every service account of the namespace (or everyone authenticated) is in. */
function groupsOf(namespace: string): string[] {
  return ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'];
}

/** Does the binding name this service account, directly or through a group it is in? */
function bindsAccount(binding: Binding, namespace: string, account: string): boolean {
  return (binding.subjects ?? []).some((subject) =>
    subject.kind === 'ServiceAccount' ? subject.name === account && (subject.namespace ?? (binding.kind === 'RoleBinding' ? (binding.namespace ?? 'default') : undefined)) === namespace : subject.kind === 'Group' && groupsOf(namespace).includes(subject.name),
  );
}

/** The role a binding grants (a RoleBinding may grant a ClusterRole, within its namespace). */
function roleOf(scope: FactsView, binding: Binding): Located<KubernetesObjectFacts> | undefined {
  const ref = binding.roleRef;
  if (!ref) return undefined;
  if (ref.kind === 'ClusterRole') return findObject(scope.clusterObjects('ClusterRole'), 'ClusterRole', ref.name);
  if (ref.kind === 'Role') return findObject(scope.namespaceObjects(binding.namespace ?? 'default', 'Role'), 'Role', ref.name);
  return undefined;
}

interface Chain {
  grant: DangerousGrant;
  binding: Binding;
  role: Located<KubernetesObjectFacts>;
  range: NonNullable<KubernetesObjectFacts['grants']>[number]['range'];
}

/**
 * The bindings of a namespace's accounts (ClusterRoleBindings, then the namespace's RoleBindings, in list order)
 * that may bind the account: those naming it as a ServiceAccount subject, and those with a Group subject. Indexed
 * in one pass per pair of lists the view answered, not scanned for every pod (and again when one grew in place).
 */
interface Candidates {
  lengths: [number, number];
  byAccount: Map<string, Binding[]>;
  groups: Binding[];
  order: Map<Binding, number>;
}
const candidatesByLists = new WeakMap<readonly Binding[], WeakMap<readonly Binding[], Candidates>>();

function candidateBindings(cluster: readonly Binding[], objects: readonly Binding[], account: string): Binding[] {
  let byCluster = candidatesByLists.get(cluster);
  if (!byCluster) candidatesByLists.set(cluster, (byCluster = new WeakMap()));
  let candidates = byCluster.get(objects);
  if (!candidates || candidates.lengths[0] !== cluster.length || candidates.lengths[1] !== objects.length) {
    candidates = { lengths: [cluster.length, objects.length], byAccount: new Map(), groups: [], order: new Map() };
    const bindings = [...cluster.filter((object) => object.kind === 'ClusterRoleBinding'), ...objects.filter((object) => object.kind === 'RoleBinding')];
    for (const [index, binding] of bindings.entries()) {
      candidates.order.set(binding, index);
      const subjects = binding.subjects ?? [];
      if (subjects.some((subject) => subject.kind === 'Group')) candidates.groups.push(binding);
      for (const name of new Set(subjects.filter((subject) => subject.kind === 'ServiceAccount').map((subject) => subject.name))) {
        const list = candidates.byAccount.get(name) ?? [];
        if (list.length === 0) candidates.byAccount.set(name, list);
        list.push(binding);
      }
    }
    byCluster.set(objects, candidates);
  }
  const named = candidates.byAccount.get(account) ?? [];
  if (candidates.groups.length === 0) return named;
  const { order } = candidates;
  return [...new Set([...named, ...candidates.groups])].sort((a, b) => (order.get(a) as number) - (order.get(b) as number));
}

/** The most dangerous grant that reaches the account; reading Secrets counts only when granted cluster-wide. */
function worstChain(scope: FactsView, namespace: string, account: string): Chain | undefined {
  const bindings = candidateBindings(scope.clusterObjects('ClusterRoleBinding'), scope.namespaceObjects(namespace, 'RoleBinding'), account);
  const chains: Chain[] = [];
  for (const binding of bindings) {
    if (!bindsAccount(binding, namespace, account)) continue;
    const role = roleOf(scope, binding);
    for (const grant of role?.grants ?? []) {
      if (grant.grant === 'read-secrets' && binding.kind !== 'ClusterRoleBinding') continue;
      chains.push({ grant: grant.grant, binding, role: role!, range: grant.range });
    }
  }
  return chains.sort((a, b) => ORDER.indexOf(a.grant) - ORDER.indexOf(b.grant))[0];
}

/** The ServiceAccount object of that name, when the workspace declares it. */
function serviceAccountOf(scope: FactsView, namespace: string, account: string): Located<KubernetesObjectFacts> | undefined {
  return serviceAccountIn(scope, namespace, account);
}

/** No token mounted (the pod, or its ServiceAccount when the pod does not say): nothing to steal. */
function mountsToken(scope: FactsView, pod: PodSpec, namespace: string, account: string): boolean {
  const own = asBoolean(getNode(pod.spec, 'automountServiceAccountToken'));
  if (own !== undefined) return own;
  return !accountDisablesAutomount(scope, namespace, account);
}

function report(context: RuleContext<KubernetesModel>, scope: FactsView, pod: PodSpec, chain: Chain, account: string, namespace: string): void {
  const accountNode = getNode(pod.spec, 'serviceAccountName') ?? getNode(pod.spec, 'serviceAccount');
  // The chain as an attacker walks it: the pod's token → its ServiceAccount → the binding → the role's rule.
  const serviceAccount = serviceAccountOf(scope, namespace, account);
  const related: RelatedLocation[] = [
    ...(serviceAccount ? [{ path: serviceAccount.path, range: serviceAccount.range, message: `ServiceAccount ${namespace}/${account}, whose token the pod mounts.` }] : []),
    { path: chain.binding.path, range: chain.binding.range, message: `${chain.binding.kind} "${chain.binding.name ?? ''}" binds service account ${namespace}/${account} to ${chain.role.kind} "${chain.role.name ?? ''}".` },
    { path: chain.role.path, range: chain.range, message: `${chain.role.kind} "${chain.role.name ?? ''}" lets it ${WHAT[chain.grant]}.` },
  ];
  context.report({
    span: accountNode ? nodeSpan(accountNode) : manifestNameSpan(pod.manifest),
    severity: SEVERITY[chain.grant],
    message: `${describePod(pod)} runs as service account ${account}, which ${chain.binding.kind} "${chain.binding.name ?? ''}" lets ${WHAT[chain.grant]}: a compromise of this pod does the same.`,
    related,
  });
}

export default defineRule({
  meta: {
    id: 'kubernetes/rbac-blast-radius',
    kind: 'kubernetes',
    title: 'Workloads whose service account can read Secrets cluster-wide, create pods, escalate, bind or impersonate',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'none',
    description:
      'The rights of a pod\'s service account are what an attacker gets with code execution in it (the token is mounted unless automounting is off). When a (Cluster)RoleBinding anywhere in the workspace grants that account, directly or through `system:serviceaccounts[:<namespace>]` or `system:authenticated`, a role that reads Secrets cluster-wide, creates pods, escalates, binds or impersonates, the pod\'s blast radius is the cluster. One finding per workload, on `serviceAccountName`, naming the worst grant, with the ServiceAccount (when the workspace declares it), the binding and the role\'s rule as related information. Escalate, bind and impersonate are errors. Grants narrowed by `resourceNames` and aggregated ClusterRoles are not followed.',
    remediation: 'Give the workload its own service account with only the rights it uses (a Role in its namespace, not a ClusterRole bound cluster-wide), or set `automountServiceAccountToken: false` when it does not call the API.',
    references: [
      { source: 'cis-kubernetes', id: '5.1.2', version: '1.12' },
      { source: 'cis-kubernetes', id: '5.1.8', version: '1.12' },
    ],
    examples: {
      invalid: [{ path: 'web.yaml', code: DEPLOYMENT, files: { 'rbac.yaml': rbac('"get"') } }],
      valid: [{ path: 'web.yaml', code: DEPLOYMENT, files: { 'rbac.yaml': rbac('"create"') } }],
    },
  },
  check(context) {
    const scope = kubernetesScope(context);
    for (const pod of context.model.podSpecs) {
      if (isStaticControlPlanePod(pod, context.path)) continue; // a static pod has no service account
      const namespace = pod.manifest.namespace ?? 'default';
      const account = stringOf(getNode(pod.spec, 'serviceAccountName')) ?? stringOf(getNode(pod.spec, 'serviceAccount')) ?? 'default';
      if (!mountsToken(scope, pod, namespace, account)) continue;
      const chain = derivedAnswer(scope, `rbac-worst-chain:${JSON.stringify([namespace, account])}`, (view) => worstChain(view, namespace, account));
      if (chain) report(context, scope, pod, chain, account, namespace);
    }
  },
});
