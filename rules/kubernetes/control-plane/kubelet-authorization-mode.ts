import { defineRule } from '../../engine/rule';
import { listItems } from '../../models/control-plane';
import { checkKubelet, cis, kics } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/kubelet-authorization-mode',
    kind: 'kubernetes',
    title: 'Kubelet authorizes every request',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'fix',
    description:
      'With authorization mode `AlwaysAllow` (the kubelet flag default; a KubeletConfiguration file defaults to `Webhook`) every client that gets past authentication may exec into containers, read logs and list the pods of the node, without RBAC being asked.',
    remediation: 'Set `authorization: {mode: Webhook}` in the KubeletConfiguration (`--authorization-mode=Webhook` as a flag).',
    references: [...cis('4.2.2'), { source: 'checkov', id: 'CKV_K8S_139' }, kics('Authorization Mode Set To Always Allow', 'f1f4d8da-1ac4-47d0-b1aa-91e69d33f7d5'), { source: 'trivy', id: 'KCV0080' }],
    examples: {
      invalid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthorization:\n  mode: AlwaysAllow\n' }],
      valid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthorization:\n  mode: Webhook\n' }],
    },
  },
  check(context) {
    checkKubelet(context, {
      field: ['authorization', 'mode'],
      flag: 'authorization-mode',
      fileDefault: 'Webhook',
      flagDefault: 'AlwaysAllow',
      isWeak: (value) => listItems(value).includes('AlwaysAllow'),
      consequence: 'lets every authenticated client use the whole kubelet API',
      secureField: 'Webhook',
      secureFlag: 'Webhook',
      safe: true,
    });
  },
});
