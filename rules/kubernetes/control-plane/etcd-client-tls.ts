import { defineRule } from '../../engine/rule';
import { checkHttpsUrls, checkRequiredFlags, cis, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/etcd-client-tls',
    kind: 'kubernetes',
    title: 'etcd serves clients without TLS',
    stride: 'information-disclosure',
    severity: 'error',
    fix: 'none',
    description:
      'etcd stores every object of the cluster, Secrets included. Without `--cert-file` and `--key-file` (or `ETCD_CERT_FILE`/`ETCD_KEY_FILE`), or with `http://` client URLs on a non-loopback address, anyone on the network path can read and change that data.',
    remediation: 'Set `--cert-file` and `--key-file` (kubeadm: `/etc/kubernetes/pki/etcd/server.crt` and `.key`) and use `https://` in `--listen-client-urls` and `--advertise-client-urls`.',
    references: [...cis('2.1'), { source: 'checkov', id: 'CKV_K8S_116' }, kics('Etcd TLS Certificate Files Not Properly Set'), { source: 'trivy', id: 'KCV0042' }],
    examples: {
      invalid: [examplePod('etcd', ['--listen-client-urls=http://0.0.0.0:2379'])],
      valid: [examplePod('etcd', ['--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--key-file=/etc/kubernetes/pki/etcd/server.key', '--listen-client-urls=https://127.0.0.1:2379'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'etcd')) {
      checkRequiredFlags(context, source, ['cert-file', 'key-file'], 'etcd serves its clients, and every Secret, without TLS');
      checkHttpsUrls(context, source, ['listen-client-urls', 'advertise-client-urls'], 'etcd data travels unencrypted and unauthenticated', true);
    }
  },
});
