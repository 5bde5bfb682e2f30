import rule from '../../../rules/daemon/no-new-privileges';
import { testDaemonRule } from '../../helpers/daemon';

testDaemonRule(rule, {
  valid: [
    { code: '{\n  "no-new-privileges": true\n}\n' },
    { name: 'a Windows daemon (Hyper-V isolation) has no such key', code: '{\n  "exec-opts": ["isolation=hyperv"]\n}\n' },
    { name: 'a Windows path shows a Windows daemon', path: 'C:/ProgramData/docker/config/daemon.json', code: '{}\n' },
  ],
  invalid: [
    {
      code: '{\n  "icc": false\n}\n',
      errors: [{ line: 1, column: 1, endColumn: 2, message: '"no-new-privileges" is not set in daemon.json (it may be set on the command line), so container processes can gain privileges through setuid binaries.', severity: 'warning' }],
      output: '{\n  "icc": false,\n  "no-new-privileges": true\n}\n',
    },
    {
      code: '{\n  "no-new-privileges": false,\n  "icc": false\n}\n',
      errors: [{ line: 2, column: 24, endColumn: 29, message: '"no-new-privileges": false lets container processes gain privileges through setuid binaries.' }],
      output: '{\n  "no-new-privileges": true,\n  "icc": false\n}\n',
    },
    { name: 'an empty object gains its first key', code: '{}\n', errors: [{ line: 1, column: 1 }], output: '{"no-new-privileges": true}\n' },
  ],
});
