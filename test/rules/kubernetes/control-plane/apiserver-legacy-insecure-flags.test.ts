import rule from '../../../../rules/kubernetes/control-plane/apiserver-legacy-insecure-flags';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--insecure-port=0', '--secure-port=6443']) },
    { name: 'absent: removed in 1.24, default 0 since 1.20', code: staticPod('kube-apiserver', []) },
    { name: 'kubelet-https=true is the old default', code: staticPod('kube-apiserver', [], ['--kubelet-https=true']) },
  ],
  invalid: [
    {
      code: staticPod('kube-apiserver', ['--insecure-port=8080', '--profiling=false']),
      errors: [{ line: 12, column: 7, message: '`--insecure-port=8080` serves the API without authentication or TLS on that port; the flag was removed from current Kubernetes releases.' }],
      output: staticPod('kube-apiserver', ['--profiling=false']),
    },
    {
      name: 'two-item form in args, several flags',
      code: staticPod('kube-apiserver', [], ['--insecure-bind-address', '0.0.0.0', '--basic-auth-file=/etc/passwords.csv', '--secure-port=0']),
      errors: [{ line: 13, column: 7, endLine: 14 }, { line: 15, column: 7 }, { line: 16, column: 7 }],
      output: staticPod('kube-apiserver', [], []),
    },
    {
      name: 'flow sequence: the item and its comma go',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - name: api\n    command: ["kube-apiserver", "--kubelet-https=false", "--profiling=false"]\n',
      errors: [{ line: 7, column: 33 }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - name: api\n    command: ["kube-apiserver", "--profiling=false"]\n',
    },
    {
      name: 'kubeadm map form',
      code: kubeadmMap('apiServer', { 'insecure-port': '8080', profiling: 'false' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeadmMap('apiServer', { profiling: 'false' }),
    },
    {
      name: 'kubeadm list form',
      code: kubeadmList('apiServer', { profiling: 'false', 'insecure-port': '8080' }),
      errors: [{ line: 7, column: 5 }],
      output: kubeadmList('apiServer', { profiling: 'false' }),
    },
  ],
});
