import rule from '../../../../rules/kubernetes/control-plane/kubelet-iptables-util-chains';
import { testRule } from '../../../helpers/rule-tester';
import { kubeletConfig, kubeletExtraArgs, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { name: 'absent: true', code: kubeletConfig('readOnlyPort: 0\n') },
    { code: kubeletConfig('makeIPTablesUtilChains: true\n') },
    { name: 'flags only, absent', code: staticPod('kubelet', []) },
  ],
  invalid: [
    {
      code: kubeletConfig('makeIPTablesUtilChains: false\n'),
      errors: [{ line: 3, column: 25, message: "`makeIPTablesUtilChains: false` leaves the node's iptables utility chains unmanaged." }],
      output: kubeletConfig('makeIPTablesUtilChains: true\n'),
    },
    {
      name: 'kubeadm kubeletExtraArgs',
      code: kubeletExtraArgs({ 'make-iptables-util-chains': 'false' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeletExtraArgs({ 'make-iptables-util-chains': 'true' }),
    },
  ],
});
