import rule from '../../../../rules/kubernetes/rbac/rbac-escalate-bind';
import { testRule } from '../../../helpers/rule-tester';
import { inList, role, rule as policy, stream } from './manifests';

const RBAC = 'rbac.authorization.k8s.io';

testRule(rule, {
  valid: [
    { code: role('auditor', policy([RBAC], ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'], ['get', 'list', 'watch']), 'ClusterRole') },
    { name: 'deleting a binding removes rights, it does not grant them', code: role('cleanup', policy([RBAC], ['rolebindings'], ['delete'])) },
    { name: 'bind on something other than roles', code: role('odd', policy([''], ['pods'], ['bind'])) },
  ],
  invalid: [
    {
      code: role('team-admin', policy([RBAC], ['clusterroles'], ['get', 'bind']), 'ClusterRole'),
      errors: [{ line: 8, column: 20, severity: 'error', message: 'ClusterRole "team-admin" grants bind on clusterroles, so its subjects can grant roles beyond their own permissions, up to cluster-admin.' }],
    },
    {
      name: 'escalate on roles and write access to bindings in one policy rule: one finding naming both',
      code: role('rbac-manager', policy([RBAC], ['roles', 'rolebindings'], ['escalate', 'patch'])),
      errors: [{ line: 8, column: 13, message: /grants escalate, patch on roles, rolebindings,/ }],
    },
    {
      name: 'a List and a second document',
      code: stream(inList(role('a', policy([RBAC], ['clusterrolebindings'], ['create']), 'ClusterRole')), role('b', policy(['*'], ['roles'], ['*']))),
      errors: [
        { line: 11, column: 17, message: /^ClusterRole "a" grants create on clusterrolebindings/ },
        { line: 19, column: 17, message: /^Role "b" grants "\*" on roles/ },
      ],
    },
  ],
});
