import rule from '../../../rules/daemon/default-ulimits';
import { testDaemonRule } from '../../helpers/daemon';

testDaemonRule(rule, {
  valid: [
    { code: '{\n  "default-ulimits": {\n    "nofile": { "Name": "nofile", "Hard": 64000, "Soft": 64000 }\n  }\n}\n' },
    { name: 'not a key a Windows daemon knows', code: '{ "hosts": ["npipe://"] }' },
  ],
  invalid: [
    {
      code: '{\n  "default-ulimits": {}\n}\n',
      errors: [{ line: 2, column: 22, endColumn: 24, severity: 'info', message: '"default-ulimits" is empty, so one container can exhaust the host\'s open files or processes.' }],
      output:
        '{\n  "default-ulimits": {\n    "nofile": {\n      "Name": "nofile",\n      "Hard": 64000,\n      "Soft": 64000\n    },\n    "nproc": {\n      "Name": "nproc",\n      "Hard": 4096,\n      "Soft": 2048\n    }\n  }\n}\n',
    },
    {
      code: '{ "icc": false }',
      errors: [{ line: 1, column: 1, message: '"default-ulimits" is not set in daemon.json (it may be set on the command line), so one container can exhaust the host\'s open files or processes.' }],
      output: '{ "icc": false, "default-ulimits": {"nofile": {"Name": "nofile", "Hard": 64000, "Soft": 64000}, "nproc": {"Name": "nproc", "Hard": 4096, "Soft": 2048}} }',
    },
  ],
});
