import rule from '../../../../rules/kubernetes/rbac/rbac-csr-approval';
import { testRule } from '../../../helpers/rule-tester';
import { inList, role, rule as policy, stream } from './manifests';

const CERTS = 'certificates.k8s.io';

testRule(rule, {
  valid: [
    { name: 'requesting a certificate is not approving it', code: role('requester', policy([CERTS], ['certificatesigningrequests'], ['create', 'get', 'update']), 'ClusterRole') },
    { name: 'signing (status updates) is a signer’s job, not approval', code: role('signer', policy([CERTS], ['certificatesigningrequests/status'], ['update']), 'ClusterRole') },
  ],
  invalid: [
    {
      code: role('approver', policy([CERTS], ['certificatesigningrequests/approval'], ['update']), 'ClusterRole'),
      errors: [{ line: 8, column: 13, severity: 'warning', message: 'ClusterRole "approver" grants update on certificatesigningrequests/approval, so its subjects can approve client certificates and authenticate as any identity the signer issues.' }],
    },
    {
      name: 'approve on signers, limited by resourceNames (one level lower)',
      code: role('approver', policy([CERTS], ['signers'], ['approve'], '    resourceNames: ["kubernetes.io/kube-apiserver-client"]\n'), 'ClusterRole'),
      errors: [{ line: 8, column: 13, severity: 'info', message: /grants approve on signers,/ }],
    },
    {
      name: 'a List and a second document',
      code: stream(inList(role('a', policy([CERTS], ['certificatesigningrequests/approval'], ['patch']), 'ClusterRole')), role('b', policy(['*'], ['signers'], ['*']), 'ClusterRole')),
      errors: [{ line: 11, column: 17 }, { line: 19, column: 17 }],
    },
  ],
});
