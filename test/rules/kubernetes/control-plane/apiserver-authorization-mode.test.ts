import rule from '../../../../rules/kubernetes/control-plane/apiserver-authorization-mode';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC']) },
    { name: 'absent is apiserver-authorization-always-allow\'s finding', code: staticPod('kube-apiserver', []) },
    { name: 'kubeadm default', code: kubeadmMap('apiServer', { 'profiling': 'false' }) },
  ],
  invalid: [
    {
      code: staticPod('kube-apiserver', ['--authorization-mode=RBAC']),
      errors: [{ line: 12, column: 7, message: '`--authorization-mode=RBAC` lacks Node, so kubelets are not confined to their own node.' }],
      output: staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC']),
    },
    {
      name: 'two-item form in args, both missing',
      code: staticPod('kube-apiserver', [], ['--authorization-mode', 'Webhook']),
      errors: [{ line: 13, column: 7, message: '`--authorization-mode=Webhook` lacks Node and RBAC, so kubelets are not confined to their own node and RBAC roles and bindings are not enforced.' }],
      output: staticPod('kube-apiserver', [], ['--authorization-mode', 'Node,Webhook,RBAC']),
    },
    {
      name: 'kubeadm map form',
      code: kubeadmMap('apiServer', { 'authorization-mode': 'Node' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeadmMap('apiServer', { 'authorization-mode': 'Node,RBAC' }),
    },
    {
      name: 'kubeadm list form',
      code: kubeadmList('apiServer', { 'authorization-mode': 'Node' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeadmList('apiServer', { 'authorization-mode': 'Node,RBAC' }),
    },
  ],
});

const authz = (types: string[]): string =>
  `apiVersion: apiserver.config.k8s.io/v1\nkind: AuthorizationConfiguration\nauthorizers:\n${types.map((type) => `- type: ${type}\n  name: ${type.toLowerCase()}\n`).join('')}`;

testRule(rule, {
  valid: [{ name: 'an AuthorizationConfiguration with Node and RBAC', code: authz(['Node', 'RBAC', 'Webhook']) }],
  invalid: [
    {
      name: 'an AuthorizationConfiguration without Node',
      code: authz(['RBAC']),
      errors: [{ line: 2, column: 7, message: 'This AuthorizationConfiguration has no Node authorizer, so kubelets are not confined to their own node.' }],
    },
  ],
});
