import rule from '../../../../rules/kubernetes/rbac/rbac-impersonate';
import { testRule } from '../../../helpers/rule-tester';
import { inList, role, rule as policy, stream } from './manifests';

testRule(rule, {
  valid: [
    { code: role('support', policy([''], ['users', 'serviceaccounts'], ['get', 'list']), 'ClusterRole') },
    { name: 'uids live in authentication.k8s.io, not in the core group', code: role('odd', policy([''], ['uids'], ['impersonate']), 'ClusterRole') },
  ],
  invalid: [
    {
      code: role('support', policy([''], ['users', 'groups'], ['impersonate']), 'ClusterRole'),
      errors: [{ line: 8, column: 13, endColumn: 26, severity: 'error', message: 'ClusterRole "support" grants impersonate on users, groups, so its subjects can act as other users, groups or service accounts with all their rights.' }],
    },
    {
      name: 'user extras and uids in authentication.k8s.io; resourceNames narrows (one level lower)',
      code: role('proxy', policy(['authentication.k8s.io'], ['userextras/scopes', 'uids'], ['impersonate'], '    resourceNames: ["alice"]\n'), 'ClusterRole'),
      errors: [{ line: 8, column: 13, severity: 'warning', message: /grants impersonate on userextras\/scopes, uids,/ }],
    },
    {
      name: 'a List and a second document',
      code: stream(inList(role('a', policy([''], ['serviceaccounts'], ['impersonate']))), role('b', policy(['*'], ['groups'], ['*']))),
      errors: [{ line: 11, column: 17 }, { line: 19, column: 17, message: /^Role "b" grants "\*" on groups/ }],
    },
  ],
});
