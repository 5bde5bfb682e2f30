import rule from '../../../../rules/kubernetes/control-plane/apiserver-audit-policy';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--audit-policy-file=/etc/kubernetes/audit-policy.yaml']) },
    { name: 'two-item form in args', code: staticPod('kube-apiserver', [], ['--audit-policy-file', '/etc/kubernetes/audit-policy.yaml']) },
    { name: 'kubeadm list form', code: kubeadmList('apiServer', { 'audit-policy-file': '/etc/kubernetes/audit-policy.yaml' }) },
  ],
  invalid: [
    {
      code: staticPod('kube-apiserver', ['--audit-log-path=/var/log/audit.log']),
      errors: [{ line: 11, column: 7, message: '`--audit-policy-file` is not set in this kube-apiserver manifest, so no audit events are recorded.' }],
    },
    { name: 'kubeadm map form', code: kubeadmMap('apiServer', { 'audit-log-path': '/var/log/audit.log' }), errors: [{ line: 4, column: 3 }] },
    {
      name: 'a kubeadm configuration without an apiServer section',
      code: 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.0\n',
      errors: [{ line: 2, column: 7, message: /in this kubeadm ClusterConfiguration/ }],
    },
  ],
});
