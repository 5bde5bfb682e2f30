import { defineRule } from '../../engine/rule';
import { checkHttpsUrls, checkRequiredFlags, cis, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/apiserver-etcd-tls',
    kind: 'kubernetes',
    title: 'API server talks to etcd without TLS',
    stride: 'information-disclosure',
    severity: 'error',
    fix: 'none',
    description:
      'etcd holds every Secret of the cluster. Without `--etcd-certfile`, `--etcd-keyfile` and `--etcd-cafile`, or with `http://` in `--etcd-servers`, the API server neither proves who it is to etcd nor checks etcd\'s certificate, and the traffic can be read or altered on the way.',
    remediation: 'Set `--etcd-cafile`, `--etcd-certfile` and `--etcd-keyfile` (kubeadm: `/etc/kubernetes/pki/etcd/ca.crt`, `apiserver-etcd-client.crt`, `apiserver-etcd-client.key`) and use `https://` etcd servers.',
    references: [
      ...cis('1.2.23'),
      ...cis('1.2.26'),
      { source: 'checkov', id: 'CKV_K8S_99' },
      { source: 'checkov', id: 'CKV_K8S_102' },
      kics('Etcd TLS Certificate Not Properly Configured'),
      kics('Etcd Client Certificate File Not Defined'),
      { source: 'trivy', id: 'KCV0026' },
      { source: 'trivy', id: 'KCV0029' },
    ],
    examples: {
      invalid: [examplePod('kube-apiserver', ['--etcd-servers=http://10.0.0.10:2379'])],
      valid: [examplePod('kube-apiserver', ['--etcd-servers=https://127.0.0.1:2379', '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt', '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt', '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) {
      checkRequiredFlags(context, source, ['etcd-certfile', 'etcd-keyfile', 'etcd-cafile'], 'the connection to etcd, which holds every Secret, is not mutually authenticated');
      checkHttpsUrls(context, source, ['etcd-servers'], 'every Secret travels to etcd unencrypted', false);
    }
  },
});
