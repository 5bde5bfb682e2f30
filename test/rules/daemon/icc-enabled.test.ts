import rule from '../../../rules/daemon/icc-enabled';
import { testDaemonRule } from '../../helpers/daemon';

testDaemonRule(rule, {
  valid: [
    { code: '{\n  "icc": false\n}\n' },
    { name: 'a Windows daemon (named pipe) has no icc key to set', code: '{\n  "hosts": ["npipe://"]\n}\n' },
    { name: 'a wrong type is daemon/unknown-key’s concern', code: '{ "icc": "false" }\n' },
    { name: 'a top level that is not an object is left to the schema', code: '[]\n' },
  ],
  invalid: [
    {
      name: 'absent: reported on the opening brace, the fix appends the key in the file’s indentation',
      code: '{\n  "log-level": "info"\n}\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 2, message: '"icc" is not set in daemon.json (it may be set on the command line), so containers on the default bridge can reach each other\'s ports.', severity: 'warning' }],
      output: '{\n  "log-level": "info",\n  "icc": false\n}\n',
    },
    {
      code: '{\n  "icc": true,\n  "debug": false\n}\n',
      errors: [{ line: 2, column: 10, endColumn: 14, message: '"icc": true lets every container on the default bridge reach every other container\'s ports.' }],
      output: '{\n  "icc": false,\n  "debug": false\n}\n',
    },
    { name: 'a one-line object stays on one line', code: '{"debug": false}', errors: [{ line: 1, column: 1 }], output: '{"debug": false, "icc": false}' },
    { name: 'tabs and CRLF are kept', code: '{\r\n\t"debug": false\r\n}\r\n', errors: [{ line: 1, column: 1 }], output: '{\r\n\t"debug": false,\r\n\t"icc": false\r\n}\r\n' },
    { name: 'four-space indentation is kept', code: '{\n    "ipv6": false\n}', errors: [{ line: 1, column: 1 }], output: '{\n    "ipv6": false,\n    "icc": false\n}' },
    { name: 'duplicates: the last one is what dockerd uses, and what the fix changes', code: '{\n  "icc": false,\n  "icc": true\n}\n', errors: [{ line: 3, column: 10 }], output: '{\n  "icc": false,\n  "icc": false\n}\n' },
    { name: 'an empty file is an empty configuration', code: '\n', errors: [{ line: 1, column: 1 }], output: '{\n  "icc": false\n}\n' },
  ],
});
