import { defineRule } from '../../engine/rule';
import { CORE, list, reportGrants } from './rbac-model';

export default defineRule({
  meta: {
    id: 'kubernetes/rbac-secrets-read',
    kind: 'kubernetes',
    title: 'RBAC read access to Secrets',
    stride: 'information-disclosure',
    severity: 'warning',
    fix: 'none',
    description:
      'A Role or ClusterRole that grants `get`, `list` or `watch` on `secrets` lets every subject bound to it read Secret values: passwords, tokens, keys, and the tokens of service accounts that are more privileged than the reader. `list` and `watch` return every Secret in full, not just names. `resourceNames` narrows the grant (reported one level lower).',
    remediation: 'Drop the read verbs on `secrets`; where a workload needs one Secret, mount it, or grant `get` with `resourceNames` naming only that Secret.',
    references: [
      { source: 'cis-kubernetes', id: '5.1.2', version: '1.12' },
      { source: 'checkov', id: 'CKV2_K8S_5' },
      { source: 'kics', id: 'b7bca5c4-1dab-4c2c-8cbe-3050b9d59b14', note: 'RBAC Roles with Read Secrets Permissions' },
      { source: 'kics', id: '056ac60e-fe07-4acc-9b34-8e1d51716ab9', note: 'ServiceAccount Allows Access Secrets' },
      { source: 'trivy', id: 'KSV041' },
      { source: 'trivy', id: 'KSV113' },
      { source: 'kube-linter', id: 'access-to-secrets' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps", "secrets"]\n    verbs: ["get", "list", "watch"]\n' }],
      valid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get", "list", "watch"]\n' }],
    },
  },
  check(context) {
    reportGrants(context, 'warning', [{ verbs: ['get', 'list', 'watch'], targets: [{ groups: CORE, resource: 'secrets' }] }], (grant) =>
      `${grant.role.label} grants ${list(grant.verbs)} on ${list(grant.resources)}, so its subjects can read Secret values (list and watch return every Secret in full).`,
    );
  },
});
