import rule from '../../../../rules/kubernetes/control-plane/controller-manager-service-account-private-key';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-controller-manager', ['--service-account-private-key-file=/etc/kubernetes/pki/sa.key']) },
    { name: 'two-item form in args', code: staticPod('kube-controller-manager', [], ['--service-account-private-key-file', '/pki/sa.key']) },
    { name: 'kubeadm writes it itself', code: kubeadmList('controllerManager', { profiling: 'false' }) },
  ],
  invalid: [
    {
      code: staticPod('kube-controller-manager', ['--root-ca-file=/etc/kubernetes/pki/ca.crt']),
      errors: [{ line: 11, column: 7, message: '`--service-account-private-key-file` is not set in this kube-controller-manager manifest, so service-account tokens are not signed with a dedicated, rotatable key.' }],
    },
    {
      name: 'found by image when there is no command',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: kcm}\nspec:\n  template:\n    spec:\n      containers:\n      - name: kcm\n        image: registry.k8s.io/kube-controller-manager-amd64:v1.31.0\n        args: [--leader-elect=true]\n',
      errors: [{ line: 9, column: 16 }],
    },
  ],
});
