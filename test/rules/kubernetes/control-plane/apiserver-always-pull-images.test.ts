import rule from '../../../../rules/kubernetes/control-plane/apiserver-always-pull-images';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,AlwaysPullImages']) },
    { name: 'spaces in the list are tolerated', code: staticPod('kube-apiserver', [], ['"--enable-admission-plugins=NodeRestriction, AlwaysPullImages"']) },
  ],
  invalid: [
    {
      code: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']),
      errors: [{ line: 12, column: 7, message: "`--enable-admission-plugins` does not include AlwaysPullImages, so pods can run private images cached on their node without that image's pull secret." }],
      output: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,AlwaysPullImages']),
    },
    {
      name: 'two-item form in args keeps the value item',
      code: staticPod('kube-apiserver', [], ['--enable-admission-plugins', 'NodeRestriction']),
      errors: [{ line: 13, column: 7 }],
      output: staticPod('kube-apiserver', [], ['--enable-admission-plugins', 'NodeRestriction,AlwaysPullImages']),
    },
    {
      name: 'kubeadm map form',
      code: kubeadmMap('apiServer', { 'enable-admission-plugins': 'NodeRestriction' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeadmMap('apiServer', { 'enable-admission-plugins': 'NodeRestriction,AlwaysPullImages' }),
    },
    {
      name: 'kubeadm list form, flag absent: a new entry in the same layout',
      code: kubeadmList('apiServer', { 'audit-log-path': '/var/log/audit.log' }),
      errors: [{ line: 4, column: 3 }],
      output: kubeadmList('apiServer', { 'audit-log-path': '/var/log/audit.log', 'enable-admission-plugins': 'NodeRestriction,AlwaysPullImages' }),
    },
  ],
});
