import rule from '../../../../rules/kubernetes/rbac/rbac-token-create';
import { testRule } from '../../../helpers/rule-tester';
import { inList, role, rule as policy, stream } from './manifests';

testRule(rule, {
  valid: [
    { code: role('sa-reader', policy([''], ['serviceaccounts'], ['get', 'list'])) },
    { name: 'creating a service account is not minting its token', code: role('sa-admin', policy([''], ['serviceaccounts'], ['create'])) },
  ],
  invalid: [
    {
      code: role('issuer', policy([''], ['serviceaccounts/token'], ['create'])),
      errors: [{ line: 8, column: 13, severity: 'warning', message: 'Role "issuer" grants create on serviceaccounts/token, so its subjects can mint tokens for service accounts and act as them.' }],
    },
    {
      name: 'a List and a second document; resourceNames narrows (one level lower)',
      code: stream(inList(role('a', policy([''], ['serviceaccounts/token'], ['create'], '    resourceNames: ["builder"]\n'))), role('b', policy([''], ['*/token'], ['*']))),
      errors: [{ line: 11, column: 17, severity: 'info' }, { line: 20, column: 17, severity: 'warning' }],
    },
  ],
});
