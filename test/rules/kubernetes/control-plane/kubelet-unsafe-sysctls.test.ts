import rule from '../../../../rules/kubernetes/control-plane/kubelet-unsafe-sysctls';
import { testRule } from '../../../helpers/rule-tester';
import { kubeletConfig, kubeletExtraArgs, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: kubeletConfig('allowedUnsafeSysctls: []\n') },
    { name: 'absent', code: kubeletConfig('readOnlyPort: 0\n') },
  ],
  invalid: [
    {
      code: kubeletConfig('allowedUnsafeSysctls:\n- kernel.msg*\n- net.core.somaxconn\n'),
      errors: [{ line: 4, column: 1, message: '`allowedUnsafeSysctls` lets pods set kernel.msg*, net.core.somaxconn, which can affect the whole node.' }],
    },
    { name: 'flag in args', code: staticPod('kubelet', [], ['--allowed-unsafe-sysctls=net.ipv4.*']), errors: [{ line: 13, column: 7 }] },
    { name: 'kubeadm kubeletExtraArgs', code: kubeletExtraArgs({ 'allowed-unsafe-sysctls': 'kernel.shm*' }), errors: [{ line: 5, column: 5 }] },
  ],
});
