import { defineRule } from '../../engine/rule';
import { checkKubelet, cis, kics } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/kubelet-iptables-util-chains',
    kind: 'kubernetes',
    title: 'Kubelet does not manage its iptables chains',
    stride: 'tampering',
    severity: 'info',
    fix: 'fix',
    description:
      'With `makeIPTablesUtilChains: false` the kubelet stops keeping its iptables utility chains in place, so the node\'s packet filtering can drift from what pod networking expects, or be changed by others unnoticed.',
    remediation: 'Remove `makeIPTablesUtilChains: false` (the default is true) or set it to true.',
    references: [...cis('4.2.6'), { source: 'cis-kubernetes', id: '4.2.7', version: '1.23' }, { source: 'checkov', id: 'CKV_K8S_145' }, kics('Kubelet Not Managing Ip Tables'), { source: 'trivy', id: 'KCV0084' }],
    examples: {
      invalid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nmakeIPTablesUtilChains: false\n' }],
      valid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nmakeIPTablesUtilChains: true\n' }],
    },
  },
  check(context) {
    checkKubelet(context, {
      field: ['makeIPTablesUtilChains'],
      flag: 'make-iptables-util-chains',
      isWeak: (value) => /^(?:false|0|f)$/i.test(value.trim()),
      consequence: 'leaves the node\'s iptables utility chains unmanaged',
      secureField: 'true',
      secureFlag: 'true',
      safe: true,
    });
  },
});
