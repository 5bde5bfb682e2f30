import rule from '../../../../rules/kubernetes/control-plane/etcd-client-cert-auth';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('etcd', ['--client-cert-auth=true', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt']) },
    { name: 'bare boolean flag in args', code: staticPod('etcd', [], ['--client-cert-auth']) },
    { name: 'the environment variable', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: etcd}\nspec:\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    env:\n    - name: ETCD_CLIENT_CERT_AUTH\n      value: "true"\n' },
    { name: 'kubeadm sets it itself', code: kubeadmMap('etcd.local', { 'snapshot-count': '10000' }) },
  ],
  invalid: [
    {
      code: staticPod('etcd', ['--client-cert-auth=false']),
      errors: [{ line: 12, column: 7, message: '`--client-cert-auth=false` lets any client that reaches etcd read and write every key.' }],
      output: staticPod('etcd', ['--client-cert-auth=true']),
    },
    {
      name: 'absent: the default is false',
      code: staticPod('etcd', [], ['--data-dir', '/var/lib/etcd']),
      errors: [{ line: 11, column: 7, message: '`--client-cert-auth` is not set in this etcd manifest, and its default (false) lets any client that reaches etcd read and write every key.' }],
      output: staticPod('etcd', [], ['--data-dir', '/var/lib/etcd', '--client-cert-auth=true']),
    },
    {
      name: 'the environment variable is edited where it is written',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: etcd}\nspec:\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    env:\n    - name: ETCD_CLIENT_CERT_AUTH\n      value: "false"\n',
      errors: [{ line: 9, column: 13 }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: etcd}\nspec:\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.15-0\n    env:\n    - name: ETCD_CLIENT_CERT_AUTH\n      value: "true"\n',
    },
    {
      name: 'kubeadm map form',
      code: kubeadmMap('etcd.local', { 'client-cert-auth': 'false' }),
      errors: [{ line: 6, column: 7 }],
      output: kubeadmMap('etcd.local', { 'client-cert-auth': 'true' }),
    },
  ],
});
