import rule from '../../../../rules/kubernetes/control-plane/apiserver-audit-log-retention';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

const KEPT = ['--audit-log-maxage=30', '--audit-log-maxbackup=10', '--audit-log-maxsize=100'];

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--audit-log-path=/var/log/audit.log', ...KEPT]) },
    { name: 'no audit log path: apiserver-audit-log reports that', code: staticPod('kube-apiserver', []) },
    { name: 'stdout: retention is the collector\'s job', code: staticPod('kube-apiserver', ['--audit-log-path=-']) },
    { name: 'two-item forms in args', code: staticPod('kube-apiserver', [], ['--audit-log-path', '/var/log/audit.log', '--audit-log-maxage', '90', '--audit-log-maxbackup', '20', '--audit-log-maxsize', '200']) },
    { name: 'kubeadm list form', code: kubeadmList('apiServer', { 'audit-log-path': '/a.log', 'audit-log-maxage': '30', 'audit-log-maxbackup': '10', 'audit-log-maxsize': '100' }) },
  ],
  invalid: [
    {
      code: staticPod('kube-apiserver', ['--audit-log-path=/var/log/audit.log', '--audit-log-maxage=7', '--audit-log-maxbackup=10', '--audit-log-maxsize=100']),
      errors: [{ line: 13, column: 7, message: '`--audit-log-maxage=7` keeps less than 30 days of audit log.' }],
      output: staticPod('kube-apiserver', ['--audit-log-path=/var/log/audit.log', ...KEPT]),
    },
    {
      name: 'absent retention flags are added one by one',
      code: staticPod('kube-apiserver', [], ['--audit-log-path', '/var/log/audit.log']),
      errors: [{ line: 11, column: 7, message: '`--audit-log-maxage`, `--audit-log-maxbackup`, `--audit-log-maxsize` are not set in this kube-apiserver manifest, so the audit log has no explicit rotation and retention.' }],
      output: staticPod('kube-apiserver', [], ['--audit-log-path', '/var/log/audit.log', ...KEPT]),
    },
    {
      name: 'kubeadm map form',
      code: kubeadmMap('apiServer', { 'audit-log-path': '/a.log', 'audit-log-maxage': '30', 'audit-log-maxbackup': '3', 'audit-log-maxsize': '100' }),
      errors: [{ line: 7, column: 5 }],
      output: kubeadmMap('apiServer', { 'audit-log-path': '/a.log', 'audit-log-maxage': '30', 'audit-log-maxbackup': '10', 'audit-log-maxsize': '100' }),
    },
  ],
});
