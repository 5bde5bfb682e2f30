import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../../rules/compose/no-new-privileges';
import { lint } from '../../../rules/registry-lint';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  app:\n    image: x:1\n    security_opt:\n      - no-new-privileges\n' },
    { code: 'services:\n  app:\n    image: x:1\n    security_opt: ["no-new-privileges=true"]\n' },
    { name: 'inherited through a merge key', code: 'x-sec: &sec\n  security_opt: [no-new-privileges:true]\nservices:\n  app:\n    <<: *sec\n    image: x:1\n' },
  ],
  invalid: [
    {
      name: 'block style with comments: a new key at the end',
      code: 'services:\n  app:\n    image: x:1 # pinned\n    # no options yet\n    read_only: true\n',
      errors: [{ line: 2, column: 3, message: "Service \"app\" does not set no-new-privileges in this file, so setuid binaries can raise a process's privileges." }],
      output: 'services:\n  app:\n    image: x:1 # pinned\n    # no options yet\n    read_only: true\n    security_opt: [no-new-privileges:true]\n',
    },
    {
      name: 'an existing list is extended, block and flow',
      code: 'services:\n  a:\n    image: x:1\n    security_opt:\n      - label=type:svirt_apache_t\n  b: { image: x:1, security_opt: [apparmor=web] }\n',
      errors: [{ line: 5, column: 7 }, { line: 6, column: 34 }],
      output: 'services:\n  a:\n    image: x:1\n    security_opt:\n      - label=type:svirt_apache_t\n      - no-new-privileges:true\n  b: { image: x:1, security_opt: [apparmor=web, no-new-privileges:true] }\n',
    },
    {
      name: 'set to false: reported on the entry, no fix',
      code: 'services:\n  app:\n    image: x:1\n    security_opt: ["no-new-privileges:false"]\n',
      errors: [{ line: 4, column: 20, message: /turns no-new-privileges off/ }],
    },
    {
      name: 'anchored service',
      code: 'services:\n  app: &app\n    image: x:1\n',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\n  app: &app\n    image: x:1\n    security_opt: [no-new-privileges:true]\n',
    },
  ],
});

it('compose/no-new-privileges drops to info when the workspace daemon.json sets it', () => {
  const code = 'services:\n  app:\n    image: x:1\n';
  const severity = (workspace = {}) => lint(code, 'compose.yaml', { workspace }).find((finding) => finding.ruleId === rule.meta.id)?.severity;
  assert.equal(severity(), 'warning');
  assert.equal(severity({ daemonNoNewPrivileges: true }), 'info');
});
