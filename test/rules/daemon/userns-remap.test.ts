import rule from '../../../rules/daemon/userns-remap';
import { testDaemonRule } from '../../helpers/daemon';

testDaemonRule(rule, {
  valid: [
    { code: '{\n  "userns-remap": "default"\n}\n' },
    { code: '{ "userns-remap": "dockremap:dockremap" }' },
    { name: 'a rootless daemon already runs unprivileged', code: '{ "rootless": true }' },
    { name: 'Windows', code: '{ "hosts": ["npipe://"] }' },
  ],
  invalid: [
    {
      code: '{\n  "userns-remap": ""\n}\n',
      errors: [{ line: 2, column: 19, endColumn: 21, severity: 'info', message: '"userns-remap" is empty, so root in a container is root on the host.' }],
      output: '{\n  "userns-remap": "default"\n}\n',
    },
    {
      code: '{\n  "icc": false\n}\n',
      errors: [{ line: 1, column: 1, message: '"userns-remap" is not set in daemon.json (it may be set on the command line), so root in a container is root on the host.' }],
      output: '{\n  "icc": false,\n  "userns-remap": "default"\n}\n',
    },
  ],
});
