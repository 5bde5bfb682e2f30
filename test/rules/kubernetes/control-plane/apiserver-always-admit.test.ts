import rule from '../../../../rules/kubernetes/control-plane/apiserver-always-admit';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']) },
    { name: 'absent: AlwaysAdmit is not a default plugin', code: staticPod('kube-apiserver', []) },
  ],
  invalid: [
    {
      code: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,AlwaysAdmit,EventRateLimit']),
      errors: [{ line: 12, column: 7, message: '`--enable-admission-plugins` enables AlwaysAdmit, which admits every request whatever the other admission plugins decide.' }],
      output: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,EventRateLimit']),
    },
    {
      name: 'the only plugin: the flag goes',
      code: staticPod('kube-apiserver', ['--secure-port=6443', '--admission-control=AlwaysAdmit', '--profiling=false']),
      errors: [{ line: 13, column: 7 }],
      output: staticPod('kube-apiserver', ['--secure-port=6443', '--profiling=false']),
    },
    {
      name: 'two-item form in args',
      code: staticPod('kube-apiserver', [], ['--enable-admission-plugins', 'AlwaysAdmit,NodeRestriction']),
      errors: [{ line: 13, column: 7 }],
      output: staticPod('kube-apiserver', [], ['--enable-admission-plugins', 'NodeRestriction']),
    },
    {
      name: 'kubeadm map form',
      code: kubeadmMap('apiServer', { 'enable-admission-plugins': 'NodeRestriction,AlwaysAdmit' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeadmMap('apiServer', { 'enable-admission-plugins': 'NodeRestriction' }),
    },
    {
      name: 'kubeadm list form',
      code: kubeadmList('apiServer', { 'enable-admission-plugins': 'AlwaysAdmit,NodeRestriction' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeadmList('apiServer', { 'enable-admission-plugins': 'NodeRestriction' }),
    },
  ],
});
