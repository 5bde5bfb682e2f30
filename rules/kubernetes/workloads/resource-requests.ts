import { defineRule } from '../../engine/rule';
import { describeContainer, podField, regularContainers } from '../../models/kubernetes';
import { asMap, getNode } from '../../models/yaml';

const FIELDS = [
  ['requests', 'memory'],
  ['requests', 'cpu'],
  ['limits', 'cpu'],
] as const;

export default defineRule({
  meta: {
    id: 'kubernetes/resource-requests',
    kind: 'kubernetes',
    title: 'Set resource requests and a CPU limit',
    stride: 'denial-of-service',
    severity: 'info',
    fix: 'none',
    description:
      'Without memory and CPU requests the scheduler packs pods blindly and the pod is first to be evicted under pressure; without a CPU limit one busy container can starve its neighbours. Pod-level `resources` (Kubernetes 1.32+) count for the containers.',
    remediation: 'Set `resources.requests.memory`, `resources.requests.cpu` and, where your policy wants one, `resources.limits.cpu` from the workload\'s measured use.',
    references: [
      { source: 'checkov', id: 'CKV_K8S_10' },
      { source: 'checkov', id: 'CKV_K8S_11' },
      { source: 'checkov', id: 'CKV_K8S_12' },
      { source: 'kics', id: '4ac0e2b7-d2d2-4af7-8799-e8de6721ccda', note: 'CPU Limits Not Set' },
      { source: 'kics', id: 'CPU Requests Not Set', note: 'CPU Requests Not Set' },
      { source: 'kics', id: 'Memory Requests Not Defined', note: 'Memory Requests Not Defined' },
      { source: 'trivy', id: 'KSV011' },
      { source: 'trivy', id: 'KSV015' },
      { source: 'trivy', id: 'KSV016' },
      { source: 'kube-linter', id: 'unset-cpu-requirements' },
      { source: 'kube-linter', id: 'unset-memory-requirements' },
      { source: 'polaris', id: 'cpuRequestsMissing' },
      { source: 'polaris', id: 'memoryRequestsMissing' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n      resources:\n        limits:\n          memory: 256Mi\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n      resources:\n        requests: {cpu: 100m, memory: 128Mi}\n        limits: {cpu: "1", memory: 256Mi}\n' }],
    },
  },
  check(context) {
    for (const pod of context.model.podSpecs) {
      const podResources = asMap(podField(pod, 'resources')?.node);
      for (const container of regularContainers(pod)) {
        const resources = asMap(getNode(container.node, 'resources'));
        const missing = FIELDS.filter(([group, key]) => !getNode(asMap(getNode(resources, group)), key) && !getNode(asMap(getNode(podResources, group)), key)).map((path) => path.join('.'));
        if (missing.length === 0) continue;
        context.report({
          span: container.nameSpan,
          message: `The ${describeContainer(container)} sets no ${missing.map((path) => `resources.${path}`).join(', ')}, so the scheduler cannot reserve for it or contain it.`,
          data: { missing: missing.join(',') },
        });
      }
    }
  },
});
