import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../../../rules/kubernetes/control-plane/control-plane-bind-address';
import { lint } from '../../../../rules/registry-lint';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-scheduler', ['--bind-address=127.0.0.1']) },
    { name: 'controller manager, in args', code: staticPod('kube-controller-manager', [], ['--bind-address=127.0.0.1']) },
    { name: 'the API server must listen beyond the node', code: staticPod('kube-apiserver', ['--bind-address=0.0.0.0']) },
    { name: 'kubeadm binds both to loopback itself', code: kubeadmMap('apiServer', { profiling: 'false' }) },
  ],
  invalid: [
    {
      code: staticPod('kube-scheduler', ['--bind-address=0.0.0.0']),
      errors: [{ line: 12, column: 7, message: '`--bind-address=0.0.0.0` exposes the kube-scheduler health, metrics and debug endpoints beyond the node.' }],
      output: staticPod('kube-scheduler', ['--bind-address=127.0.0.1']),
    },
    {
      name: 'absent: the default is 0.0.0.0',
      code: staticPod('kube-controller-manager', [], ['--profiling=false']),
      errors: [{ line: 11, column: 7, message: '`--bind-address` is not set in this kube-controller-manager manifest, and its default (0.0.0.0) exposes the kube-controller-manager endpoints on all interfaces.' }],
      output: staticPod('kube-controller-manager', [], ['--profiling=false', '--bind-address=127.0.0.1']),
    },
    {
      name: 'two-item form',
      code: staticPod('kube-scheduler', ['--bind-address', '10.0.0.4']),
      errors: [{ line: 12, column: 7, endLine: 13 }],
      output: staticPod('kube-scheduler', ['--bind-address', '127.0.0.1']),
    },
    {
      name: 'kubeadm list form',
      code: kubeadmList('scheduler', { 'bind-address': '0.0.0.0' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeadmList('scheduler', { 'bind-address': '127.0.0.1' }),
    },
  ],
});

it('kubernetes/control-plane-bind-address: an unset address is info (kube-bench passes it), an explicit one a warning', () => {
  const unset = lint(staticPod('kube-scheduler', []), 'scheduler.yaml', { rules: [rule] });
  const explicit = lint(staticPod('kube-scheduler', ['--bind-address=0.0.0.0']), 'scheduler.yaml', { rules: [rule] });
  assert.deepEqual([unset.map((finding) => finding.severity), explicit.map((finding) => finding.severity)], [['info'], ['warning']]);
});
