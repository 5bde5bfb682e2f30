import rule from '../../../../rules/kubernetes/control-plane/apiserver-token-auth-file';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--client-ca-file=/etc/kubernetes/pki/ca.crt']) },
    { name: 'kubeadm without it', code: kubeadmMap('apiServer', { 'audit-log-path': '/var/log/audit.log' }) },
    { name: 'a token file on another component is not the API server\'s', code: staticPod('kube-scheduler', ['--token-auth-file=/x.csv']) },
  ],
  invalid: [
    {
      code: staticPod('kube-apiserver', ['--token-auth-file=/etc/kubernetes/tokens.csv']),
      errors: [{ line: 12, column: 7, message: '`--token-auth-file` loads static bearer tokens that never expire and cannot be revoked without restarting the API server.' }],
    },
    { name: 'two-item form in args', code: staticPod('kube-apiserver', [], ['--token-auth-file', '/etc/tokens.csv']), errors: [{ line: 13, column: 7, endLine: 14 }] },
    { name: 'kubeadm map form', code: kubeadmMap('apiServer', { 'token-auth-file': '/etc/tokens.csv' }), errors: [{ line: 5, column: 5 }] },
    { name: 'kubeadm list form', code: kubeadmList('apiServer', { 'token-auth-file': '/etc/tokens.csv' }), errors: [{ line: 5, column: 5 }] },
  ],
});
