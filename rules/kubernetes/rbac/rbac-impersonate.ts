import { defineRule } from '../../engine/rule';
import { CORE, list, reportGrants } from './rbac-model';

const AUTHENTICATION = ['authentication.k8s.io'];

export default defineRule({
  meta: {
    id: 'kubernetes/rbac-impersonate',
    kind: 'kubernetes',
    title: 'RBAC permission to impersonate',
    stride: 'spoofing',
    severity: 'error',
    fix: 'none',
    description:
      '`impersonate` on users, groups, serviceaccounts, uids or userextras lets a subject send requests as someone else (`kubectl --as`, `--as-group system:masters`), taking on all of that identity\'s rights; the audit log then records the impersonated identity as the actor.',
    remediation: 'Remove `impersonate`; where a proxy needs it, restrict it with `resourceNames` to the exact identities and keep that role out of general use.',
    references: [
      { source: 'cis-kubernetes', id: '5.1.8', version: '1.12' },
      { source: 'checkov', id: 'CKV2_K8S_3' },
      { source: 'kics', id: '9f85c3f6-26fd-4007-938a-2e0cb0100980', note: 'RBAC Roles with Impersonate Permission' },
      { source: 'trivy', id: 'KSV043' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: support\nrules:\n  - apiGroups: [""]\n    resources: ["users", "groups"]\n    verbs: ["impersonate"]\n' }],
      valid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: support\nrules:\n  - apiGroups: [""]\n    resources: ["pods", "pods/log"]\n    verbs: ["get", "list"]\n' }],
    },
  },
  check(context) {
    const targets = [
      { groups: CORE, resource: 'users' },
      { groups: CORE, resource: 'groups' },
      { groups: CORE, resource: 'serviceaccounts' },
      { groups: AUTHENTICATION, resource: 'uids' },
      { groups: AUTHENTICATION, resource: 'userextras/*' },
    ];
    reportGrants(context, 'error', [{ verbs: ['impersonate'], targets }], (grant) =>
      `${grant.role.label} grants ${list(grant.verbs)} on ${list(grant.resources)}, so its subjects can act as other users, groups or service accounts with all their rights.`,
    );
  },
});
