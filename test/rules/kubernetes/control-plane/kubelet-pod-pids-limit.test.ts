import rule from '../../../../rules/kubernetes/control-plane/kubelet-pod-pids-limit';
import { testRule } from '../../../helpers/rule-tester';
import { kubeletConfig, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: kubeletConfig('podPidsLimit: 4096\n') },
    { name: 'flags only', code: staticPod('kubelet', ['--pod-max-pids=2048']) },
  ],
  invalid: [
    {
      code: kubeletConfig('podPidsLimit: -1\n'),
      errors: [{ line: 3, column: 15, message: '`podPidsLimit: -1` lets one pod exhaust the process IDs of the node.' }],
      output: kubeletConfig('podPidsLimit: 4096\n'),
    },
    {
      name: 'absent, flow-style document',
      code: '{apiVersion: kubelet.config.k8s.io/v1beta1, kind: KubeletConfiguration, readOnlyPort: 0}\n',
      errors: [{ line: 1, column: 51 }],
      output: '{apiVersion: kubelet.config.k8s.io/v1beta1, kind: KubeletConfiguration, readOnlyPort: 0, podPidsLimit: 4096}\n',
    },
  ],
});
