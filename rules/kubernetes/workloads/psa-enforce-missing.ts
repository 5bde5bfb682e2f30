import { defineRule } from '../../engine/rule';
import { manifestNameSpan, stringMap } from '../../models/kubernetes';
import { setIn } from '../../models/yaml-edit';
import { getNode } from '../../models/yaml';
import { derivedAnswer } from '../../facts/derived-answer';
import type { FactsView } from '../../facts/workspace-facts';
import type { RelatedLocation } from '../../engine/types';
import { kubernetesScope } from '../scope';
import { ENFORCE_LABEL } from './psa-enforce-violation';

const WORKLOAD = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web:2.1\n';

export default defineRule({
  meta: {
    id: 'kubernetes/psa-enforce-missing',
    kind: 'kubernetes',
    title: 'Label namespaces with an enforced Pod Security level',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'suggest',
    description:
      'Pod Security admission only rejects pods in namespaces labelled `pod-security.kubernetes.io/enforce`; without the label (and with the cluster\'s usual `privileged` default) any pod is admitted: privileged, host namespaces, hostPath mounts. Reported once per Namespace object of the workspace that has workloads (in any file) and no `enforce` label. Namespaces the workspace does not define are not reported: their labels are unknown.',
    remediation: 'Add `pod-security.kubernetes.io/enforce: baseline` (or `restricted`) to the Namespace\'s labels, after checking its pods pass (`warn`/`audit` labels help on the way).',
    references: [
      { source: 'cis-kubernetes', id: '5.2.1', version: '1.12' },
      { source: 'docs', id: 'pod-security-admission', note: 'Kubernetes docs: Pod Security Admission', url: 'https://kubernetes.io/docs/concepts/security/pod-security-admission/' },
    ],
    examples: {
      invalid: [{ path: 'namespace.yaml', code: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n', files: { 'web.yaml': WORKLOAD } }],
      valid: [{ path: 'namespace.yaml', code: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    ${ENFORCE_LABEL}: baseline\n`, files: { 'web.yaml': WORKLOAD } }],
    },
  },
  check(context) {
    if (!context.workspace.index) return; // whether the namespace has workloads is a workspace question
    const scope = kubernetesScope(context);
    for (const manifest of context.model.manifests) {
      if (manifest.kind !== 'Namespace' || !manifest.name) continue;
      if (stringMap(getNode(manifest.metadata, 'labels'))[ENFORCE_LABEL] !== undefined) continue;
      // What the namespace's workloads make this say, as a derived answer: a scan's held lint stands while it is
      // the same, not only while the namespace's list keeps its length (any object joining it changes that).
      const name = manifest.name;
      const workloads = derivedAnswer(scope, `psa-namespace-workloads:${JSON.stringify(name)}`, (view) => workloadsIn(view, name));
      if (workloads.count === 0) continue;
      const edit = setIn(context.text, manifest.node, ['metadata', 'labels', ENFORCE_LABEL], 'baseline');
      context.report({
        span: manifestNameSpan(manifest),
        message: `Namespace "${manifest.name}" has ${workloads.count === 1 ? '1 workload' : `${workloads.count} workloads`} and no \`${ENFORCE_LABEL}\` label, so Pod Security admission lets any pod in, privileged ones included.`,
        related: workloads.related,
        fixes: edit ? [{ title: `Enforce Pod Security "baseline" on namespace ${manifest.name}`, safe: false, edits: [edit] }] : [],
      });
    }
  },
});

/** How many workloads (static control-plane pods left out) the namespace has, and the first ones as related places. */
function workloadsIn(view: FactsView, namespace: string): { count: number; related: RelatedLocation[] } {
  const workloads = view.namespaceObjects(namespace).filter((object) => object.workload && !object.workload.staticControlPlane);
  return {
    count: workloads.length,
    related: workloads.slice(0, 5).map((object) => ({ path: object.path, range: object.range, message: `${object.kind} ${object.name ?? '(unnamed)'} runs in namespace "${namespace}".` })),
  };
}
