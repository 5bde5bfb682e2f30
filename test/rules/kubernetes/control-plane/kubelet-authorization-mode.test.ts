import rule from '../../../../rules/kubernetes/control-plane/kubelet-authorization-mode';
import { testRule } from '../../../helpers/rule-tester';
import { kubeletConfig, kubeletExtraArgs, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { name: 'absent in the file: Webhook', code: kubeletConfig('readOnlyPort: 0\n') },
    { code: kubeletConfig('authorization:\n  mode: Webhook\n') },
    { name: 'flags only, Webhook', code: staticPod('kubelet', ['--authorization-mode=Webhook']) },
  ],
  invalid: [
    {
      code: kubeletConfig('authorization:\n  mode: AlwaysAllow\n'),
      errors: [{ line: 4, column: 9, message: '`authorization.mode: AlwaysAllow` lets every authenticated client use the whole kubelet API.' }],
      output: kubeletConfig('authorization:\n  mode: Webhook\n'),
    },
    {
      name: 'flags only, absent: AlwaysAllow is the flag default',
      code: staticPod('kubelet', [], ['--node-ip', '10.0.0.4']),
      errors: [{ line: 11, column: 7, message: /its default \(AlwaysAllow\)/ }],
      output: staticPod('kubelet', [], ['--node-ip', '10.0.0.4', '--authorization-mode=Webhook']),
    },
    {
      name: 'two-item form',
      code: staticPod('kubelet', ['--authorization-mode', 'AlwaysAllow']),
      errors: [{ line: 12, column: 7 }],
      output: staticPod('kubelet', ['--authorization-mode', 'Webhook']),
    },
    {
      name: 'kubeadm kubeletExtraArgs',
      code: kubeletExtraArgs({ 'authorization-mode': 'AlwaysAllow' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeletExtraArgs({ 'authorization-mode': 'Webhook' }),
    },
  ],
});
