import { defineRule } from '../../engine/rule';
import { checkRequiredFlags, cis, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/apiserver-service-account-key-file',
    kind: 'kubernetes',
    title: 'API server has no service-account verification key',
    stride: 'spoofing',
    severity: 'warning',
    fix: 'none',
    description:
      'The API server verifies service-account tokens with the public key(s) in `--service-account-key-file`. Without it the serving TLS key is used, so tokens cannot be rotated apart from the serving certificate. Kubernetes 1.20+ also needs `--service-account-signing-key-file` and `--service-account-issuer` to issue tokens.',
    remediation: 'Set `--service-account-key-file` to the public key matching kube-controller-manager\'s `--service-account-private-key-file` (kubeadm: `/etc/kubernetes/pki/sa.pub`).',
    references: [...cis('1.2.22'), { source: 'checkov', id: 'CKV_K8S_97' }, kics('Service Account Key File Not Properly Set'), { source: 'trivy', id: 'KCV0025' }],
    examples: {
      invalid: [examplePod('kube-apiserver', ['--service-account-issuer=https://kubernetes.default.svc'])],
      valid: [examplePod('kube-apiserver', ['--service-account-key-file=/etc/kubernetes/pki/sa.pub'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-apiserver')) {
      checkRequiredFlags(context, source, ['service-account-key-file'], 'service-account tokens are verified with the serving key and cannot be rotated separately');
    }
  },
});
