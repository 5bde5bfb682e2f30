import { defineRule } from '../engine/rule';
import { checkBooleanSetting, cisDocker } from '../models/daemon-checks';

export default defineRule({
  meta: {
    id: 'daemon/selinux-disabled',
    kind: 'daemon',
    title: 'Enable SELinux support on SELinux hosts',
    stride: 'elevation-of-privilege',
    severity: 'info',
    fix: 'suggest',
    description:
      'Without `"selinux-enabled": true` dockerd does not label containers, so on an SELinux host the mandatory access control that would confine a container breakout is not applied (a prerequisite of CIS Docker 5.3 in v1.6.0 numbering). It only matters on SELinux hosts (Fedora, RHEL and relatives); turn the rule off for others. A finding about a key that is not set sits on the top-level object\'s opening brace. Linux only: the key is invalid on Windows, so a file that shows a Windows daemon is not checked.',
    remediation: 'On SELinux hosts set `"selinux-enabled": true` (`--selinux-enabled`); elsewhere set `rules: { daemon/selinux-disabled: off }` in `.stridelint.yaml`.',
    references: cisDocker('5.3', '5.2', 'prerequisite'),
    examples: {
      invalid: [{ code: '{\n  "selinux-enabled": false\n}\n' }],
      valid: [{ code: '{\n  "selinux-enabled": true\n}\n' }],
    },
  },
  check(context) {
    checkBooleanSetting(context, {
      key: 'selinux-enabled',
      secure: true,
      linuxOnly: true,
      absent: '"selinux-enabled" is not set in daemon.json (it may be set on the command line), so on an SELinux host containers run without SELinux confinement.',
      insecure: '"selinux-enabled": false runs containers without SELinux confinement on an SELinux host.',
      fixTitle: 'Set `"selinux-enabled": true`',
      safe: false,
    });
  },
});
