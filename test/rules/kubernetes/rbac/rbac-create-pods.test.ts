import rule from '../../../../rules/kubernetes/rbac/rbac-create-pods';
import { testRule } from '../../../helpers/rule-tester';
import { inList, role, rule as policy, stream } from './manifests';

testRule(rule, {
  valid: [
    { code: role('viewer', policy(['', 'apps', 'batch'], ['pods', 'deployments', 'jobs'], ['get', 'list', 'watch'])) },
    { name: 'deployments are not in the core group', code: role('odd', policy([''], ['deployments'], ['create'])) },
    { name: 'scaling is not creating', code: role('scaler', policy(['apps'], ['deployments/scale'], ['update', 'patch'])) },
  ],
  invalid: [
    {
      code: role('runner', policy([''], ['pods'], ['get', 'create'])),
      errors: [{ line: 8, column: 20, endColumn: 28, severity: 'info', message: 'Role "runner" grants create on pods, so its subjects can run pods as any service account of the namespace and mount its Secrets.' }],
    },
    {
      name: 'pod-creating controllers in their groups, legacy extensions included',
      code: role('deployer', policy(['apps', 'extensions', 'batch'], ['deployments', 'statefulsets', 'cronjobs', 'services'], ['create', 'delete']), 'ClusterRole'),
      errors: [{ line: 8, column: 13, message: 'ClusterRole "deployer" grants create on deployments, statefulsets, cronjobs, so its subjects can run pods as any service account of the namespace and mount its Secrets.' }],
    },
    {
      name: 'a List and a second document, each judged on its own lines',
      code: stream(inList(role('a', policy(['batch'], ['jobs'], ['create']))), role('b', policy(['*'], ['replicasets'], ['*']))),
      errors: [
        { line: 11, column: 17, message: /^Role "a" grants create on jobs/ },
        { line: 19, column: 17, message: /^Role "b" grants "\*" on replicasets/ },
      ],
    },
  ],
});
