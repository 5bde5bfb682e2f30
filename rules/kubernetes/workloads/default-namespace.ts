import { defineRule } from '../../engine/rule';
import { manifestNameSpan, POD_BEARING_KINDS } from '../../models/kubernetes';
import { getNode, nodeSpan } from '../../models/yaml';

/** Built-in namespaced kinds (CRDs may be either, so they are left alone). */
const NAMESPACED = new Set([
  ...POD_BEARING_KINDS,
  'Service', 'ConfigMap', 'Secret', 'ServiceAccount', 'Role', 'RoleBinding', 'Ingress', 'NetworkPolicy', 'PersistentVolumeClaim',
  'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'LimitRange', 'ResourceQuota', 'Endpoints', 'EndpointSlice', 'Lease',
]);
const CORE_GROUPS = /^(?:v1|apps\/|batch\/|networking\.k8s\.io\/|rbac\.authorization\.k8s\.io\/|autoscaling\/|policy\/|discovery\.k8s\.io\/|coordination\.k8s\.io\/|extensions\/)/;

export default defineRule({
  meta: {
    id: 'kubernetes/default-namespace',
    kind: 'kubernetes',
    title: 'Deploy into a dedicated namespace',
    stride: 'elevation-of-privilege',
    severity: 'info',
    fix: 'none',
    description:
      'Objects in the `default` namespace share it with everything else nobody placed: RBAC, NetworkPolicies, quotas and Pod Security admission labels cannot be scoped to the application. A missing `metadata.namespace` is reported too, though `kubectl -n`, Helm or Kustomize may supply one at deploy time.',
    remediation: 'Set `metadata.namespace` to a namespace of the application (or make sure the deploy tool sets one).',
    references: [
      { source: 'cis-kubernetes', id: '5.6.4', version: '1.12' },
      { source: 'cis-kubernetes', id: '5.6.1', version: '1.12' },
      { source: 'checkov', id: 'CKV_K8S_21' },
      { source: 'kics', id: 'Using Unrecommended Namespace', note: 'Using Unrecommended Namespace' },
      { source: 'trivy', id: 'AVD-KSV-0110' },
      { source: 'kube-linter', id: 'use-namespace' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  mode: fast\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  mode: fast\n' }],
    },
  },
  check(context) {
    for (const manifest of context.model.manifests) {
      if (!manifest.kind || !NAMESPACED.has(manifest.kind) || !CORE_GROUPS.test(manifest.apiVersion ?? '')) continue;
      if (manifest.namespace && manifest.namespace !== 'default') continue;
      const node = getNode(manifest.metadata, 'namespace');
      const what = `${manifest.kind} ${manifest.name ?? ''}`.replace(/ $/, '');
      context.report({
        span: manifest.namespace ? nodeSpan(node) : manifestNameSpan(manifest),
        message: manifest.namespace
          ? `${what} is placed in the default namespace, where policies cannot be scoped to the application.`
          : `${what} names no namespace, so it lands in the default one unless kubectl -n, Helm or Kustomize sets it.`,
      });
    }
  },
});
