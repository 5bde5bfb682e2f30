import rule from '../../../rules/compose/no-host-pid';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  app:\n    image: x:1\n' },
    { code: 'services:\n  app:\n    image: x:1\n    pid: service:db\n' },
    { name: 'an unknown variable is not guessed', code: 'services:\n  app:\n    image: x:1\n    pid: ${MODE}\n' },
  ],
  invalid: [
    {
      name: 'block style with comments',
      code: 'services:\n  app:\n    image: x:1 # pinned\n    # why:\n    pid: host # legacy\n    read_only: true\n',
      errors: [{ line: 5, column: 10, message: /^Service "app" shares the host PID namespace/ }],
      output: 'services:\n  app:\n    image: x:1 # pinned\n    # why:\n    read_only: true\n',
    },
    {
      name: 'flow style',
      code: 'services:\n  app: { image: x:1, pid: host }\n',
      errors: [{ line: 2, column: 27 }],
      output: 'services:\n  app: { image: x:1 }\n',
    },
    {
      name: 'anchored service: the fix edits the anchor, the alias follows',
      code: 'services:\n  app: &app\n    image: x:1\n    pid: "HOST"\n  copy: *app\n',
      errors: [{ line: 4, column: 10 }, { line: 5, column: 3, message: /inherited from anchor "app"/ }],
      output: 'services:\n  app: &app\n    image: x:1\n  copy: *app\n',
    },
  ],
});
