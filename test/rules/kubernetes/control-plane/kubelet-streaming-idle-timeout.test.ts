import rule from '../../../../rules/kubernetes/control-plane/kubelet-streaming-idle-timeout';
import { testRule } from '../../../helpers/rule-tester';
import { kubeletConfig, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { name: 'absent: 4h', code: kubeletConfig('readOnlyPort: 0\n') },
    { code: kubeletConfig('streamingConnectionIdleTimeout: 5m\n') },
    { name: 'flags only, absent', code: staticPod('kubelet', []) },
  ],
  invalid: [
    {
      code: kubeletConfig('streamingConnectionIdleTimeout: 0s\n'),
      errors: [{ line: 3, column: 33, message: '`streamingConnectionIdleTimeout: 0s` keeps idle exec, attach and port-forward sessions open forever.' }],
      output: kubeletConfig('streamingConnectionIdleTimeout: 5m\n'),
    },
    {
      name: 'a flag of 0 in args',
      code: staticPod('kubelet', [], ['--streaming-connection-idle-timeout=0']),
      errors: [{ line: 13, column: 7 }],
      output: staticPod('kubelet', [], ['--streaming-connection-idle-timeout=5m']),
    },
  ],
});
