import rule from '../../../rules/compose/default-bridge';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  app:\n    image: x:1\n' },
    { code: 'services:\n  app:\n    image: x:1\n    network_mode: none\n' },
    { name: 'an unknown variable is not guessed', code: 'services:\n  app:\n    image: x:1\n    network_mode: ${MODE}\n' },
  ],
  invalid: [
    {
      name: 'block style with comments',
      code: 'services:\n  app:\n    image: x:1 # pinned\n    # why:\n    network_mode: bridge # legacy\n    read_only: true\n',
      errors: [{ line: 5, column: 19, message: /^Service "app" is attached to the default bridge/ }],
      output: 'services:\n  app:\n    image: x:1 # pinned\n    # why:\n    read_only: true\n',
    },
    {
      name: 'flow style',
      code: 'services:\n  app: { image: x:1, network_mode: bridge }\n',
      errors: [{ line: 2, column: 36 }],
      output: 'services:\n  app: { image: x:1 }\n',
    },
    {
      name: 'anchored service: the fix edits the anchor, the alias follows',
      code: 'services:\n  app: &app\n    image: x:1\n    network_mode: "BRIDGE"\n  copy: *app\n',
      errors: [{ line: 4, column: 19 }, { line: 5, column: 3, message: /inherited from anchor "app"/ }],
      output: 'services:\n  app: &app\n    image: x:1\n  copy: *app\n',
    },
  ],
});
