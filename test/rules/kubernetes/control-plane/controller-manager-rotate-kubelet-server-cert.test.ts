import rule from '../../../../rules/kubernetes/control-plane/controller-manager-rotate-kubelet-server-cert';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-controller-manager', ['--feature-gates=RotateKubeletServerCertificate=true']) },
    { name: 'absent: the gate is on by default', code: staticPod('kube-controller-manager', []) },
    { name: 'other gates', code: staticPod('kube-controller-manager', [], ['--feature-gates=SomeGate=false']) },
  ],
  invalid: [
    {
      code: staticPod('kube-controller-manager', ['--feature-gates=SomeGate=true,RotateKubeletServerCertificate=false']),
      errors: [{ line: 12, column: 7, message: '`--feature-gates` turns RotateKubeletServerCertificate off, so kubelet serving certificates are neither renewed nor CA-signed.' }],
      output: staticPod('kube-controller-manager', ['--feature-gates=SomeGate=true']),
    },
    {
      name: 'the only gate: the flag goes (two-item form in args)',
      code: staticPod('kube-controller-manager', [], ['--feature-gates', 'RotateKubeletServerCertificate=false', '--profiling=false']),
      errors: [{ line: 13, column: 7 }],
      output: staticPod('kube-controller-manager', [], ['--profiling=false']),
    },
    {
      name: 'kubeadm map form',
      code: kubeadmMap('controllerManager', { profiling: 'false', 'feature-gates': 'RotateKubeletServerCertificate=false' }),
      errors: [{ line: 6, column: 5 }],
      output: kubeadmMap('controllerManager', { profiling: 'false' }),
    },
    {
      name: 'kubeadm list form',
      code: kubeadmList('controllerManager', { 'feature-gates': 'A=true,RotateKubeletServerCertificate=false' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeadmList('controllerManager', { 'feature-gates': 'A=true' }),
    },
  ],
});
