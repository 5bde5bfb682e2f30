import { defineRule } from '../../engine/rule';
import { checkKubelet, cis, kics } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/kubelet-protect-kernel-defaults',
    kind: 'kubernetes',
    title: 'Kubelet does not protect kernel defaults',
    stride: 'tampering',
    severity: 'info',
    fix: 'suggest',
    enabledByDefault: false,
    description:
      'With `protectKernelDefaults: true` the kubelet refuses to start when kernel tunables differ from what it expects, instead of silently changing them. Recent CIS versions dropped the control, so the rule is off by default; enable it where node hardening is audited against cis-1.23/1.24.',
    remediation: 'Set `protectKernelDefaults: true` after setting the kernel parameters the kubelet expects on the node (the kubelet will not start otherwise).',
    references: [...cis('4.2.6', '1.23'), { source: 'checkov', id: 'CKV_K8S_144' }, kics('Kubelet Protect Kernel Defaults Set To False'), { source: 'trivy', id: 'KCV0083' }],
    examples: {
      invalid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nprotectKernelDefaults: false\n' }],
      valid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nprotectKernelDefaults: true\n' }],
    },
  },
  check(context) {
    checkKubelet(context, {
      field: ['protectKernelDefaults'],
      flag: 'protect-kernel-defaults',
      fileDefault: 'false',
      flagDefault: 'false',
      isWeak: (value) => !/^(?:true|1|t)$/i.test(value.trim()),
      consequence: 'lets kernel tunables differ from the kubelet\'s expectations unnoticed',
      secureField: 'true',
      secureFlag: 'true',
      safe: false,
    });
  },
});
