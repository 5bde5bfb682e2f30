import rule from '../../../../rules/kubernetes/control-plane/apiserver-event-rate-limit';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,EventRateLimit']) },
    { name: 'the deprecated --admission-control list counts', code: staticPod('kube-apiserver', [], ['--admission-control=EventRateLimit']) },
    { name: 'kubeadm list form', code: kubeadmList('apiServer', { 'enable-admission-plugins': 'EventRateLimit' }) },
  ],
  invalid: [
    {
      name: 'no fix: the plugin needs its configuration file',
      code: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']),
      errors: [{ line: 12, column: 7, message: '`--enable-admission-plugins` does not include EventRateLimit, so clients can flood the control plane with events.' }],
    },
    { name: 'absent', code: staticPod('kube-apiserver', [], ['--secure-port', '6443']), errors: [{ line: 11, column: 7 }] },
    { name: 'kubeadm map form', code: kubeadmMap('apiServer', { 'enable-admission-plugins': 'NodeRestriction' }), errors: [{ line: 5, column: 5 }] },
  ],
});
