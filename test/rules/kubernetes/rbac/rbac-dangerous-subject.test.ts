import rule from '../../../../rules/kubernetes/rbac/rbac-dangerous-subject';
import { testRule } from '../../../helpers/rule-tester';
import { binding, inList, stream } from './manifests';

testRule(rule, {
  valid: [
    { code: binding('devs', 'ClusterRole/view', ['Group devs', 'User alice']) },
    { name: 'the built-in public-info binding', code: binding('system:public-info-viewer', 'ClusterRole/system:public-info-viewer', ['Group system:authenticated', 'Group system:unauthenticated']) },
    { name: 'discovery for every authenticated user', code: binding('system:discovery', 'ClusterRole/system:discovery', ['Group system:authenticated']) },
    { name: 'the built-in binding of system:masters', code: binding('cluster-admin', 'ClusterRole/cluster-admin', ['Group system:masters']) },
  ],
  invalid: [
    {
      code: binding('open', 'ClusterRole/view', ['Group system:unauthenticated']),
      errors: [{ line: 11, column: 11, endColumn: 35, severity: 'error', message: 'ClusterRoleBinding "open" grants ClusterRole "view" to every unauthenticated request.' }],
    },
    {
      name: 'discovery is for authenticated users only; anonymous gets nothing',
      code: binding('d', 'ClusterRole/system:discovery', ['Group system:unauthenticated', 'User system:anonymous', 'Group system:authenticated']),
      errors: [
        { line: 11, column: 11, message: 'ClusterRoleBinding "d" grants ClusterRole "system:discovery" to every unauthenticated request.' },
        { line: 13, column: 11, message: 'ClusterRoleBinding "d" grants ClusterRole "system:discovery" to every anonymous request.' },
      ],
    },
    {
      name: 'a List and a second document; system:masters is a warning',
      code: stream(inList(binding('ops', 'ClusterRole/edit', ['Group system:masters'])), binding('all', 'ClusterRole/edit', ['Group system:authenticated'], 'RoleBinding')),
      errors: [
        { line: 14, column: 15, severity: 'warning', message: 'ClusterRoleBinding "ops" names group system:masters, which bypasses RBAC anyway; members of it are unrestricted administrators.' },
        { line: 26, column: 11, severity: 'error', message: 'RoleBinding "all" grants ClusterRole "edit" to every authenticated identity, every service account included.' },
      ],
    },
  ],
});
