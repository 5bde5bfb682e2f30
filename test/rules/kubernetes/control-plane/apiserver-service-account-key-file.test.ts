import rule from '../../../../rules/kubernetes/control-plane/apiserver-service-account-key-file';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--service-account-key-file=/etc/kubernetes/pki/sa.pub']) },
    { name: 'two-item form in args', code: staticPod('kube-apiserver', [], ['--service-account-key-file', '/etc/kubernetes/pki/sa.pub']) },
    { name: 'kubeadm writes it itself (map form)', code: kubeadmMap('apiServer', { profiling: 'false' }) },
    { name: 'kubeadm list form', code: kubeadmList('apiServer', { profiling: 'false' }) },
  ],
  invalid: [
    {
      code: staticPod('kube-apiserver', ['--service-account-issuer=https://kubernetes.default.svc']),
      errors: [{ line: 11, column: 7, message: '`--service-account-key-file` is not set in this kube-apiserver manifest, so service-account tokens are verified with the serving key and cannot be rotated separately.' }],
    },
    { name: 'an empty value', code: staticPod('kube-apiserver', [], ['--service-account-key-file=']), errors: [{ line: 11, column: 7 }] },
  ],
});
