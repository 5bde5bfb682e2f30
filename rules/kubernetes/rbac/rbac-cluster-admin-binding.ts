import { defineRule } from '../../engine/rule';
import { isBuiltinMastersBinding, rbacOf } from './rbac-model';

export default defineRule({
  meta: {
    id: 'kubernetes/rbac-cluster-admin-binding',
    kind: 'kubernetes',
    title: 'Binding to cluster-admin',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'none',
    description:
      '`cluster-admin` allows every verb on every resource. Bound by a ClusterRoleBinding it is full control of the cluster; bound by a RoleBinding, full control of the namespace, RBAC included. A service account or a group as subject is an error: a stolen pod token, or anyone added to the group, becomes administrator. The built-in `cluster-admin` binding of `system:masters` is not reported.',
    remediation: 'Bind a least-privilege Role or ClusterRole that lists what the subject actually needs (`admin`, `edit` or `view` for people, a dedicated role for controllers).',
    references: [
      { source: 'cis-kubernetes', id: '5.1.1', version: '1.12' },
      { source: 'kics', id: '249328b8-5f0f-409f-b1dd-029f07882e11', note: 'Cluster Admin Rolebinding With Superuser Permissions' },
      { source: 'trivy', id: 'KSV111' },
      { source: 'kube-linter', id: 'cluster-admin-role-binding' },
      { source: 'polaris', id: 'clusterrolebindingClusterAdmin' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ci\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: build\n' }],
      valid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ci\n  namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: edit\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: build\n' }],
    },
  },
  check(context) {
    for (const binding of rbacOf(context.model).bindings) {
      if (binding.roleRef.kind !== 'ClusterRole' || binding.roleRef.name !== 'cluster-admin') continue;
      const namespace = binding.manifest.namespace;
      const scope = binding.kind === 'ClusterRoleBinding' ? 'the whole cluster' : namespace ? `namespace ${namespace}` : 'its namespace';
      for (const subject of binding.subjects) {
        if (isBuiltinMastersBinding(binding, subject)) continue;
        const broad = subject.kind === 'ServiceAccount' || subject.kind === 'Group';
        context.report({
          span: subject.span,
          message: `${binding.label} gives ${subject.kind ?? 'subject'} "${subject.name ?? ''}" cluster-admin, full control of ${scope}.`,
          severity: broad ? 'error' : 'warning',
          data: binding.data,
        });
      }
    }
  },
});
