import rule from '../../../../rules/kubernetes/rbac/rbac-cluster-admin-binding';
import { testRule } from '../../../helpers/rule-tester';
import { binding, inList, stream } from './manifests';

testRule(rule, {
  valid: [
    { code: binding('ci', 'ClusterRole/edit', ['ServiceAccount ci build']) },
    { name: 'the built-in binding of system:masters', code: binding('cluster-admin', 'ClusterRole/cluster-admin', ['Group system:masters']) },
    { name: 'a namespaced Role that happens to be called cluster-admin', code: binding('x', 'Role/cluster-admin', ['User alice'], 'RoleBinding') },
  ],
  invalid: [
    {
      name: 'one finding per subject; service accounts and groups are errors',
      code: binding('ops', 'ClusterRole/cluster-admin', ['User alice', 'ServiceAccount ci build', 'Group ops']),
      errors: [
        { line: 11, column: 11, endColumn: 18, severity: 'warning', message: 'ClusterRoleBinding "ops" gives User "alice" cluster-admin, full control of the whole cluster.' },
        { line: 13, column: 11, severity: 'error', message: 'ClusterRoleBinding "ops" gives ServiceAccount "ci" cluster-admin, full control of the whole cluster.' },
        { line: 16, column: 11, severity: 'error' },
      ],
    },
    {
      name: 'a RoleBinding to cluster-admin is administrator of the namespace',
      code: binding('x', 'ClusterRole/cluster-admin', ['User bob'], 'RoleBinding'),
      errors: [{ line: 11, column: 11, message: 'RoleBinding "x" gives User "bob" cluster-admin, full control of its namespace.' }],
    },
    {
      name: 'a List and a second document; only the built-in subject is skipped',
      code: stream(inList(binding('a', 'ClusterRole/cluster-admin', ['ServiceAccount default kube-system'])), binding('cluster-admin', 'ClusterRole/cluster-admin', ['Group system:masters', 'User root'])),
      errors: [{ line: 14, column: 15, severity: 'error' }, { line: 29, column: 11, severity: 'warning', message: /User "root"/ }],
    },
  ],
});
