import rule from '../../../rules/daemon/iptables-disabled';
import { testDaemonRule } from '../../helpers/daemon';

testDaemonRule(rule, {
  valid: [
    { code: '{\n  "iptables": true\n}\n' },
    { name: 'ip6tables off matters only with IPv6 on', code: '{ "ip6tables": false }' },
    { code: '{ "ip-forward-no-drop": false }' },
  ],
  invalid: [
    {
      code: '{\n  "icc": false,\n  "iptables": false\n}\n',
      errors: [{ line: 3, column: 15, endColumn: 20, message: '"iptables": false stops dockerd from writing the firewall rules that isolate container networks.', severity: 'warning' }],
      output: '{\n  "icc": false\n}\n',
    },
    {
      code: '{\n  "ipv6": true,\n  "ip6tables": false,\n  "fixed-cidr-v6": "fd00::/80"\n}\n',
      errors: [{ line: 3, column: 16, message: '"ip6tables": false with IPv6 on leaves container networks unfiltered over IPv6.' }],
      output: '{\n  "ipv6": true,\n  "fixed-cidr-v6": "fd00::/80"\n}\n',
    },
    {
      name: 'the only key: the object is left empty',
      code: '{\n  "ip-forward-no-drop": true\n}\n',
      errors: [{ line: 2, column: 25, message: '"ip-forward-no-drop": true keeps the host forwarding traffic between networks without a DROP policy.' }],
      output: '{}\n',
    },
  ],
});
