import rule from '../../../../rules/kubernetes/rbac/rbac-default-sa-binding';
import { testRule } from '../../../helpers/rule-tester';
import { binding, inList, stream } from './manifests';

testRule(rule, {
  valid: [
    { code: binding('app', 'Role/reader', ['ServiceAccount app shop'], 'RoleBinding') },
    { name: 'a user called default is not the default service account', code: binding('app', 'Role/reader', ['User default'], 'RoleBinding') },
  ],
  invalid: [
    {
      code: binding('reader', 'Role/reader', ['ServiceAccount default shop'], 'RoleBinding'),
      errors: [{ line: 11, column: 11, endColumn: 20, severity: 'warning', message: 'RoleBinding "reader" grants Role "reader" to the default service account, so every pod in namespace shop that names no service account gets it.' }],
    },
    {
      name: 'a List and a second document',
      code: stream(inList(binding('a', 'ClusterRole/view', ['ServiceAccount default kube-system'])), binding('b', 'ClusterRole/view', ['Group devs', 'ServiceAccount default'], 'RoleBinding')),
      errors: [{ line: 14, column: 15, message: /namespace kube-system/ }, { line: 29, column: 11, message: /every pod in its namespace/ }],
    },
  ],
});
