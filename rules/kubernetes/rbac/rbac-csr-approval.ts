import { defineRule } from '../../engine/rule';
import { list, reportGrants } from './rbac-model';

const CERTIFICATES = ['certificates.k8s.io'];

export default defineRule({
  meta: {
    id: 'kubernetes/rbac-csr-approval',
    kind: 'kubernetes',
    title: 'RBAC permission to approve certificate signing requests',
    stride: 'spoofing',
    severity: 'warning',
    fix: 'none',
    description:
      'Approving a CertificateSigningRequest needs `update` or `patch` on `certificatesigningrequests/approval` and `approve` on the signer. With both, a subject can have the cluster CA sign a client certificate for any user or group, `system:masters` included, and then authenticate as that identity.',
    remediation: 'Remove CSR approval rights from everything but the controllers that approve kubelet certificates; approve other requests by hand.',
    references: [
      { source: 'cis-kubernetes', id: '5.1.11', version: '1.12' },
      { source: 'checkov', id: 'CKV_K8S_156' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: csr-approver\nrules:\n  - apiGroups: ["certificates.k8s.io"]\n    resources: ["certificatesigningrequests/approval"]\n    verbs: ["update"]\n' }],
      valid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: csr-requester\nrules:\n  - apiGroups: ["certificates.k8s.io"]\n    resources: ["certificatesigningrequests"]\n    verbs: ["create", "get"]\n' }],
    },
  },
  check(context) {
    const queries = [
      { verbs: ['update', 'patch'], targets: [{ groups: CERTIFICATES, resource: 'certificatesigningrequests/approval' }] },
      { verbs: ['approve'], targets: [{ groups: CERTIFICATES, resource: 'signers' }] },
    ];
    reportGrants(context, 'warning', queries, (grant) =>
      `${grant.role.label} grants ${list(grant.verbs)} on ${list(grant.resources)}, so its subjects can approve client certificates and authenticate as any identity the signer issues.`,
    );
  },
});
