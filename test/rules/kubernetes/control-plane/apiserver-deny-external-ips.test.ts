import rule from '../../../../rules/kubernetes/control-plane/apiserver-deny-external-ips';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,DenyServiceExternalIPs']) },
    { name: 'two-item form in args', code: staticPod('kube-apiserver', [], ['--enable-admission-plugins', 'DenyServiceExternalIPs']) },
    { name: 'kubeadm list form', code: kubeadmList('apiServer', { 'enable-admission-plugins': 'NodeRestriction,DenyServiceExternalIPs' }) },
  ],
  invalid: [
    {
      name: 'the fix extends the comma list',
      code: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']),
      errors: [{ line: 12, column: 7, message: '`--enable-admission-plugins` does not include DenyServiceExternalIPs, so any Service may claim external IPs and intercept their traffic.' }],
      output: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,DenyServiceExternalIPs']),
    },
    {
      name: 'absent: the flag is added',
      code: staticPod('kube-apiserver', ['--secure-port=6443']),
      errors: [{ line: 11, column: 7, message: /^No admission plugins are enabled in this kube-apiserver manifest/ }],
      output: staticPod('kube-apiserver', ['--secure-port=6443', '--enable-admission-plugins=DenyServiceExternalIPs']),
    },
    {
      name: 'kubeadm map form: kubeadm enables NodeRestriction only',
      code: kubeadmMap('apiServer', { 'enable-admission-plugins': 'NodeRestriction' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeadmMap('apiServer', { 'enable-admission-plugins': 'NodeRestriction,DenyServiceExternalIPs' }),
    },
  ],
});
