import rule from '../../../../rules/kubernetes/control-plane/controller-manager-service-account-credentials';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-controller-manager', ['--use-service-account-credentials=true']) },
    { name: 'in args', code: staticPod('kube-controller-manager', [], ['--use-service-account-credentials=true']) },
    { name: 'kubeadm sets it itself', code: kubeadmMap('controllerManager', { profiling: 'false' }) },
  ],
  invalid: [
    {
      code: staticPod('kube-controller-manager', ['--use-service-account-credentials=false']),
      errors: [{ line: 12, column: 7, message: "`--use-service-account-credentials=false` runs every controller with the controller manager's own broad credentials." }],
      output: staticPod('kube-controller-manager', ['--use-service-account-credentials=true']),
    },
    {
      name: 'absent: the default is false; legacy hyperkube command',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: kcm}\nspec:\n  containers:\n  - name: kcm\n    command:\n    - /hyperkube\n    - controller-manager\n    - --leader-elect=true\n',
      errors: [{ line: 9, column: 7, message: /^`--use-service-account-credentials` is not set in this kube-controller-manager manifest/ }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: kcm}\nspec:\n  containers:\n  - name: kcm\n    command:\n    - /hyperkube\n    - controller-manager\n    - --leader-elect=true\n    - --use-service-account-credentials=true\n',
    },
    {
      name: 'kubeadm list form',
      code: kubeadmList('controllerManager', { 'use-service-account-credentials': 'false' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeadmList('controllerManager', { 'use-service-account-credentials': 'true' }),
    },
  ],
});
