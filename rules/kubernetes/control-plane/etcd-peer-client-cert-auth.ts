import { defineRule } from '../../engine/rule';
import { checkBooleanFlag, cis, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/etcd-peer-client-cert-auth',
    kind: 'kubernetes',
    title: 'etcd does not authenticate its peers',
    stride: 'spoofing',
    severity: 'warning',
    fix: 'fix',
    description:
      'Unless `--peer-client-cert-auth=true` is set (the default is false), any host that reaches the peer port can join the replication stream as a member and read or inject data.',
    remediation: 'Set `--peer-client-cert-auth=true` with `--peer-trusted-ca-file` naming the CA of the member certificates.',
    references: [...cis('2.5'), { source: 'checkov', id: 'CKV_K8S_121' }, kics('Etcd Peer Client Certificate Authentication Set To False'), { source: 'trivy', id: 'KCV0046' }],
    examples: {
      invalid: [examplePod('etcd', ['--peer-client-cert-auth=false'])],
      valid: [examplePod('etcd', ['--peer-client-cert-auth=true', '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'etcd')) {
      checkBooleanFlag(context, source, { name: 'peer-client-cert-auth', secure: true, defaultValue: false, consequence: 'lets any host that reaches the peer port act as an etcd member', safe: true });
    }
  },
});
