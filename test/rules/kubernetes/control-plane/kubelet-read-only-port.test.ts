import rule from '../../../../rules/kubernetes/control-plane/kubelet-read-only-port';
import { testRule } from '../../../helpers/rule-tester';
import { kubeletConfig, kubeletExtraArgs, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { name: 'absent in the file: 0', code: kubeletConfig('address: 0.0.0.0\n') },
    { code: kubeletConfig('readOnlyPort: 0\n') },
    { name: 'flags only, closed', code: staticPod('kubelet', ['--read-only-port=0']) },
  ],
  invalid: [
    {
      code: kubeletConfig('readOnlyPort: 10255  # metrics\n'),
      errors: [{ line: 3, column: 15, message: '`readOnlyPort: 10255` serves pod and node data over HTTP without authentication.' }],
      output: kubeletConfig('readOnlyPort: 0  # metrics\n'),
    },
    {
      name: 'flags only, absent: the flag default is 10255',
      code: staticPod('kubelet', ['--kubeconfig=/etc/kubernetes/kubelet.conf']),
      errors: [{ line: 11, column: 7, message: /its default \(10255\)/ }],
      output: staticPod('kubelet', ['--kubeconfig=/etc/kubernetes/kubelet.conf', '--read-only-port=0']),
    },
    {
      name: 'kubeadm kubeletExtraArgs',
      code: kubeletExtraArgs({ 'read-only-port': '10255' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeletExtraArgs({ 'read-only-port': '0' }),
    },
  ],
});
