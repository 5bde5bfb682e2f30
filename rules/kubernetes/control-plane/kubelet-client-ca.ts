import { defineRule } from '../../engine/rule';
import { checkKubelet, cis, kics } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/kubelet-client-ca',
    kind: 'kubernetes',
    title: 'Kubelet has no client CA',
    stride: 'spoofing',
    severity: 'warning',
    fix: 'none',
    description:
      'Without `authentication.x509.clientCAFile` (`--client-ca-file`) the kubelet cannot verify client certificates, so the API server cannot authenticate to it with its kubelet client certificate and callers fall back to weaker means.',
    remediation: 'Set `authentication.x509.clientCAFile: /etc/kubernetes/pki/ca.crt` (the CA that signs the API server\'s kubelet client certificate).',
    references: [...cis('4.2.3'), { source: 'checkov', id: 'CKV_K8S_140' }, kics('Client Certificate Authentication Not Setup Properly'), { source: 'trivy', id: 'KCV0081' }],
    examples: {
      invalid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  webhook:\n    enabled: true\n' }],
      valid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\n' }],
    },
  },
  check(context) {
    checkKubelet(context, {
      field: ['authentication', 'x509', 'clientCAFile'],
      flag: 'client-ca-file',
      fileDefault: '',
      flagDefault: '',
      isWeak: (value) => value.trim() === '',
      consequence: 'cannot verify client certificates, and callers such as the API server are not authenticated by certificate',
      safe: false,
    });
  },
});
