import rule from '../../../rules/compose/no-host-userns';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  app:\n    image: x:1\n' },
    { code: 'services:\n  app:\n    image: x:1\n    userns_mode: ""\n' },
    { name: 'an unknown variable is not guessed', code: 'services:\n  app:\n    image: x:1\n    userns_mode: ${MODE}\n' },
  ],
  invalid: [
    {
      code: 'services:\n  app:\n    image: x:1 # pinned\n    userns_mode: host\n',
      errors: [{ line: 4, column: 18, message: /^Service "app" uses the host user namespace/ }],
    },
    {
      name: 'flow style, quoted, and inherited through a merge key',
      code: 'x-ns: &ns\n  userns_mode: "host"\nservices:\n  app: { image: x:1, userns_mode: \'host\' }\n  other:\n    <<: *ns\n',
      errors: [{ line: 4, column: 35 }, { line: 5, column: 3, message: /inherited from anchor "ns"/ }],
    },
  ],
});
