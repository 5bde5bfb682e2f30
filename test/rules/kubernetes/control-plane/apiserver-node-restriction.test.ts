import rule from '../../../../rules/kubernetes/control-plane/apiserver-node-restriction';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']) },
    { name: 'kubeadm enables it itself', code: kubeadmMap('apiServer', { 'profiling': 'false' }) },
    { name: 'kubeadm list form', code: kubeadmList('apiServer', { 'enable-admission-plugins': 'NodeRestriction,EventRateLimit' }) },
  ],
  invalid: [
    {
      code: staticPod('kube-apiserver', ['--enable-admission-plugins=EventRateLimit']),
      errors: [{ line: 12, column: 7, message: '`--enable-admission-plugins` does not include NodeRestriction, so kubelets can modify other nodes and their pods.' }],
      output: staticPod('kube-apiserver', ['--enable-admission-plugins=EventRateLimit,NodeRestriction']),
    },
    {
      name: 'quoted flow items keep their quotes; comments stay',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n  - name: kube-apiserver\n    command: ["kube-apiserver"]  # the binary\n    args: ["--enable-admission-plugins=EventRateLimit", "--profiling=false"]  # flags\n',
      errors: [{ line: 9, column: 12 }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n  - name: kube-apiserver\n    command: ["kube-apiserver"]  # the binary\n    args: ["--enable-admission-plugins=EventRateLimit,NodeRestriction", "--profiling=false"]  # flags\n',
    },
    {
      name: 'absent: added to the args list in the same style',
      code: staticPod('kube-apiserver', [], ["'--profiling=false'"]),
      errors: [{ line: 11, column: 7 }],
      output: staticPod('kube-apiserver', [], ["'--profiling=false'", "'--enable-admission-plugins=NodeRestriction'"]),
    },
    {
      name: 'kubeadm map form',
      code: kubeadmMap('apiServer', { 'enable-admission-plugins': 'EventRateLimit' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeadmMap('apiServer', { 'enable-admission-plugins': 'EventRateLimit,NodeRestriction' }),
    },
  ],
});
