import rule from '../../../../rules/kubernetes/control-plane/apiserver-tls';
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { lint } from '../../../../rules/registry-lint';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

const ALL = [
  '--tls-cert-file=/pki/apiserver.crt',
  '--tls-private-key-file=/pki/apiserver.key',
  '--client-ca-file=/pki/ca.crt',
  '--kubelet-client-certificate=/pki/kubelet-client.crt',
  '--kubelet-client-key=/pki/kubelet-client.key',
  '--kubelet-certificate-authority=/pki/ca.crt',
];

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ALL) },
    { name: 'two-item forms in args', code: staticPod('kube-apiserver', [], ALL.flatMap((flag) => flag.split('='))) },
    { name: 'kubeadm writes all but the kubelet CA (map form)', code: kubeadmMap('apiServer', { 'kubelet-certificate-authority': '/etc/kubernetes/pki/ca.crt' }) },
  ],
  invalid: [
    {
      code: staticPod('kube-apiserver', ALL.slice(1)),
      errors: [{ line: 11, column: 7, message: '`--tls-cert-file` is not set in this kube-apiserver manifest, so the API server serves a self-signed certificate that clients cannot verify.' }],
    },
    {
      name: 'no client CA and no kubelet CA (the latter is info)',
      code: staticPod('kube-apiserver', [], [ALL[0], ALL[1], ALL[3], ALL[4]]),
      errors: [
        { line: 11, column: 7, message: '`--client-ca-file` is not set in this kube-apiserver manifest, so client certificates cannot be used to authenticate users and components.' },
        { line: 11, column: 7, message: '`--kubelet-certificate-authority` is not set in this kube-apiserver manifest, so the API server does not verify the serving certificates of the kubelets it calls.' },
      ],
    },
    { name: 'kubeadm list form', code: kubeadmList('apiServer', { profiling: 'false' }), errors: [{ line: 4, column: 3, message: /kubelet-certificate-authority/ }] },
  ],
});

it('kubernetes/apiserver-tls: a missing --kubelet-certificate-authority is info, the other gaps keep the rule severity', () => {
  const findings = lint(staticPod('kube-apiserver', [ALL[0], ALL[1], ALL[2]]), 'kube-apiserver.yaml', { rules: [rule] });
  assert.deepEqual(findings.map((finding) => [finding.message.split(' ')[0], finding.severity]), [['`--kubelet-client-certificate`', 'warning'], ['`--kubelet-certificate-authority`', 'info']]);
});
