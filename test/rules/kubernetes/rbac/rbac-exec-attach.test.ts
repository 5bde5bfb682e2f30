import rule from '../../../../rules/kubernetes/rbac/rbac-exec-attach';
import { testRule } from '../../../helpers/rule-tester';
import { inList, role, rule as policy, stream } from './manifests';

testRule(rule, {
  valid: [
    { code: role('logs', policy([''], ['pods', 'pods/log'], ['get', 'list'])) },
    { name: 'reading ephemeral containers is not adding one', code: role('viewer', policy([''], ['pods/ephemeralcontainers'], ['get'])) },
    { name: 'Kubernetes does not match "pods" against its subresources', code: role('pods', policy([''], ['pods'], ['create', 'get'])) },
  ],
  invalid: [
    {
      name: 'get alone is enough: a WebSocket exec is authorized as get',
      code: role('debug', policy([''], ['pods', 'pods/exec'], ['get'])),
      errors: [{ line: 8, column: 13, severity: 'warning', message: 'Role "debug" grants get on pods/exec (get is enough over WebSocket), so its subjects can run commands inside running containers and use their credentials.' }],
    },
    {
      name: 'attach, port-forward and ephemeral containers, and "*/exec" for every resource',
      code: role('debug', policy([''], ['pods/attach', 'pods/portforward'], ['create']) + policy([''], ['pods/ephemeralcontainers'], ['patch']) + policy([''], ['*/exec'], ['create', 'get'])),
      errors: [
        { line: 8, column: 13, message: /grants create on pods\/attach, pods\/portforward,/ },
        { line: 11, column: 13, message: /grants patch on pods\/ephemeralcontainers,/ },
        { line: 14, column: 13, message: 'Role "debug" grants create, get on */exec, so its subjects can run commands inside running containers and use their credentials.' },
      ],
    },
    {
      name: 'a List and a second document',
      code: stream(inList(role('a', policy([''], ['pods/exec'], ['create']))), role('b', policy(['*'], ['pods/*'], ['*']))),
      errors: [{ line: 11, column: 17 }, { line: 19, column: 17, message: /^Role "b" grants "\*" on pods\/\*/ }],
    },
  ],
});
