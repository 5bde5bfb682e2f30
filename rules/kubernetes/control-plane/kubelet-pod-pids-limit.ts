import { defineRule } from '../../engine/rule';
import { checkKubelet, cis } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/kubelet-pod-pids-limit',
    kind: 'kubernetes',
    title: 'Kubelet does not limit process IDs per pod',
    stride: 'denial-of-service',
    severity: 'info',
    fix: 'suggest',
    description:
      'With `podPidsLimit` unset or -1 (`--pod-max-pids`), one pod can fork until the node runs out of process IDs, and then nothing on the node, the kubelet included, can start a process.',
    remediation: 'Set `podPidsLimit` to a bound that fits the workloads, e.g. 4096.',
    references: [...cis('4.2.13')],
    examples: {
      invalid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\npodPidsLimit: -1\n' }],
      valid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\npodPidsLimit: 4096\n' }],
    },
  },
  check(context) {
    checkKubelet(context, {
      field: ['podPidsLimit'],
      flag: 'pod-max-pids',
      fileDefault: '-1',
      flagDefault: '-1',
      isWeak: (value) => /^-\d+$/.test(value.trim()),
      consequence: 'lets one pod exhaust the process IDs of the node',
      secureField: '4096',
      secureFlag: '4096',
      safe: false,
    });
  },
});
