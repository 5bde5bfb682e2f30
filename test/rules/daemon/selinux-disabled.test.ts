import rule from '../../../rules/daemon/selinux-disabled';
import { testDaemonRule } from '../../helpers/daemon';

testDaemonRule(rule, {
  valid: [{ code: '{\n  "selinux-enabled": true\n}\n' }, { name: 'Windows', code: '{ "exec-opts": ["isolation=process"] }' }],
  invalid: [
    {
      code: '{\n  "selinux-enabled": false\n}\n',
      errors: [{ line: 2, column: 22, message: '"selinux-enabled": false runs containers without SELinux confinement on an SELinux host.', severity: 'info' }],
      output: '{\n  "selinux-enabled": true\n}\n',
    },
    {
      code: '{\n  "storage-driver": "overlay2"\n}\n',
      errors: [{ line: 1, column: 1, message: '"selinux-enabled" is not set in daemon.json (it may be set on the command line), so on an SELinux host containers run without SELinux confinement.' }],
      output: '{\n  "storage-driver": "overlay2",\n  "selinux-enabled": true\n}\n',
    },
  ],
});
