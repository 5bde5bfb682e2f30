import rule from '../../../rules/compose/cap-drop-all';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  app:\n    image: x:1\n    cap_drop: [all]\n' },
    { code: 'services:\n  app:\n    image: x:1\n    cap_drop:\n      - CAP_ALL\n' },
    { name: 'inherited ALL counts', code: 'x-hard: &hard\n  cap_drop: [ALL]\nservices:\n  app:\n    <<: *hard\n    image: x:1\n' },
  ],
  invalid: [
    {
      name: 'block style with a comment: the key is added at the end, same indentation',
      code: 'services:\n  app:\n    image: x:1 # pinned\n    ports:\n      - "8080:80"\n  # next\n  db:\n      image: y:2\n',
      errors: [
        { line: 2, column: 3, message: "Service \"app\" keeps Docker's default capabilities (no `cap_drop: [ALL]` in this file), including NET_RAW for packet spoofing." },
        { line: 7, column: 3 },
      ],
      output: 'services:\n  app:\n    image: x:1 # pinned\n    ports:\n      - "8080:80"\n    cap_drop: [ALL]\n  # next\n  db:\n      image: y:2\n      cap_drop: [ALL]\n',
    },
    {
      name: 'flow style',
      code: 'services:\n  app: { image: x:1 }\n',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\n  app: { image: x:1, cap_drop: [ALL] }\n',
    },
    {
      name: 'a partial drop list gains ALL, block and flow',
      code: 'services:\n  a:\n    image: x:1\n    cap_drop:\n      - NET_RAW\n  b:\n    image: x:1\n    cap_drop: [NET_RAW]\n',
      errors: [{ line: 5, column: 7 }, { line: 8, column: 15 }],
      output: 'services:\n  a:\n    image: x:1\n    cap_drop:\n      - NET_RAW\n      - ALL\n  b:\n    image: x:1\n    cap_drop: [NET_RAW, ALL]\n',
    },
    {
      name: 'anchored service with a merge key: the key goes into the service, not the anchor',
      code: 'x-base: &base\n  image: x:1\nservices:\n  app: &app\n    <<: *base\n    read_only: true\n',
      errors: [{ line: 4, column: 3 }],
      output: 'x-base: &base\n  image: x:1\nservices:\n  app: &app\n    <<: *base\n    read_only: true\n    cap_drop: [ALL]\n',
    },
  ],
});
