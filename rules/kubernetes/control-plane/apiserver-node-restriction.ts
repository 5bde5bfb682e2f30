import { defineRule } from '../../engine/rule';
import { checkPluginEnabled, cis, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/apiserver-node-restriction',
    kind: 'kubernetes',
    title: 'API server lacks the NodeRestriction admission plugin',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'fix',
    description:
      'NodeRestriction lets a kubelet modify only its own Node object and the pods bound to it. Without it a compromised node can relabel other nodes to attract sensitive workloads, or tamper with pods elsewhere. It is not in the default plugin set; kubeadm adds it.',
    remediation: 'Append `NodeRestriction` to `--enable-admission-plugins` (and keep `Node` in `--authorization-mode`).',
    references: [...cis('1.2.14'), { source: 'checkov', id: 'CKV_K8S_85' }, kics('Node Restriction Admission Control Plugin Not Set'), { source: 'trivy', id: 'KCV0016' }],
    examples: {
      invalid: [examplePod('kube-apiserver', ['--enable-admission-plugins=EventRateLimit'])],
      valid: [examplePod('kube-apiserver', ['--enable-admission-plugins=EventRateLimit,NodeRestriction'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) {
      checkPluginEnabled(context, source, 'NodeRestriction', 'kubelets can modify other nodes and their pods', true);
    }
  },
});
