import { defineRule } from '../../engine/rule';
import { CORE, list, reportGrants } from './rbac-model';

export default defineRule({
  meta: {
    id: 'kubernetes/rbac-token-create',
    kind: 'kubernetes',
    title: 'RBAC permission to create service account tokens',
    stride: 'spoofing',
    severity: 'warning',
    fix: 'none',
    description:
      '`create` on `serviceaccounts/token` (the TokenRequest API) mints a fresh token for a service account: the subject can then authenticate as that service account, with every permission bound to it, for as long as the token lives.',
    remediation: 'Remove `create` on `serviceaccounts/token`; where a component needs tokens for one service account, restrict the grant with `resourceNames`.',
    references: [{ source: 'cis-kubernetes', id: '5.1.13', version: '1.12' }],
    examples: {
      invalid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: token-issuer\nrules:\n  - apiGroups: [""]\n    resources: ["serviceaccounts/token"]\n    verbs: ["create"]\n' }],
      valid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: token-issuer\nrules:\n  - apiGroups: [""]\n    resources: ["serviceaccounts"]\n    verbs: ["get", "list"]\n' }],
    },
  },
  check(context) {
    reportGrants(context, 'warning', [{ verbs: ['create'], targets: [{ groups: CORE, resource: 'serviceaccounts/token' }] }], (grant) =>
      `${grant.role.label} grants ${list(grant.verbs)} on ${list(grant.resources)}, so its subjects can mint tokens for service accounts and act as them.`,
    );
  },
});
