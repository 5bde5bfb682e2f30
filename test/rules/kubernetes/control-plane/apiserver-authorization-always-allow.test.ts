import rule from '../../../../rules/kubernetes/control-plane/apiserver-authorization-always-allow';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC']) },
    { name: 'two-item form in args', code: staticPod('kube-apiserver', [], ['--authorization-mode', 'Node,RBAC']) },
    { name: 'authorizers live in an AuthorizationConfiguration file', code: staticPod('kube-apiserver', ['--authorization-config=/etc/kubernetes/authz.yaml']) },
    { name: 'kubeadm writes Node,RBAC itself', code: kubeadmMap('apiServer', { 'audit-log-path': '/var/log/audit.log' }) },
    { name: 'kubeadm list form', code: kubeadmList('apiServer', { 'authorization-mode': 'Node,RBAC,Webhook' }) },
  ],
  invalid: [
    {
      code: staticPod('kube-apiserver', ['--authorization-mode=RBAC,AlwaysAllow']),
      errors: [{ line: 12, column: 7, message: '`--authorization-mode=RBAC,AlwaysAllow` includes AlwaysAllow, which lets every authenticated request do anything.' }],
      output: staticPod('kube-apiserver', ['--authorization-mode=RBAC']),
    },
    {
      name: 'AlwaysAllow alone becomes Node,RBAC',
      code: staticPod('kube-apiserver', [], ['--authorization-mode=AlwaysAllow']),
      errors: [{ line: 13, column: 7 }],
      output: staticPod('kube-apiserver', [], ['--authorization-mode=Node,RBAC']),
    },
    {
      name: 'absent: the default is AlwaysAllow',
      code: staticPod('kube-apiserver', ['--secure-port=6443']),
      errors: [{ line: 11, column: 7, message: '`--authorization-mode` is not set in this kube-apiserver manifest, and its default (AlwaysAllow) lets every authenticated request do anything.' }],
      output: staticPod('kube-apiserver', ['--secure-port=6443', '--authorization-mode=Node,RBAC']),
    },
    {
      name: 'kubeadm map form',
      code: kubeadmMap('apiServer', { 'authorization-mode': 'AlwaysAllow' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeadmMap('apiServer', { 'authorization-mode': 'Node,RBAC' }),
    },
  ],
});

testRule(rule, {
  valid: [{ name: 'an AuthorizationConfiguration of Node and RBAC', code: 'apiVersion: apiserver.config.k8s.io/v1\nkind: AuthorizationConfiguration\nauthorizers:\n- {type: Node, name: node}\n- {type: RBAC, name: rbac}\n' }],
  invalid: [
    {
      name: 'an AuthorizationConfiguration with an AlwaysAllow authorizer',
      code: 'apiVersion: apiserver.config.k8s.io/v1\nkind: AuthorizationConfiguration\nauthorizers:\n- {type: Node, name: node}\n- {type: AlwaysAllow, name: everyone}\n',
      errors: [{ line: 5, column: 10, message: 'This AuthorizationConfiguration has an AlwaysAllow authorizer, which lets every authenticated request do anything.' }],
    },
  ],
});
