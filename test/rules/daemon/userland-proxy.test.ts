import rule from '../../../rules/daemon/userland-proxy';
import { testDaemonRule } from '../../helpers/daemon';

testDaemonRule(rule, {
  valid: [{ code: '{\n  "userland-proxy": false\n}\n' }, { name: 'Windows', code: '{ "hosts": ["npipe://"] }' }],
  invalid: [
    {
      code: '{\n  "userland-proxy": true,\n  "icc": false\n}\n',
      errors: [{ line: 2, column: 21, endColumn: 25, message: '"userland-proxy": true runs a root docker-proxy process for every published port.', severity: 'info' }],
      output: '{\n  "userland-proxy": false,\n  "icc": false\n}\n',
    },
    {
      code: '{ "icc": false }\n',
      errors: [{ line: 1, column: 1, message: '"userland-proxy" is not set in daemon.json (it may be set on the command line), so a root docker-proxy process serves every published port.' }],
      output: '{ "icc": false, "userland-proxy": false }\n',
    },
  ],
});
