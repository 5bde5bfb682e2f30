import rule from '../../../rules/compose/dangerous-capability';
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { lint } from '../../../rules/registry-lint';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  app:\n    image: x:1\n    cap_add: [NET_BIND_SERVICE, CHOWN]\n' },
    { name: 'cap_drop is not cap_add', code: 'services:\n  app:\n    image: x:1\n    cap_drop: [SYS_ADMIN]\n' },
  ],
  invalid: [
    {
      name: 'names are case-insensitive, with or without CAP_',
      code: 'services:\n  app:\n    image: x:1\n    cap_add:\n      - cap_sys_admin # for fuse\n      - ALL\n',
      errors: [
        { line: 5, column: 9, message: 'Service "app" adds SYS_ADMIN, which is close to full root on the host; a compromised process can escape the container.' },
        { line: 6, column: 9 },
      ],
    },
    {
      name: 'NET_RAW (spoofing) and caps outside the default set are warnings',
      code: 'services:\n  app: { image: x:1, cap_add: [NET_RAW, NET_ADMIN] }\n',
      errors: [
        { line: 2, column: 32, message: /NET_RAW.*spoof/ },
        { line: 2, column: 41, message: /NET_ADMIN, a capability outside Docker's default set/ },
      ],
    },
    {
      name: 'inherited through extends',
      code: 'services:\n  base:\n    image: x:1\n    cap_add: [SYS_PTRACE]\n  debug:\n    extends: { service: base }\n',
      errors: [{ line: 4, column: 15 }, { line: 5, column: 3, message: /inherited from service "base" \(extends\)/ }],
    },
  ],
});

it('compose/dangerous-capability: near-root capabilities are errors, others warnings (default configuration)', () => {
  const findings = lint('services:\n  app:\n    image: x:1\n    cap_add: [SYS_ADMIN, NET_RAW, SYS_TIME, CHOWN]\n', 'compose.yaml').filter((finding) => finding.ruleId === rule.meta.id);
  assert.deepEqual(findings.map((finding) => finding.severity), ['error', 'warning', 'warning']);
});
