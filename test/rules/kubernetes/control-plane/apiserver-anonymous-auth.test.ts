import rule from '../../../../rules/kubernetes/control-plane/apiserver-anonymous-auth';
import { testRule } from '../../../helpers/rule-tester';
import { kubeadmList, kubeadmMap, staticPod } from './manifests';

testRule(rule, {
  valid: [
    { code: staticPod('kube-apiserver', ['--anonymous-auth=false']) },
    { name: 'in args', code: staticPod('kube-apiserver', [], ['--anonymous-auth=false']) },
    { name: 'the last occurrence wins', code: staticPod('kube-apiserver', ['--anonymous-auth=true', '--anonymous-auth=false']) },
    { name: 'kubeadm map form', code: kubeadmMap('apiServer', { 'anonymous-auth': 'false' }) },
    { name: 'kubeadm list form', code: kubeadmList('apiServer', { 'anonymous-auth': 'false' }) },
    { name: 'other components are not the API server', code: staticPod('kube-scheduler', []) },
    { name: 'anonymous access configured in an AuthenticationConfiguration file', code: staticPod('kube-apiserver', ['--authentication-config=/etc/kubernetes/authn.yaml']) },
  ],
  invalid: [
    {
      code: staticPod('kube-apiserver', ['--anonymous-auth=true']),
      errors: [{ line: 12, column: 7, endColumn: 28, message: '`--anonymous-auth=true` lets requests without credentials reach the API server as system:anonymous.' }],
      output: staticPod('kube-apiserver', ['--anonymous-auth=false']),
    },
    {
      name: 'absent: the default is true; the fix adds the flag to args in the same style',
      code: staticPod('kube-apiserver', ['--secure-port=6443'], ['"--profiling=false"  # keep']),
      errors: [{ line: 11, column: 7, message: '`--anonymous-auth` is not set in this kube-apiserver manifest, and its default (true) lets requests without credentials reach the API server as system:anonymous.' }],
      output: staticPod('kube-apiserver', ['--secure-port=6443'], ['"--profiling=false"  # keep', '"--anonymous-auth=false"']),
    },
    {
      name: 'bare flag means true',
      code: staticPod('kube-apiserver', [], ['--anonymous-auth']),
      errors: [{ line: 13, column: 7 }],
      output: staticPod('kube-apiserver', [], ['--anonymous-auth=false']),
    },
    {
      name: 'flow style command with the flag in it',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - name: api\n    command: ["/usr/local/bin/kube-apiserver", "--anonymous-auth=true"]\n',
      errors: [{ line: 7, column: 48 }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - name: api\n    command: ["/usr/local/bin/kube-apiserver", "--anonymous-auth=false"]\n',
    },
    {
      name: 'kubeadm map form: the value is quoted so it stays a string',
      code: kubeadmMap('apiServer', { 'anonymous-auth': 'true' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeadmMap('apiServer', { 'anonymous-auth': 'false' }),
    },
    {
      name: 'kubeadm list form',
      code: kubeadmList('apiServer', { 'anonymous-auth': 'true' }),
      errors: [{ line: 5, column: 5 }],
      output: kubeadmList('apiServer', { 'anonymous-auth': 'false' }),
    },
    {
      name: 'kubeadm without the flag: kubeadm does not set it, so the default applies',
      code: kubeadmMap('apiServer', { 'audit-log-path': '/var/log/audit.log' }),
      errors: [{ line: 4, column: 3 }],
      output: kubeadmMap('apiServer', { 'audit-log-path': '/var/log/audit.log', 'anonymous-auth': 'false' }),
    },
  ],
});
