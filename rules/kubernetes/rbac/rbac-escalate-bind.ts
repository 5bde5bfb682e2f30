import { defineRule } from '../../engine/rule';
import { list, reportGrants } from './rbac-model';

const RBAC = ['rbac.authorization.k8s.io'];

export default defineRule({
  meta: {
    id: 'kubernetes/rbac-escalate-bind',
    kind: 'kubernetes',
    title: 'RBAC permission to escalate or bind roles',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'none',
    description:
      'RBAC stops users from granting permissions they do not hold, except for those who hold `escalate` (edit a role beyond their own rights) or `bind` (bind any role, cluster-admin included) on roles and clusterroles. Creating or changing rolebindings and clusterrolebindings is how such grants are made. A subject with these verbs can make itself administrator.',
    remediation: 'Remove `escalate`, `bind` and write access to bindings from every role except the few that administer RBAC itself; prefer GitOps-managed bindings.',
    references: [
      { source: 'cis-kubernetes', id: '5.1.8', version: '1.12' },
      { source: 'checkov', id: 'CKV_K8S_157' },
      { source: 'checkov', id: 'CKV_K8S_158' },
      { source: 'checkov', id: 'CKV2_K8S_1' },
      { source: 'kics', id: '8320826e-7a9c-4b0b-9535-578333193432', note: 'RBAC Roles Allow Privilege Escalation' },
      { source: 'trivy', id: 'KSV050' },
      { source: 'trivy', id: 'KSV051' },
      { source: 'trivy', id: 'KSV052' },
      { source: 'trivy', id: 'KSV055' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: team-admin\nrules:\n  - apiGroups: ["rbac.authorization.k8s.io"]\n    resources: ["clusterroles"]\n    verbs: ["get", "bind"]\n' }],
      valid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: team-admin\nrules:\n  - apiGroups: ["rbac.authorization.k8s.io"]\n    resources: ["clusterroles", "rolebindings"]\n    verbs: ["get", "list", "watch"]\n' }],
    },
  },
  check(context) {
    const queries = [
      { verbs: ['escalate', 'bind'], targets: [{ groups: RBAC, resource: 'roles' }, { groups: RBAC, resource: 'clusterroles' }] },
      { verbs: ['create', 'update', 'patch'], targets: [{ groups: RBAC, resource: 'rolebindings' }, { groups: RBAC, resource: 'clusterrolebindings' }] },
    ];
    reportGrants(context, 'error', queries, (grant) => `${grant.role.label} grants ${list(grant.verbs)} on ${list(grant.resources)}, so its subjects can grant roles beyond their own permissions, up to cluster-admin.`);
  },
});
