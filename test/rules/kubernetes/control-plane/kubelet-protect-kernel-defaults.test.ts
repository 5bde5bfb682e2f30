import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../../../rules/kubernetes/control-plane/kubelet-protect-kernel-defaults';
import { lint } from '../../../../rules/registry-lint';
import { testRule } from '../../../helpers/rule-tester';
import { kubeletConfig, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: kubeletConfig('protectKernelDefaults: true\n') },
    { name: 'flags only', code: staticPod('kubelet', ['--protect-kernel-defaults']) },
  ],
  invalid: [
    {
      code: kubeletConfig('protectKernelDefaults: false\n'),
      errors: [{ line: 3, column: 24, message: "`protectKernelDefaults: false` lets kernel tunables differ from the kubelet's expectations unnoticed." }],
      output: kubeletConfig('protectKernelDefaults: true\n'),
    },
    { name: 'absent', code: kubeletConfig('readOnlyPort: 0\n'), errors: [{ line: 2, column: 7 }], output: kubeletConfig('readOnlyPort: 0\nprotectKernelDefaults: true\n') },
  ],
});

it('kubernetes/kubelet-protect-kernel-defaults is off unless configured (dropped from recent CIS)', () => {
  assert.deepEqual(lint(kubeletConfig('protectKernelDefaults: false\n'), 'kubelet.yaml', { rules: [rule] }), []);
});
