import { defineRule } from '../../engine/rule';
import { describeContainer, podField, regularContainers } from '../../models/kubernetes';
import { asMap, getNode } from '../../models/yaml';
import { setIn } from '../../models/yaml-edit';

export default defineRule({
  meta: {
    id: 'kubernetes/memory-limit',
    kind: 'kubernetes',
    title: 'Set a memory limit',
    stride: 'denial-of-service',
    severity: 'warning',
    fix: 'suggest',
    description:
      'A container without `resources.limits.memory` can take all the memory of its node: a leak or a crafted request then gets neighbouring pods OOM-killed or evicted. A pod-level memory limit (Kubernetes 1.32+) also counts; a LimitRange for the namespace in the same file turns the finding into info.',
    remediation: 'Set `resources.limits.memory` on every container (the fix writes `512Mi` as a placeholder: size it from the workload\'s real use).',
    references: [
      { source: 'checkov', id: 'CKV_K8S_13' },
      { source: 'kics', id: 'b14d1bc4-a208-45db-92f0-e21f8e2588e9', note: 'Memory Limits Not Defined' },
      { source: 'trivy', id: 'KSV018' },
      { source: 'kube-linter', id: 'unset-memory-requirements' },
      { source: 'polaris', id: 'memoryLimitsMissing' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n      resources:\n        limits:\n          memory: 256Mi\n' }],
    },
  },
  check(context) {
    // A LimitRange of the same namespace in the file supplies default limits: still worth writing down, but info.
    const limitRanges = new Set(context.model.manifests.filter((manifest) => manifest.kind === 'LimitRange').map((manifest) => manifest.namespace ?? ''));
    for (const pod of context.model.podSpecs) {
      const defaulted = limitRanges.has(pod.manifest.namespace ?? '');
      if (getNode(asMap(getNode(asMap(podField(pod, 'resources')?.node), 'limits')), 'memory')) continue;
      for (const container of regularContainers(pod)) {
        if (getNode(asMap(getNode(asMap(getNode(container.node, 'resources')), 'limits')), 'memory')) continue;
        context.report({
          span: container.nameSpan,
          severity: defaulted ? 'info' : undefined,
          message: `The ${describeContainer(container)} has no memory limit, so it can exhaust the node's memory and get other pods killed.`,
          fixes: () => {
            const edit = setIn(context.text, container.node, ['resources', 'limits', 'memory'], '512Mi');
            return edit ? [{ title: 'Add `resources.limits.memory: 512Mi` (adjust the size)', safe: false, edits: [edit] }] : [];
          },
        });
      }
    }
  },
});
