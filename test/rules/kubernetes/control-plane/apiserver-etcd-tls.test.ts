import rule from '../../../../rules/kubernetes/control-plane/apiserver-etcd-tls';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

const FILES = ['--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt', '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt', '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key'];

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--etcd-servers=https://127.0.0.1:2379', ...FILES]) },
    { name: 'two-item forms in args', code: staticPod('kube-apiserver', [], ['--etcd-servers', 'https://10.0.0.1:2379,https://10.0.0.2:2379', '--etcd-cafile', '/ca.crt', '--etcd-certfile', '/c.crt', '--etcd-keyfile', '/c.key']) },
    { name: 'kubeadm writes the files itself', code: kubeadmMap('apiServer', { profiling: 'false' }) },
  ],
  invalid: [
    {
      code: staticPod('kube-apiserver', ['--etcd-servers=https://127.0.0.1:2379', FILES[0]]),
      errors: [{ line: 11, column: 7, message: '`--etcd-certfile` and `--etcd-keyfile` are not set in this kube-apiserver manifest, so the connection to etcd, which holds every Secret, is not mutually authenticated.' }],
    },
    {
      name: 'plain HTTP etcd servers',
      code: staticPod('kube-apiserver', [...FILES], ['--etcd-servers=https://10.0.0.1:2379,http://10.0.0.2:2379']),
      errors: [{ line: 16, column: 7, message: '`--etcd-servers` uses plain HTTP (http://10.0.0.2:2379), so every Secret travels to etcd unencrypted.' }],
    },
    { name: 'kubeadm map form', code: kubeadmMap('apiServer', { 'etcd-servers': 'http://etcd:2379' }), errors: [{ line: 5, column: 5 }] },
    { name: 'kubeadm list form', code: kubeadmList('apiServer', { 'etcd-servers': 'http://etcd:2379' }), errors: [{ line: 5, column: 5 }] },
  ],
});
