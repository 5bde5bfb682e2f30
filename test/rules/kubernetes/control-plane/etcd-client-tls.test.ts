import rule from '../../../../rules/kubernetes/control-plane/etcd-client-tls';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmMap, staticPod } from './manifests';

const FILES = ['--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--key-file=/etc/kubernetes/pki/etcd/server.key'];

testRule(rule, {
  valid: [
    { code: staticPod('etcd', [...FILES, '--listen-client-urls=https://127.0.0.1:2379,https://10.0.0.5:2379']) },
    { name: 'plain HTTP on loopback only (metrics, local clients)', code: staticPod('etcd', [...FILES, '--listen-client-urls=http://127.0.0.1:2379']) },
    { name: 'files from the environment', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: etcd}\nspec:\n  containers:\n  - name: etcd\n    command: [etcd]\n    env:\n    - name: ETCD_CERT_FILE\n      value: /pki/server.crt\n    - name: ETCD_KEY_FILE\n      value: /pki/server.key\n' },
    { name: 'kubeadm local etcd (map form) gets the files from kubeadm', code: kubeadmMap('etcd.local', { 'snapshot-count': '10000' }) },
    { name: 'external etcd is not kubeadm\'s to configure', code: 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\netcd:\n  external:\n    endpoints: [https://10.0.0.1:2379]\n' },
  ],
  invalid: [
    {
      code: staticPod('etcd', ['--listen-client-urls=https://127.0.0.1:2379']),
      errors: [{ line: 11, column: 7, message: '`--cert-file` and `--key-file` are not set in this etcd manifest, so etcd serves its clients, and every Secret, without TLS.' }],
    },
    {
      name: 'two-item form in args with a public HTTP URL',
      code: staticPod('etcd', FILES, ['--advertise-client-urls', 'http://10.0.0.5:2379']),
      errors: [{ line: 15, column: 7, endLine: 16, message: '`--advertise-client-urls` uses plain HTTP (http://10.0.0.5:2379), so etcd data travels unencrypted and unauthenticated.' }],
    },
    {
      name: 'kubeadm list form',
      code: 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\netcd:\n  local:\n    extraArgs:\n    - name: listen-client-urls\n      value: http://0.0.0.0:2379\n',
      errors: [{ line: 6, column: 7 }],
    },
  ],
});
