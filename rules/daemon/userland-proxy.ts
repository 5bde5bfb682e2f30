import { defineRule } from '../engine/rule';
import { checkBooleanSetting, cisDocker } from '../models/daemon-checks';

export default defineRule({
  meta: {
    id: 'daemon/userland-proxy',
    kind: 'daemon',
    title: 'Disable the userland proxy',
    stride: 'elevation-of-privilege',
    severity: 'info',
    fix: 'suggest',
    description:
      'With `userland-proxy` at its default (true), dockerd starts a `docker-proxy` process for every published port; hairpin NAT in the kernel does the same job with less code running as root and a smaller attack surface. A finding about a key that is not set sits on the top-level object\'s opening brace (`--userland-proxy=false` on the command line is equivalent). Linux only: the key is invalid on Windows, so a file that shows a Windows daemon is not checked.',
    remediation: 'Set `"userland-proxy": false` (`--userland-proxy=false`); the kernel must support hairpin NAT.',
    references: cisDocker('2.16', '2.14'),
    examples: {
      invalid: [{ code: '{\n  "userland-proxy": true\n}\n' }],
      valid: [{ code: '{\n  "userland-proxy": false\n}\n' }],
    },
  },
  check(context) {
    checkBooleanSetting(context, {
      key: 'userland-proxy',
      secure: false,
      linuxOnly: true,
      absent: '"userland-proxy" is not set in daemon.json (it may be set on the command line), so a root docker-proxy process serves every published port.',
      insecure: '"userland-proxy": true runs a root docker-proxy process for every published port.',
      fixTitle: 'Set `"userland-proxy": false`',
      safe: false,
    });
  },
});
