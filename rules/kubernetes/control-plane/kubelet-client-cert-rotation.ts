import { defineRule } from '../../engine/rule';
import { checkKubelet, cis, kics } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/kubelet-client-cert-rotation',
    kind: 'kubernetes',
    title: 'Kubelet does not rotate its client certificate',
    stride: 'spoofing',
    severity: 'warning',
    fix: 'fix',
    description:
      'Without `rotateCertificates: true` (the default is false in both the file and the flag; kube-bench passes it unset anyway) the kubelet keeps the client certificate it was given until it expires: a stolen certificate stays useful for its whole lifetime, and an expiring one takes the node down.',
    remediation: 'Set `rotateCertificates: true` (`--rotate-certificates`).',
    references: [...cis('4.2.10'), { source: 'checkov', id: 'CKV_K8S_149' }, kics('Kubelet Client Periodic Certificate Switch Disabled'), { source: 'trivy', id: 'KCV0090' }],
    examples: {
      invalid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nrotateCertificates: false\n' }],
      valid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nrotateCertificates: true\n' }],
    },
  },
  check(context) {
    checkKubelet(context, {
      field: ['rotateCertificates'],
      flag: 'rotate-certificates',
      fileDefault: 'false',
      flagDefault: 'false',
      isWeak: (value) => !/^(?:true|1|t)$/i.test(value.trim()),
      consequence: 'keeps the kubelet client certificate until it expires instead of renewing it',
      secureField: 'true',
      secureFlag: 'true',
      safe: true,
    });
  },
});
