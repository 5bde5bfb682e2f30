import { defineRule } from '../engine/rule';
import { checkBooleanSetting, cisDocker } from '../models/daemon-checks';

export default defineRule({
  meta: {
    id: 'daemon/no-new-privileges',
    kind: 'daemon',
    title: 'Block privilege gain through setuid binaries by default',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'suggest',
    description:
      'Without `"no-new-privileges": true` a process in any container may gain privileges through setuid or setgid binaries and file capabilities, unless each container opts out on its own. A finding about a key that is not set sits on the top-level object\'s opening brace (the flag `--no-new-privileges` on the command line is equivalent). Linux only: the key is invalid on Windows, so a file that shows a Windows daemon is not checked.',
    remediation: 'Set `"no-new-privileges": true` (`--no-new-privileges`); a container that really needs setuid can still be started with `--security-opt no-new-privileges=false`.',
    references: cisDocker('2.14', '2.17'),
    examples: {
      invalid: [{ code: '{\n  "icc": false\n}\n' }, { code: '{\n  "no-new-privileges": false\n}\n' }],
      valid: [{ code: '{\n  "no-new-privileges": true\n}\n' }],
    },
  },
  check(context) {
    checkBooleanSetting(context, {
      key: 'no-new-privileges',
      secure: true,
      linuxOnly: true,
      absent: '"no-new-privileges" is not set in daemon.json (it may be set on the command line), so container processes can gain privileges through setuid binaries.',
      insecure: '"no-new-privileges": false lets container processes gain privileges through setuid binaries.',
      fixTitle: 'Set `"no-new-privileges": true`',
      safe: false,
    });
  },
});
