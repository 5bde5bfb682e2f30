import { defineRule } from '../../engine/rule';
import { checkBooleanFlag, cis, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/etcd-auto-tls',
    kind: 'kubernetes',
    title: 'etcd uses self-signed automatic TLS',
    stride: 'spoofing',
    severity: 'warning',
    fix: 'fix',
    description:
      '`--auto-tls` and `--peer-auto-tls` make etcd generate self-signed certificates that no client or peer can verify, so the connection is encrypted but anyone can pose as etcd or as a member.',
    remediation: 'Remove `--auto-tls`/`--peer-auto-tls` (or set them to false) and give etcd CA-signed certificates with `--cert-file`/`--key-file` and `--peer-cert-file`/`--peer-key-file`.',
    references: [
      ...cis('2.3'),
      ...cis('2.6'),
      { source: 'checkov', id: 'CKV_K8S_118' },
      kics('Auto TLS Set To True'),
      kics('Peer Auto TLS Set To True'),
      { source: 'trivy', id: 'KCV0044' },
      { source: 'trivy', id: 'KCV0047' },
    ],
    examples: {
      invalid: [examplePod('etcd', ['--auto-tls=true'])],
      valid: [examplePod('etcd', ['--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--key-file=/etc/kubernetes/pki/etcd/server.key'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'etcd')) {
      for (const name of ['auto-tls', 'peer-auto-tls']) {
        checkBooleanFlag(context, source, { name, secure: false, defaultValue: false, consequence: 'gives etcd self-signed certificates that nobody can verify', safe: true });
      }
    }
  },
});
