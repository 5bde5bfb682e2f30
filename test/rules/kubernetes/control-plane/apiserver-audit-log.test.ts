import rule from '../../../../rules/kubernetes/control-plane/apiserver-audit-log';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--audit-log-path=/var/log/kubernetes/audit/audit.log']) },
    { name: 'two-item form in args', code: staticPod('kube-apiserver', [], ['--audit-log-path', '-']) },
    { name: 'a webhook backend', code: staticPod('kube-apiserver', ['--audit-webhook-config-file=/etc/kubernetes/audit-webhook.yaml']) },
    { name: 'kubeadm list form', code: kubeadmList('apiServer', { 'audit-log-path': '/var/log/audit.log' }) },
  ],
  invalid: [
    {
      code: staticPod('kube-apiserver', ['--audit-policy-file=/etc/kubernetes/audit-policy.yaml']),
      errors: [{ line: 11, column: 7, message: 'Neither `--audit-log-path` nor `--audit-webhook-config-file` is set in this kube-apiserver manifest, so API requests leave no audit trail.' }],
      output: staticPod('kube-apiserver', ['--audit-policy-file=/etc/kubernetes/audit-policy.yaml', '--audit-log-path=/var/log/kubernetes/audit/audit.log']),
    },
    {
      name: 'an empty path is no path',
      code: staticPod('kube-apiserver', [], ['--audit-log-path=']),
      errors: [{ line: 11, column: 7 }],
      output: staticPod('kube-apiserver', [], ['--audit-log-path=', '--audit-log-path=/var/log/kubernetes/audit/audit.log']),
    },
    {
      name: 'kubeadm map form',
      code: kubeadmMap('apiServer', { profiling: 'false' }),
      errors: [{ line: 4, column: 3, message: /in this kubeadm ClusterConfiguration/ }],
      output: kubeadmMap('apiServer', { profiling: 'false', 'audit-log-path': '/var/log/kubernetes/audit/audit.log' }),
    },
  ],
});
