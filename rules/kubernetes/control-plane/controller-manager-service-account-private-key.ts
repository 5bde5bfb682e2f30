import { defineRule } from '../../engine/rule';
import { checkRequiredFlags, cis, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/controller-manager-service-account-private-key',
    kind: 'kubernetes',
    title: 'Controller manager has no service-account signing key',
    stride: 'spoofing',
    severity: 'warning',
    fix: 'none',
    description:
      'kube-controller-manager signs legacy service-account tokens with `--service-account-private-key-file`. Without a dedicated key, tokens cannot be rotated or verified apart from other credentials.',
    remediation: 'Set `--service-account-private-key-file` to the private half of the API server\'s `--service-account-key-file` (kubeadm: `/etc/kubernetes/pki/sa.key`).',
    references: [...cis('1.3.4'), { source: 'checkov', id: 'CKV_K8S_110' }, kics('Service Account Private Key File Not Defined'), { source: 'trivy', id: 'KCV0036' }],
    examples: {
      invalid: [examplePod('kube-controller-manager', ['--root-ca-file=/etc/kubernetes/pki/ca.crt'])],
      valid: [examplePod('kube-controller-manager', ['--service-account-private-key-file=/etc/kubernetes/pki/sa.key'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-controller-manager')) {
      checkRequiredFlags(context, source, ['service-account-private-key-file'], 'service-account tokens are not signed with a dedicated, rotatable key');
    }
  },
});
