import { defineRule } from '../../engine/rule';
import { checkBooleanFlag, cis, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/etcd-client-cert-auth',
    kind: 'kubernetes',
    title: 'etcd does not require client certificates',
    stride: 'spoofing',
    severity: 'error',
    fix: 'fix',
    description:
      'Unless `--client-cert-auth=true` is set (the default is false), etcd accepts any client that reaches its port, and every client can read and write every key, Secrets included.',
    remediation: 'Set `--client-cert-auth=true` together with `--trusted-ca-file` naming the CA that signs the API server\'s etcd client certificate.',
    references: [...cis('2.2'), { source: 'checkov', id: 'CKV_K8S_117' }, kics('Etcd Client Certificate Authentication Set To False'), { source: 'trivy', id: 'KCV0043' }],
    examples: {
      invalid: [examplePod('etcd', ['--client-cert-auth=false'])],
      valid: [examplePod('etcd', ['--client-cert-auth=true', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'etcd')) {
      checkBooleanFlag(context, source, { name: 'client-cert-auth', secure: true, defaultValue: false, consequence: 'lets any client that reaches etcd read and write every key', safe: true });
    }
  },
});
