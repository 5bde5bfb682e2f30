import rule from '../../../rules/daemon/seccomp-unconfined';
import { testDaemonRule } from '../../helpers/daemon';

testDaemonRule(rule, {
  valid: [{ code: '{\n  "seccomp-profile": "builtin"\n}\n' }, { code: '{}' }],
  invalid: [
    {
      code: '{\n  "icc": false,\n  "seccomp-profile": "unconfined"\n}\n',
      errors: [{ line: 3, column: 22, endColumn: 34, severity: 'error', message: '"seccomp-profile": "unconfined" turns off system-call filtering for every container, exposing the whole kernel to a compromised process.' }],
      output: '{\n  "icc": false\n}\n',
    },
    {
      name: 'a custom profile is worth a review, not an error',
      code: '{\n  "seccomp-profile": "/etc/docker/seccomp.json",\n  "icc": false\n}\n',
      errors: [{ line: 2, column: 22, severity: 'info', message: 'Custom seccomp profile "/etc/docker/seccomp.json" replaces the built-in default for every container; review that it allows no more than the default.' }],
      output: null,
    },
  ],
});
