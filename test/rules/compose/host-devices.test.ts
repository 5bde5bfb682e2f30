import rule from '../../../rules/compose/host-devices';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [{ code: 'services:\n  app:\n    image: x:1\n    devices: []\n    device_cgroup_rules: ["c 1:3 r"]\n' }],
  invalid: [
    {
      name: 'short and long device syntax, and an allow-all cgroup rule',
      code: 'services:\n  app:\n    image: x:1\n    devices:\n      - /dev/sda:/dev/sda:rwm # disk\n      - source: /dev/fuse\n        target: /dev/fuse\n    device_cgroup_rules: ["a *:* rwm", "c 1:3 mr"]\n',
      errors: [
        { line: 5, column: 9, message: 'Service "app" gets direct access to the host device /dev/sda.' },
        { line: 6, column: 9, message: /\/dev\/fuse/ },
        { line: 8, column: 27, message: /every host device \("a \*:\* rwm"\)/ },
      ],
    },
  ],
});
