import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../../../rules/kubernetes/control-plane/etcd-peer-tls';
import { lint } from '../../../../rules/registry-lint';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmMap, staticPod } from './manifests';

const FILES = ['--peer-cert-file=/pki/peer.crt', '--peer-key-file=/pki/peer.key'];
const CLUSTER = '--initial-cluster=a=https://10.0.0.1:2380,b=https://10.0.0.2:2380,c=https://10.0.0.3:2380';

testRule(rule, {
  valid: [
    { code: staticPod('etcd', [...FILES, '--listen-peer-urls=https://10.0.0.1:2380', CLUSTER]) },
    { name: 'kubeadm writes the peer files itself', code: kubeadmMap('etcd.local', { 'snapshot-count': '10000' }) },
  ],
  invalid: [
    {
      code: staticPod('etcd', [CLUSTER]),
      errors: [{ line: 11, column: 7, message: '`--peer-cert-file` and `--peer-key-file` are not set in this etcd manifest, so replication between etcd members is not encrypted.' }],
    },
    {
      name: 'two-item form in args with HTTP peer URLs',
      code: staticPod('etcd', [...FILES, CLUSTER], ['--initial-advertise-peer-urls', 'http://10.0.0.1:2380']),
      errors: [{ line: 16, column: 7, message: '`--initial-advertise-peer-urls` uses plain HTTP (http://10.0.0.1:2380), so replication between etcd members is not encrypted.' }],
    },
  ],
});

it('kubernetes/etcd-peer-tls: a single-member etcd has no peers to protect, so it is info', () => {
  const single = lint(staticPod('etcd', ['--initial-cluster=a=https://10.0.0.1:2380']), 'etcd.yaml', { rules: [rule] });
  const cluster = lint(staticPod('etcd', [CLUSTER]), 'etcd.yaml', { rules: [rule] });
  assert.deepEqual([single.map((finding) => finding.severity), cluster.map((finding) => finding.severity)], [['info'], ['warning']]);
});
