import rule from '../../../rules/compose/no-host-uts';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  app:\n    image: x:1\n' },
    { code: 'services:\n  app:\n    image: x:1\n    uts: ""\n' },
    { name: 'an unknown variable is not guessed', code: 'services:\n  app:\n    image: x:1\n    uts: ${MODE}\n' },
  ],
  invalid: [
    {
      code: 'services:\n  app:\n    image: x:1 # pinned\n    uts: host\n',
      errors: [{ line: 4, column: 10, message: /^Service "app" shares the host UTS namespace/ }],
    },
    {
      name: 'flow style, quoted, and inherited through a merge key',
      code: 'x-ns: &ns\n  uts: "host"\nservices:\n  app: { image: x:1, uts: \'host\' }\n  other:\n    <<: *ns\n',
      errors: [{ line: 4, column: 27 }, { line: 5, column: 3, message: /inherited from anchor "ns"/ }],
    },
  ],
});
