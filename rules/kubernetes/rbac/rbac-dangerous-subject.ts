import { defineRule } from '../../engine/rule';
import { isBuiltinMastersBinding, rbacOf, type Subject } from './rbac-model';

/** Built-in ClusterRoles meant for everyone (discovery, self-review, version and health endpoints). */
const PUBLIC_ROLES: Record<string, readonly string[]> = {
  'system:authenticated': ['system:discovery', 'system:basic-user', 'system:public-info-viewer'],
  'system:unauthenticated': ['system:public-info-viewer'],
};

function who(subject: Subject): string | undefined {
  if (subject.kind === 'Group' && subject.name === 'system:unauthenticated') return 'every unauthenticated request';
  if (subject.kind === 'User' && subject.name === 'system:anonymous') return 'every anonymous request';
  if (subject.kind === 'Group' && subject.name === 'system:authenticated') return 'every authenticated identity, every service account included';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'kubernetes/rbac-dangerous-subject',
    kind: 'kubernetes',
    title: 'Binding to anonymous, unauthenticated or all authenticated users',
    stride: 'spoofing',
    severity: 'error',
    fix: 'none',
    description:
      'A binding whose subject is the group `system:unauthenticated`, the user `system:anonymous` or the group `system:authenticated` grants its role to anyone who can reach the API server, or to every identity and service account in the cluster (only the built-in discovery and public-info roles are meant for them). Binding the group `system:masters` (a warning) achieves nothing, since that group bypasses RBAC, and signals that its certificates are being handed out.',
    remediation: 'Remove the subject and bind the role to the specific users, groups or service accounts that need it.',
    references: [
      { source: 'cis-kubernetes', id: '5.1.7', version: '1.12' },
      { source: 'trivy', id: 'KSV122' },
      { source: 'trivy', id: 'KSV01011' },
      { source: 'trivy', id: 'KSV0123' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: open-dashboard\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: Group\n    name: system:unauthenticated\n    apiGroup: rbac.authorization.k8s.io\n' }],
      valid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: public-info\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: system:public-info-viewer\nsubjects:\n  - kind: Group\n    name: system:unauthenticated\n    apiGroup: rbac.authorization.k8s.io\n' }],
    },
  },
  check(context) {
    for (const binding of rbacOf(context.model).bindings) {
      const role = `${binding.roleRef.kind ?? 'role'} "${binding.roleRef.name ?? ''}"`;
      for (const subject of binding.subjects) {
        const everyone = who(subject);
        if (everyone && binding.roleRef.kind === 'ClusterRole' && PUBLIC_ROLES[subject.name ?? '']?.includes(binding.roleRef.name ?? '')) continue;
        if (everyone) {
          context.report({ span: subject.span, message: `${binding.label} grants ${role} to ${everyone}.`, data: binding.data });
        } else if (subject.kind === 'Group' && subject.name === 'system:masters' && !isBuiltinMastersBinding(binding, subject)) {
          context.report({ span: subject.span, message: `${binding.label} names group system:masters, which bypasses RBAC anyway; members of it are unrestricted administrators.`, severity: 'warning', data: binding.data });
        }
      }
    }
  },
});
