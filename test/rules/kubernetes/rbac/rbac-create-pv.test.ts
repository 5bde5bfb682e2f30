import rule from '../../../../rules/kubernetes/rbac/rbac-create-pv';
import { testRule } from '../../../helpers/rule-tester';
import { inList, role, rule as policy, stream } from './manifests';

testRule(rule, {
  valid: [
    { code: role('storage', policy([''], ['persistentvolumeclaims'], ['create']), 'ClusterRole') },
    { name: 'reading volumes', code: role('storage', policy([''], ['persistentvolumes'], ['get', 'list', 'watch']), 'ClusterRole') },
  ],
  invalid: [
    {
      code: role('storage', policy([''], ['persistentvolumes'], ['get', 'create']), 'ClusterRole'),
      errors: [{ line: 8, column: 20, severity: 'warning', message: 'ClusterRole "storage" grants create on persistentvolumes, so its subjects can create a hostPath volume and mount any directory of a node.' }],
    },
    {
      name: 'a List and a second document',
      code: stream(inList(role('a', policy([''], ['persistentvolumes'], ['create']), 'ClusterRole')), role('b', policy(['*'], ['persistentvolumes'], ['*']), 'ClusterRole')),
      errors: [{ line: 11, column: 17 }, { line: 19, column: 17 }],
    },
  ],
});
