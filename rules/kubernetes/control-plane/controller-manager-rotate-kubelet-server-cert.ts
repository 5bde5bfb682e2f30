import { defineRule } from '../../engine/rule';
import { listItems, lookupFlag, removeFlag, setFlagValue } from '../../models/control-plane';
import { cis, examplePod, kics, sources } from './flag-checks';

const GATE = /^RotateKubeletServerCertificate\s*=\s*(?:false|0|f)$/i;

export default defineRule({
  meta: {
    id: 'kubernetes/controller-manager-rotate-kubelet-server-cert',
    kind: 'kubernetes',
    title: 'Kubelet serving certificate rotation is turned off',
    stride: 'spoofing',
    severity: 'warning',
    fix: 'fix',
    description:
      '`--feature-gates=RotateKubeletServerCertificate=false` stops the controller manager from approving renewed kubelet serving certificates, so kubelets keep long-lived (or self-signed) certificates that the API server cannot verify or rotate. The gate is on by default.',
    remediation: 'Remove `RotateKubeletServerCertificate=false` from `--feature-gates` (the default is true).',
    references: [...cis('1.3.6'), { source: 'checkov', id: 'CKV_K8S_112' }, kics('Rotate Kubelet Server Certificate Not Active'), { source: 'trivy', id: 'KCV0038' }],
    examples: {
      invalid: [examplePod('kube-controller-manager', ['--feature-gates=RotateKubeletServerCertificate=false'])],
      valid: [examplePod('kube-controller-manager', ['--feature-gates=RotateKubeletServerCertificate=true'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-controller-manager')) {
      const flag = lookupFlag(source, 'feature-gates')?.flag;
      const gates = listItems(flag?.value);
      if (!flag || !gates.some((gate) => GATE.test(gate))) continue;
      const rest = gates.filter((gate) => !GATE.test(gate));
      const edit = rest.length > 0 ? setFlagValue(flag, rest.join(',')) : removeFlag(context.text, flag);
      context.report({
        span: flag.span,
        message: '`--feature-gates` turns RotateKubeletServerCertificate off, so kubelet serving certificates are neither renewed nor CA-signed.',
        fixes: edit ? [{ title: 'Remove `RotateKubeletServerCertificate=false` from `--feature-gates`', safe: true, edits: [edit] }] : [],
      });
    }
  },
});
