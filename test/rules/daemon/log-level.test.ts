import rule from '../../../rules/daemon/log-level';
import { testDaemonRule } from '../../helpers/daemon';

testDaemonRule(rule, {
  valid: [
    { code: '{\n  "log-level": "info"\n}\n' },
    { name: 'dockerd reads the level case-insensitively', code: '{ "log-level": "INFO" }' },
    { name: 'absent means info, the default', code: '{\n  "icc": false,\n  "debug": false\n}\n' },
    { name: 'an invalid level is daemon/unknown-key’s concern', code: '{ "log-level": "verbose" }' },
  ],
  invalid: [
    {
      code: '{\n  "log-level": "debug"\n}\n',
      errors: [{ line: 2, column: 16, endColumn: 23, message: '"log-level": "debug" writes verbose request details that can leak secrets into the daemon logs.', severity: 'warning' }],
      output: '{\n  "log-level": "info"\n}\n',
    },
    {
      code: '{\n  "icc": false,\n  "log-level": "error"\n}\n',
      errors: [{ line: 3, column: 16, message: '"log-level": "error" drops the informational events an audit or investigation needs.' }],
      output: '{\n  "icc": false,\n  "log-level": "info"\n}\n',
    },
    {
      name: '"debug": true overrides the level: the fix removes it',
      code: '{\n  "debug": true,\n  "log-level": "info"\n}\n',
      errors: [{ line: 2, column: 12, message: '"debug": true forces debug logging, which can write secrets from API requests into the daemon logs.' }],
      output: '{\n  "log-level": "info"\n}\n',
    },
    {
      name: 'both at once: one finding, whose fix removes debug and sets info',
      code: '{\n  "log-level": "trace",\n  "icc": false,\n  "debug": true\n}\n',
      errors: [{ line: 4, column: 12 }],
      output: '{\n  "log-level": "info",\n  "icc": false\n}\n',
    },
  ],
});
