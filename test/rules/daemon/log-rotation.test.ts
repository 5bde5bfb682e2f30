import rule from '../../../rules/daemon/log-rotation';
import { testDaemonRule } from '../../helpers/daemon';

const MESSAGE = 'Container logs use json-file without "max-size" in "log-opts", so they are never rotated and can fill the host\'s disk.';

testDaemonRule(rule, {
  valid: [
    { code: '{\n  "log-opts": { "max-size": "10m", "max-file": "3" }\n}\n' },
    { name: 'the local driver rotates by default', code: '{ "log-driver": "local" }' },
    { name: 'a remote driver keeps nothing on the host', code: '{ "log-driver": "syslog" }' },
  ],
  invalid: [
    {
      name: 'neither key: on the brace, the fix adds log-opts',
      code: '{\n  "icc": false\n}\n',
      errors: [{ line: 1, column: 1, severity: 'warning', message: MESSAGE }],
      output: '{\n  "icc": false,\n  "log-opts": {\n    "max-size": "10m",\n    "max-file": "3"\n  }\n}\n',
    },
    {
      name: 'explicit json-file: on the driver',
      code: '{\n  "log-driver": "json-file"\n}\n',
      errors: [{ line: 2, column: 17, message: MESSAGE }],
      output: '{\n  "log-driver": "json-file",\n  "log-opts": {\n    "max-size": "10m",\n    "max-file": "3"\n  }\n}\n',
    },
    {
      name: 'log-opts without max-size: on log-opts, keeping its other options',
      code: '{\n  "log-opts": {\n    "max-file": "5"\n  }\n}\n',
      errors: [{ line: 2, column: 3, endColumn: 13 }],
      output: '{\n  "log-opts": {\n    "max-file": "5",\n    "max-size": "10m"\n  }\n}\n',
    },
    {
      name: 'log-opts given twice: reported on the one dockerd reads, no fix until the duplicate is gone',
      code: '{\n  "log-opts": { "max-size": "10m" },\n  "log-opts": { "max-file": "3" }\n}\n',
      errors: [{ line: 3, column: 3, message: MESSAGE }],
      output: null,
    },
    {
      name: 'one-line log-opts stays on one line',
      code: '{ "log-opts": { "labels": "app" } }',
      errors: [{ line: 1, column: 3 }],
      output: '{ "log-opts": { "labels": "app", "max-size": "10m", "max-file": "3" } }',
    },
  ],
});
