import { defineRule } from '../../engine/rule';
import { lookupFlag, setFlag, where } from '../../models/control-plane';
import { cis, examplePod, kics, sources } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/control-plane-bind-address',
    kind: 'kubernetes',
    title: 'Controller manager or scheduler listens on all interfaces',
    stride: 'information-disclosure',
    severity: 'warning',
    fix: 'fix',
    description:
      'kube-controller-manager and kube-scheduler serve health, metrics and (with profiling) debug endpoints on `--bind-address`, which defaults to 0.0.0.0. Nothing outside the node needs them; bound to all interfaces they are reachable by every pod and host that can route to the node. An explicit non-loopback address is a warning, the unset default an info (kube-bench passes it).',
    remediation: 'Set `--bind-address=127.0.0.1` (kubeadm does).',
    references: [...cis('1.3.7'), ...cis('1.4.2'), { source: 'checkov', id: 'CKV_K8S_113' }, { source: 'checkov', id: 'CKV_K8S_115' }, kics('Bind Address Not Properly Set'), { source: 'trivy', id: 'KCV0039' }, { source: 'trivy', id: 'KCV0041' }],
    examples: {
      invalid: [examplePod('kube-scheduler', ['--bind-address=0.0.0.0'])],
      valid: [examplePod('kube-scheduler', ['--bind-address=127.0.0.1'])],
    },
  },
  check(context) {
    for (const source of sources(context, 'kube-controller-manager', 'kube-scheduler')) {
      const setting = lookupFlag(source, 'bind-address');
      const address = setting?.value.trim();
      if (address === '127.0.0.1' || address === '::1' || address === 'localhost') continue;
      const edit = setFlag(source, 'bind-address', '127.0.0.1');
      context.report({
        span: setting?.flag?.span ?? source.anchor,
        message: setting?.flag ? `\`--bind-address=${setting.value}\` exposes the ${source.component} health, metrics and debug endpoints beyond the node.` : `\`--bind-address\` is not set ${where(source)}, and its default (0.0.0.0) exposes the ${source.component} endpoints on all interfaces.`,
        ...(setting?.flag ? {} : { severity: 'info' as const }),
        fixes: edit ? [{ title: 'Set `--bind-address=127.0.0.1`', safe: true, edits: [edit] }] : [],
      });
    }
  },
});
