import { defineRule } from '../../engine/rule';
import { checkKubelet, cis } from './flag-checks';

export default defineRule({
  meta: {
    id: 'kubernetes/kubelet-seccomp-default',
    kind: 'kubernetes',
    title: 'Kubelet does not apply the default seccomp profile',
    stride: 'elevation-of-privilege',
    severity: 'info',
    fix: 'suggest',
    description:
      'Without `seccompDefault: true` (`--seccomp-default`) containers that name no seccomp profile run Unconfined, with every system call of the kernel available to an attacker who gets code execution in them.',
    remediation: 'Set `seccompDefault: true` so `RuntimeDefault` applies to every container without a profile (test workloads first: a few need extra syscalls).',
    references: [...cis('4.2.14', '1.11')],
    examples: {
      invalid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nseccompDefault: false\n' }],
      valid: [{ code: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nseccompDefault: true\n' }],
    },
  },
  check(context) {
    checkKubelet(context, {
      field: ['seccompDefault'],
      flag: 'seccomp-default',
      fileDefault: 'false',
      flagDefault: 'false',
      isWeak: (value) => !/^(?:true|1|t)$/i.test(value.trim()),
      consequence: 'runs containers without a seccomp profile Unconfined',
      secureField: 'true',
      secureFlag: 'true',
      safe: false,
    });
  },
});
