import rule from '../../../../rules/kubernetes/control-plane/etcd-unique-ca';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('etcd', ['--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt']) },
    { name: 'two-item form in args', code: staticPod('etcd', [], ['--trusted-ca-file', '/etc/kubernetes/pki/etcd/ca.crt']) },
    { name: 'kubeadm uses a dedicated etcd CA', code: kubeadmMap('etcd.local', { 'snapshot-count': '10000' }) },
    { name: 'different CAs in one stream', code: `${staticPod('kube-apiserver', ['--client-ca-file=/pki/ca.crt'])}---\n${staticPod('etcd', ['--trusted-ca-file=/pki/etcd/ca.crt'])}` },
  ],
  invalid: [
    {
      code: staticPod('etcd', ['--client-cert-auth=true']),
      errors: [{ line: 11, column: 7, message: '`--trusted-ca-file` is not set in this etcd manifest, so etcd has no CA of its own to check client certificates against.' }],
    },
    {
      name: 'the API server manifest in the same stream uses the same CA for clients',
      code: `${staticPod('kube-apiserver', ['--client-ca-file=/pki/ca.crt'])}---\n${staticPod('etcd', ['--trusted-ca-file=/pki/ca.crt'])}`,
      errors: [{ line: 25, column: 7, message: "`--trusted-ca-file` is the API server's client CA, so every user and kubelet certificate is also accepted by etcd." }],
    },
  ],
});
