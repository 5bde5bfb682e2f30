import { defineRule } from '../../engine/rule';
import { checkKubelet, cis, kics } from './flag-checks';

const isTrue = (value: string): boolean => /^(?:true|1|t|yes|on)$/i.test(value.trim());
const isFalse = (value: string): boolean => /^(?:false|0|f|no|off)$/i.test(value.trim());

export default defineRule({
  meta: {
    id: 'kubernetes/kubelet-anonymous-auth',
    kind: 'kubernetes',
    title: 'Kubelet accepts anonymous requests',
    stride: 'spoofing',
    severity: 'error',
    fix: 'fix',
    description:
      'The kubelet API (port 10250) can run commands in containers, read logs and list pods. With anonymous authentication on (the kubelet flag default; a KubeletConfiguration file defaults to off) or token webhook authentication off, requests are not tied to a real identity. In a KubeletConfiguration an absent field is secure, so only explicit values are reported there.',
    remediation: 'Set `authentication: {anonymous: {enabled: false}, webhook: {enabled: true}}` in the KubeletConfiguration (`--anonymous-auth=false`, `--authentication-token-webhook=true` as flags).',
    references: [...cis('4.2.1'), { source: 'checkov', id: 'CKV_K8S_138' }, kics('Anonymous Auth Is Not Set To False', '1de5cc51-f376-4638-a940-20f2e85ae238'), { source: 'trivy', id: 'KCV0079' }],
    examples: {
      invalid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  anonymous:\n    enabled: true\n' }],
      valid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  anonymous:\n    enabled: false\n  webhook:\n    enabled: true\n' }],
    },
  },
  check(context) {
    checkKubelet(context, {
      field: ['authentication', 'anonymous', 'enabled'],
      flag: 'anonymous-auth',
      fileDefault: 'false',
      flagDefault: 'true',
      isWeak: isTrue,
      consequence: 'lets unauthenticated requests reach the kubelet API',
      secureField: 'false',
      secureFlag: 'false',
      safe: true,
    });
    checkKubelet(context, {
      field: ['authentication', 'webhook', 'enabled'],
      flag: 'authentication-token-webhook',
      isWeak: isFalse,
      consequence: 'stops the kubelet from checking bearer tokens with the API server',
      secureField: 'true',
      secureFlag: 'true',
      safe: true,
    });
  },
});
