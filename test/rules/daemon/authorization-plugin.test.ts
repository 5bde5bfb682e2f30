import rule from '../../../rules/daemon/authorization-plugin';
import { testDaemonRule } from '../../helpers/daemon';

testDaemonRule(rule, {
  valid: [{ code: '{\n  "authorization-plugins": ["opa-docker-authz"]\n}\n' }, { name: 'wrong type: the schema’s concern', code: '{ "authorization-plugins": "opa" }' }],
  invalid: [
    {
      code: '{\n  "authorization-plugins": []\n}\n',
      errors: [{ line: 2, column: 28, endColumn: 30, severity: 'info', message: '"authorization-plugins" is empty, so every client of the Docker socket may do anything, up to root on the host.' }],
    },
    {
      code: '{\n  "icc": false\n}\n',
      errors: [{ line: 1, column: 1, message: '"authorization-plugins" is not set in daemon.json (it may be set on the command line), so every client of the Docker socket may do anything, up to root on the host.' }],
    },
  ],
});
