import rule from '../../../../rules/kubernetes/control-plane/kubelet-seccomp-default';
import { testRule } from '../../../helpers/rule-tester';
import { kubeletConfig, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: kubeletConfig('seccompDefault: true\n') },
    { name: 'flags only', code: staticPod('kubelet', ['--seccomp-default=true']) },
  ],
  invalid: [
    {
      code: kubeletConfig('seccompDefault: false\n'),
      errors: [{ line: 3, column: 17, message: '`seccompDefault: false` runs containers without a seccomp profile Unconfined.' }],
      output: kubeletConfig('seccompDefault: true\n'),
    },
    {
      name: 'absent; CRLF line endings are kept',
      code: kubeletConfig('readOnlyPort: 0\r\n').replace(/\n/g, '\r\n').replace(/\r\r/g, '\r'),
      errors: [{ line: 2, column: 7 }],
      output: kubeletConfig('readOnlyPort: 0\r\nseccompDefault: true\r\n').replace(/\n/g, '\r\n').replace(/\r\r/g, '\r'),
    },
  ],
});
