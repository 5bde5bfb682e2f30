import rule from '../../../../rules/kubernetes/rbac/rbac-secrets-read';
import { testRule } from '../../../helpers/rule-tester';
import { binding, inList, role, rule as policy, stream } from './manifests';

testRule(rule, {
  valid: [
    { code: role('reader', policy([''], ['configmaps', 'pods'], ['get', 'list', 'watch'])) },
    { name: 'writing Secrets is not reading them', code: role('writer', policy([''], ['secrets'], ['create', 'update'])) },
    { name: 'secrets of another API group are not core Secrets', code: role('vault', policy(['vault.example.com'], ['secrets'], ['get'])) },
    { name: '"*" in resources is rbac-wildcard’s finding (it names Secrets), not reported again here', code: role('admin', policy(['', 'apps'], ['*'], ['get', 'list']), 'ClusterRole') },
  ],
  invalid: [
    {
      code: role('reader', policy([''], ['secrets'], ['get', 'list', 'watch'])),
      errors: [{ line: 8, column: 13, endColumn: 18, severity: 'warning', message: 'Role "reader" grants get, list, watch on secrets, so its subjects can read Secret values (list and watch return every Secret in full).' }],
    },
    {
      name: 'a wildcard verb is reported at the resource',
      code: role('reader', policy([''], ['pods', 'secrets'], ['*'])),
      errors: [{ line: 7, column: 25, message: 'Role "reader" grants "*" on secrets, so its subjects can read Secret values (list and watch return every Secret in full).' }],
    },
    {
      name: 'resourceNames narrows the grant to named Secrets: one level lower',
      code: role('tls-reader', policy([''], ['secrets'], ['get'], '    resourceNames: ["app-tls"]\n')),
      errors: [{ line: 8, column: 13, severity: 'info' }],
    },
    {
      name: 'a List, a second document, and a ClusterRole bound cluster-wide to a service account (one level up)',
      code: stream(inList(role('reader', policy([''], ['secrets'], ['watch']), 'ClusterRole')), binding('reader', 'ClusterRole/reader', ['ServiceAccount app shop'])),
      errors: [{ line: 11, column: 17, severity: 'error', message: /^ClusterRole "reader" grants watch on secrets/ }],
    },
  ],
});
