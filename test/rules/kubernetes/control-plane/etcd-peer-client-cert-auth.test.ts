import rule from '../../../../rules/kubernetes/control-plane/etcd-peer-client-cert-auth';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('etcd', ['--peer-client-cert-auth=true', '--peer-trusted-ca-file=/pki/ca.crt']) },
    { name: 'in args', code: staticPod('etcd', [], ['--peer-client-cert-auth=true']) },
    { name: 'kubeadm sets it itself', code: kubeadmMap('etcd.local', { 'snapshot-count': '10000' }) },
  ],
  invalid: [
    {
      code: staticPod('etcd', ['--peer-client-cert-auth=false']),
      errors: [{ line: 12, column: 7, message: '`--peer-client-cert-auth=false` lets any host that reaches the peer port act as an etcd member.' }],
      output: staticPod('etcd', ['--peer-client-cert-auth=true']),
    },
    {
      name: 'absent, legacy hyperkube-free flow command',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: etcd}\nspec:\n  containers:\n  - name: etcd\n    command: [/usr/local/bin/etcd, --data-dir=/var/lib/etcd]\n',
      errors: [{ line: 7, column: 15 }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: etcd}\nspec:\n  containers:\n  - name: etcd\n    command: [/usr/local/bin/etcd, --data-dir=/var/lib/etcd, --peer-client-cert-auth=true]\n',
    },
  ],
});
