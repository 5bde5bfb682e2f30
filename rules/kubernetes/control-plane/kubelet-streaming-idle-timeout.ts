import { defineRule } from '../../engine/rule';
import { checkKubelet, cis, kics } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/kubelet-streaming-idle-timeout',
    kind: 'kubernetes',
    title: 'Kubelet streaming connections never time out',
    stride: 'denial-of-service',
    severity: 'info',
    fix: 'fix',
    description:
      '`streamingConnectionIdleTimeout: 0` keeps idle `exec`, `attach` and `port-forward` connections open forever, so forgotten or abandoned sessions pile up and exhaust the kubelet. The default is 4h; the newest kubelet types mark the field deprecated.',
    remediation: 'Set `streamingConnectionIdleTimeout: 5m` (or remove the field to get the 4h default).',
    references: [...cis('4.2.5'), { source: 'checkov', id: 'CKV_K8S_143' }, kics('Kubelet Streaming Connection Timeout Disabled'), { source: 'trivy', id: 'KCV0085' }],
    examples: {
      invalid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nstreamingConnectionIdleTimeout: 0s\n' }],
      valid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nstreamingConnectionIdleTimeout: 5m\n' }],
    },
  },
  check(context) {
    checkKubelet(context, {
      field: ['streamingConnectionIdleTimeout'],
      flag: 'streaming-connection-idle-timeout',
      isWeak: (value) => /^0+(?:\.0+)?(?:ns|us|µs|ms|s|m|h)?$/.test(value.trim()),
      consequence: 'keeps idle exec, attach and port-forward sessions open forever',
      secureField: '5m',
      secureFlag: '5m',
      safe: true,
    });
  },
});
