import { defineRule } from '../../engine/rule';
import { checkKubelet, cis, kics } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/kubelet-read-only-port',
    kind: 'kubernetes',
    title: 'Kubelet serves an unauthenticated read-only port',
    stride: 'information-disclosure',
    severity: 'error',
    fix: 'fix',
    description:
      'A non-zero `readOnlyPort` (`--read-only-port`; the flag default is 10255, a KubeletConfiguration file defaults to 0) serves pod specs, environment variables and node details over plain HTTP without any authentication.',
    remediation: 'Set `readOnlyPort: 0` (or remove it from the KubeletConfiguration); use the authenticated port 10250 for metrics.',
    references: [...cis('4.2.4'), { source: 'checkov', id: 'CKV_K8S_141' }, kics('Kubelet Read Only Port Is Not Set To Zero', '2940d48a-dc5e-4178-a3f8-bfbd80720b41'), { source: 'trivy', id: 'KCV0082' }],
    examples: {
      invalid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nreadOnlyPort: 10255\n' }],
      valid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nreadOnlyPort: 0\n' }],
    },
  },
  check(context) {
    checkKubelet(context, {
      field: ['readOnlyPort'],
      flag: 'read-only-port',
      fileDefault: '0',
      flagDefault: '10255',
      isWeak: (value) => /^\d+$/.test(value.trim()) && Number(value) !== 0,
      consequence: 'serves pod and node data over HTTP without authentication',
      secureField: '0',
      secureFlag: '0',
      safe: true,
    });
  },
});
