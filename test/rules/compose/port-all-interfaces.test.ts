import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../../rules/compose/port-all-interfaces';
import { lint } from '../../../rules/registry-lint';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  app:\n    image: x:1\n    ports:\n      - "127.0.0.1:8080:80"\n      - "[::1]:9090:90"\n      - target: 80\n        host_ip: 10.0.0.5\n        published: 8081\n    expose: ["3000"]\n' },
    { name: 'an unknown host address is not guessed', code: 'services:\n  app:\n    image: x:1\n    ports: ["${BIND}:8080:80"]\n' },
  ],
  invalid: [
    {
      name: 'short syntax in its forms, block style with a comment',
      code: 'services:\n  app:\n    image: x:1\n    ports:\n      - "8080:80" # web\n      - 9000:9000\n      - 3000\n      - "0.0.0.0:5432:5432"\n      - "[::]:7000:7000"\n',
      errors: [
        { line: 5, column: 9, message: 'Service "app" publishes host port 8080 on every host interface, so it is reachable from the network.' },
        { line: 6, column: 9 },
        { line: 7, column: 9, message: /a random host port for 3000/ },
        { line: 8, column: 9 },
        { line: 9, column: 9 },
      ],
      output: 'services:\n  app:\n    image: x:1\n    ports:\n      - "127.0.0.1:8080:80" # web\n      - 127.0.0.1:9000:9000\n      - "127.0.0.1::3000"\n      - "0.0.0.0:5432:5432"\n      - "[::]:7000:7000"\n',
    },
    {
      name: 'flow style and the long syntax',
      code: 'services:\n  app: { image: x:1, ports: ["8080:80", { target: 443, published: 8443 }] }\n',
      errors: [{ line: 2, column: 30 }, { line: 2, column: 41 }],
      output: 'services:\n  app: { image: x:1, ports: ["127.0.0.1:8080:80", { target: 443, published: 8443, host_ip: 127.0.0.1 }] }\n',
    },
    {
      name: 'anchored service with a commented port list',
      code: 'services:\n  app: &app\n    image: x:1\n    ports:\n      # admin\n      - "9000:9000"\n',
      errors: [{ line: 6, column: 9 }],
      output: 'services:\n  app: &app\n    image: x:1\n    ports:\n      # admin\n      - "127.0.0.1:9000:9000"\n',
    },
    {
      name: 'inherited from an anchor: reported on the alias, no fix',
      code: 'x-ports: &ports\n  - "80:80"\nservices:\n  app:\n    image: x:1\n    ports: *ports\n',
      errors: [{ line: 6, column: 12, message: /inherited from anchor "ports"/ }],
      output: null,
    },
  ],
});

it('compose/port-all-interfaces is silent when the workspace daemon binds ports to one address', () => {
  const code = 'services:\n  app:\n    image: x:1\n    ports: ["8080:80"]\n';
  const count = (workspace = {}) => lint(code, 'compose.yaml', { workspace }).filter((finding) => finding.ruleId === rule.meta.id).length;
  assert.equal(count(), 1);
  assert.equal(count({ daemonDefaultBindIp: '127.0.0.1' }), 0);
  assert.equal(count({ daemonDefaultBindIp: '0.0.0.0' }), 1);
});
