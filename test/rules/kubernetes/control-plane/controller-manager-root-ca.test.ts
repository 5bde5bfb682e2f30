import rule from '../../../../rules/kubernetes/control-plane/controller-manager-root-ca';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-controller-manager', ['--root-ca-file=/etc/kubernetes/pki/ca.crt']) },
    { name: 'two-item form in args', code: staticPod('kube-controller-manager', [], ['--root-ca-file', '/pki/ca.crt']) },
    { name: 'kubeadm writes it itself', code: kubeadmMap('controllerManager', { profiling: 'false' }) },
  ],
  invalid: [
    {
      code: staticPod('kube-controller-manager', ['--service-account-private-key-file=/etc/kubernetes/pki/sa.key']),
      errors: [{ line: 11, column: 7, message: '`--root-ca-file` is not set in this kube-controller-manager manifest, so pods get no CA to verify the API server with.' }],
    },
    {
      name: 'found by the component label when the image is custom',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kcm\n  labels: {component: kube-controller-manager, tier: control-plane}\nspec:\n  containers:\n  - name: kube-controller-manager\n    image: example.com/k8s/kcm:1.31\n',
      errors: [{ line: 9, column: 12 }],
    },
  ],
});
