import { defineRule } from '../../engine/rule';
import type { RelatedLocation } from '../../engine/types';
import { selectsLabels } from '../../facts/label-selector';
import type { KubernetesObjectFacts } from '../../facts/file-facts';
import type { FactsView, Located } from '../../facts/workspace-facts';
import { derivedAnswer } from '../../facts/derived-answer';
import { namespaceOf } from '../../facts/facts-index';
import type { KubernetesModel } from '../../models/kubernetes';
import { kubernetesScope, spanInFile } from '../scope';

/** At most this many unselected workloads are listed as related information. */
const MAX_RELATED = 5;

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: web:2.1\n';

export function defaultDenyPolicy(namespace: string): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: ${namespace}\nspec:\n  podSelector: {}\n  policyTypes:\n    - Ingress\n    - Egress\n`;
}

export default defineRule({
  meta: {
    id: 'kubernetes/namespace-network-policy',
    kind: 'kubernetes',
    title: 'Give every namespace with workloads a NetworkPolicy',
    stride: 'information-disclosure',
    severity: 'warning',
    fix: 'suggest',
    description:
      'Without a NetworkPolicy selecting its pods, a pod accepts traffic from every pod of the cluster and may connect anywhere: one compromised workload can probe and reach every other service, database and metadata endpoint. Judged over the whole workspace (the NetworkPolicies of every file, by namespace; objects that name none are in `default`): one finding per namespace whose workloads some pods of are selected by no policy, on the Namespace object when the workspace defines it, else on the first such workload. Helm charts are their own scope. Static control-plane pods are left out. Linting a single file, with no workspace, reports nothing: the policies may be elsewhere.',
    remediation: 'Add a default-deny NetworkPolicy (`podSelector: {}`, `policyTypes: [Ingress, Egress]`) to the namespace, then allow the traffic each workload needs with narrower policies.',
    references: [
      { source: 'cis-kubernetes', id: '5.3.2', version: '1.12' },
      { source: 'checkov', id: 'CKV2_K8S_6' },
      { source: 'kube-linter', id: 'non-isolated-pod' },
    ],
    examples: {
      invalid: [{ path: 'namespace.yaml', code: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n', files: { 'web.yaml': DEPLOYMENT } }],
      valid: [{ path: 'web.yaml', code: DEPLOYMENT, files: { 'default-deny.yaml': defaultDenyPolicy('shop') } }],
    },
  },
  check(context) {
    if (!context.workspace.index) return; // the policies may be in files this lint cannot see: unknown
    const scope = kubernetesScope(context);
    // Only this file can say a finding when it holds the namespace's Namespace object or one of its objects, so
    // only those namespaces are read: a file's lint then depends on its own namespaces, not the workspace's.
    for (const namespace of ownNamespaces(context.model)) {
      // Whether this file speaks is a question of its own: the other files of the namespace depend on that alone.
      const path = context.path; // the question keeps its arguments only, never the file's model
      const speaks = derivedAnswer(scope, `network-policy-speaks:${JSON.stringify([namespace, path])}`, (view) => speakerOf(view, namespace)?.path === path);
      if (!speaks) continue;
      // What the speaker says is a question of its own too: a scan's held lint then stands while the finding is
      // the same, not only while the namespace's lists keep their lengths (any object joining them changes those).
      const said = derivedAnswer(scope, `network-policy-finding:${JSON.stringify(namespace)}`, (view) => findingIn(view, namespace))!;
      const span = spanInFile(context, said.speaker);
      if (!span) continue;
      context.report({
        span,
        message: said.message,
        related: said.related,
        fixes: [{ title: `Add a default-deny NetworkPolicy for namespace ${namespace} (a new file)`, safe: false, edits: [], newFiles: [{ path: `networkpolicy-default-deny-${namespace}.yaml`, text: defaultDenyPolicy(namespace) }] }],
      });
    }
  },
});

/** The namespace's finding as plain data (a derived answer): the speaker's identity, the message and the related places. */
interface Said {
  speaker: Pick<KubernetesObjectFacts, 'kind' | 'name' | 'namespace'>;
  message: string;
  related: RelatedLocation[];
}

/** The finding the namespace's speaker reports; undefined when every workload of it is selected. */
function findingIn(view: FactsView, namespace: string): Said | undefined {
  const speaker = speakerOf(view, namespace);
  if (!speaker) return undefined;
  const { policies, unselected } = judged(view.namespaceObjects(namespace));
  const related = unselected
    .filter((object) => object !== speaker)
    .slice(0, MAX_RELATED)
    .map((object) => ({ path: object.path, range: object.range, message: `${object.kind} ${object.name ?? '(unnamed)'} is selected by no NetworkPolicy.` }));
  const count = unselected.length === 1 ? `${unselected[0].kind} ${unselected[0].name ?? '(unnamed)'}` : `${unselected.length} workloads`;
  return {
    speaker: { kind: speaker.kind, name: speaker.name, namespace: speaker.namespace },
    message: `Namespace "${namespace}": ${count} ${unselected.length === 1 ? 'is' : 'are'} selected by no NetworkPolicy${policies.length === 0 ? ' (the namespace has none)' : ''}, so ${unselected.length === 1 ? 'its pods accept' : 'their pods accept'} traffic from every pod of the cluster.`,
    related,
  };
}

type Objects = ReadonlyArray<Located<KubernetesObjectFacts>>;
/**
 * Per list the view answered (the same array while the index does not change, and while a joining file's objects
 * are added in place: its length is checked too): every file of a namespace asks for the same judgement, and a
 * scan's 'default' namespace holds thousands of objects.
 */
const judgements = new WeakMap<Objects, { length: number; policies: Objects; unselected: Objects }>();
const namespaceLists = new WeakMap<Objects, { length: number; namespaces: Objects }>();

/** A namespace's NetworkPolicies and the workloads none of them selects. */
function judged(objects: Objects): { policies: Objects; unselected: Objects } {
  let judgement = judgements.get(objects);
  if (!judgement || judgement.length !== objects.length) {
    const policies = policiesIn(objects);
    const unselected = objects.filter((object) => isUnselected(object, policies));
    judgements.set(objects, (judgement = { length: objects.length, policies, unselected }));
  }
  return judgement;
}

/** One finding per namespace, said by one file: the Namespace object's, else the first unselected workload's. */
function speakerOf(view: FactsView, namespace: string): Located<KubernetesObjectFacts> | undefined {
  // The first unselected workload, found without judging the whole namespace (every file of it asks this).
  const policies = policiesIn(view.namespaceObjects(namespace, 'NetworkPolicy'));
  const firstUnselected = view.namespaceObjects(namespace).find((object) => isUnselected(object, policies));
  if (!firstUnselected) return undefined;
  return namespacesIn(view.clusterObjects('Namespace')).find((object) => object.name === namespace) ?? firstUnselected;
}

/** The NetworkPolicies (with a pod selector) among a namespace's objects. */
function policiesIn(objects: Objects): Objects {
  return objects.filter((object) => object.kind === 'NetworkPolicy' && object.podSelector);
}

/** A workload no policy selects (static control-plane pods are not the cluster's network's to police). */
function isUnselected(object: Located<KubernetesObjectFacts>, policies: Objects): boolean {
  return !!object.workload && !object.workload.staticControlPlane && !policies.some((policy) => selectsLabels(policy.podSelector!, object.workload!.podLabels));
}

/** The Namespace objects among the cluster-scoped ones. */
function namespacesIn(cluster: Objects): Objects {
  let memo = namespaceLists.get(cluster);
  if (!memo || memo.length !== cluster.length) namespaceLists.set(cluster, (memo = { length: cluster.length, namespaces: cluster.filter((object) => object.kind === 'Namespace') }));
  return memo.namespaces;
}

/** The namespaces this file's objects are in or define (Namespace objects), sorted: where it may be the speaker. */
function ownNamespaces(model: KubernetesModel): string[] {
  const names = new Set<string>();
  for (const manifest of model.manifests) {
    if (manifest.kind === undefined) continue;
    const namespace = manifest.kind === 'Namespace' ? manifest.name : namespaceOf({ kind: manifest.kind, namespace: manifest.namespace });
    if (namespace !== undefined) names.add(namespace);
  }
  return [...names].sort();
}
