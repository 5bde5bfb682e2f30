import { defineRule } from '../../engine/rule';
import { checkRequiredFlags, cis, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/controller-manager-root-ca',
    kind: 'kubernetes',
    title: 'Controller manager does not publish the cluster CA to pods',
    stride: 'spoofing',
    severity: 'warning',
    fix: 'none',
    description:
      'With `--root-ca-file`, the controller manager puts the cluster CA into every namespace (`kube-root-ca.crt`) and service-account token volume, so pods can verify the API server\'s certificate. Without it, pods either skip verification or can be pointed at an impostor.',
    remediation: 'Set `--root-ca-file=/etc/kubernetes/pki/ca.crt` (the CA that signed the API server\'s serving certificate).',
    references: [...cis('1.3.5'), { source: 'checkov', id: 'CKV_K8S_111' }, kics('Root CA File Not Defined'), { source: 'trivy', id: 'KCV0037' }],
    examples: {
      invalid: [examplePod('kube-controller-manager', ['--service-account-private-key-file=/etc/kubernetes/pki/sa.key'])],
      valid: [examplePod('kube-controller-manager', ['--root-ca-file=/etc/kubernetes/pki/ca.crt'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-controller-manager')) {
      checkRequiredFlags(context, source, ['root-ca-file'], 'pods get no CA to verify the API server with');
    }
  },
});
