import rule from '../../../../rules/kubernetes/control-plane/apiserver-event-rate-limit';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,EventRateLimit', '--admission-control-config-file=/etc/kubernetes/admission.yaml']) },
    { name: 'the deprecated --admission-control list counts', code: staticPod('kube-apiserver', [], ['--admission-control=EventRateLimit', '--admission-control-config-file', '/etc/kubernetes/admission.yaml']) },
    { name: 'kubeadm list form', code: kubeadmList('apiServer', { 'enable-admission-plugins': 'EventRateLimit', 'admission-control-config-file': '/etc/kubernetes/admission.yaml' }) },
  ],
  invalid: [
    {
      name: 'no fix: the plugin needs its configuration file',
      code: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']),
      errors: [{ line: 12, column: 7, message: '`--enable-admission-plugins` does not include EventRateLimit, so clients can flood the control plane with events.' }],
    },
    { name: 'absent', code: staticPod('kube-apiserver', [], ['--secure-port', '6443']), errors: [{ line: 11, column: 7 }] },
    { name: 'kubeadm map form', code: kubeadmMap('apiServer', { 'enable-admission-plugins': 'NodeRestriction' }), errors: [{ line: 5, column: 5 }] },
    {
      name: 'enabled without its configuration file',
      code: staticPod('kube-apiserver', ['--enable-admission-plugins=EventRateLimit']),
      errors: [{ line: 12, column: 7, message: 'EventRateLimit is enabled without `--admission-control-config-file`, so the API server has no limits to apply and refuses to start.' }],
    },
  ],
});
