import rule from '../../../rules/compose/privileged-host-port';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [{ name: 'only the host side counts', code: 'services:\n  web:\n    image: x:1\n    ports:\n      - "8080:80"\n      - "443"\n      - target: 22\n        published: "2222"\n' }],
  invalid: [
    {
      code: 'services:\n  web:\n    image: x:1\n    ports:\n      - "80:8080" # http\n      - 127.0.0.1:443:8443/tcp\n      - "[::1]:53:5353/udp"\n      - "20-21:20-21"\n      - { target: 80, published: 80 }\n',
      errors: [
        { line: 5, column: 9, message: 'Service "web" publishes the privileged host port 80, where clients expect a trusted system service.' },
        { line: 6, column: 9 },
        { line: 7, column: 9 },
        { line: 8, column: 9, message: /port 20-21/ },
        { line: 9, column: 9 },
      ],
    },
  ],
});
