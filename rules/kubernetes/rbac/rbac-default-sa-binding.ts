import { defineRule } from '../../engine/rule';
import { rbacOf } from './rbac-model';

export default defineRule({
  meta: {
    id: 'kubernetes/rbac-default-sa-binding',
    kind: 'kubernetes',
    title: 'Binding to a default service account',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'none',
    description:
      'Every pod that names no service account runs as its namespace\'s `default` service account. A role bound to `default` is therefore granted to every such pod, present and future, and to anyone who can create a pod there.',
    remediation: 'Create a dedicated ServiceAccount for the workload that needs the role, bind the role to it, and set `serviceAccountName` in that workload.',
    references: [
      { source: 'cis-kubernetes', id: '5.1.5', version: '1.12' },
      { source: 'checkov', id: 'CKV_K8S_42' },
      { source: 'kics', id: '1e749bc9-fde8-471c-af0c-8254efd2dee5', note: 'Role Binding To Default Service Account' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: app-reader\n  namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: reader\nsubjects:\n  - kind: ServiceAccount\n    name: default\n    namespace: shop\n' }],
      valid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: app-reader\n  namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: reader\nsubjects:\n  - kind: ServiceAccount\n    name: app\n    namespace: shop\n' }],
    },
  },
  check(context) {
    for (const binding of rbacOf(context.model).bindings) {
      for (const subject of binding.subjects) {
        if (subject.kind !== 'ServiceAccount' || subject.name !== 'default') continue;
        const namespace = subject.namespace ?? binding.manifest.namespace;
        const where = namespace ? `namespace ${namespace}` : 'its namespace';
        context.report({ span: subject.span, message: `${binding.label} grants ${binding.roleRef.kind ?? 'role'} "${binding.roleRef.name ?? ''}" to the default service account, so every pod in ${where} that names no service account gets it.`, data: binding.data });
      }
    }
  },
});
