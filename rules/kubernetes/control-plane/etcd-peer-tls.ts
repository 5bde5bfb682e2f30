import { defineRule } from '../../engine/rule';
import { listItems, lookupFlag } from '../../models/control-plane';
import { checkHttpsUrls, checkRequiredFlags, cis, examplePod, kics, sources, type Context } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/etcd-peer-tls',
    kind: 'kubernetes',
    title: 'etcd members talk without TLS',
    stride: 'information-disclosure',
    severity: 'warning',
    fix: 'none',
    description:
      'etcd members replicate every write to each other. Without `--peer-cert-file` and `--peer-key-file`, or with `http://` peer URLs, that replication stream, Secrets included, crosses the network in plain text. A single-member etcd has no peers, so it is reported as info.',
    remediation: 'Set `--peer-cert-file` and `--peer-key-file` (kubeadm: `/etc/kubernetes/pki/etcd/peer.crt` and `.key`) and use `https://` in `--listen-peer-urls` and `--initial-advertise-peer-urls`.',
    references: [...cis('2.4'), { source: 'checkov', id: 'CKV_K8S_119' }, kics('Etcd Peer TLS Certificate Files Not Properly Set'), { source: 'trivy', id: 'KCV0045' }],
    examples: {
      invalid: [examplePod('etcd', ['--initial-cluster=a=https://10.0.0.1:2380,b=https://10.0.0.2:2380'])],
      valid: [examplePod('etcd', ['--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt', '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'etcd')) {
      const members = listItems(lookupFlag(source, 'initial-cluster')?.value).length;
      const quiet: Context = members > 1 ? context : { ...context, report: (descriptor) => context.report({ ...descriptor, severity: 'info' }) };
      checkRequiredFlags(quiet, source, ['peer-cert-file', 'peer-key-file'], 'replication between etcd members is not encrypted');
      checkHttpsUrls(quiet, source, ['listen-peer-urls', 'initial-advertise-peer-urls'], 'replication between etcd members is not encrypted', true);
    }
  },
});
