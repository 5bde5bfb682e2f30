import rule from '../../../../rules/kubernetes/control-plane/apiserver-admission-disabled';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--disable-admission-plugins=DefaultStorageClass']) },
    { name: 'absent: the defaults stay on', code: staticPod('kube-apiserver', []) },
  ],
  invalid: [
    {
      code: staticPod('kube-apiserver', ['--disable-admission-plugins=DefaultStorageClass,PodSecurity,ServiceAccount']),
      errors: [{ line: 12, column: 7, message: '`--disable-admission-plugins` turns off PodSecurity, ServiceAccount, which the API server enables by default to confine pods and namespaces.' }],
      output: staticPod('kube-apiserver', ['--disable-admission-plugins=DefaultStorageClass']),
    },
    {
      name: 'only protective plugins: the whole flag goes, two-item form in args',
      code: staticPod('kube-apiserver', [], ['--disable-admission-plugins', 'NamespaceLifecycle', '--profiling=false']),
      errors: [{ line: 13, column: 7, endLine: 14 }],
      output: staticPod('kube-apiserver', [], ['--profiling=false']),
    },
    {
      name: 'kubeadm map form',
      code: kubeadmMap('apiServer', { 'profiling': 'false', 'disable-admission-plugins': 'PodSecurity' }),
      errors: [{ line: 6, column: 5 }],
      output: kubeadmMap('apiServer', { 'profiling': 'false' }),
    },
    {
      name: 'kubeadm list form',
      code: kubeadmList('apiServer', { 'disable-admission-plugins': 'PodSecurity,DefaultStorageClass' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeadmList('apiServer', { 'disable-admission-plugins': 'DefaultStorageClass' }),
    },
  ],
});
