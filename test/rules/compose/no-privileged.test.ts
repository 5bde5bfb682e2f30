import rule from '../../../rules/compose/no-privileged';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: false\n' },
    { name: 'an unset variable is unknown, not guessed', code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: ${PRIV}\n' },
    { name: '!reset removes an inherited value', code: 'x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n    privileged: !reset null\n' },
  ],
  invalid: [
    {
      name: 'block style: the pair is removed, comments stay',
      code: 'services:\n  web:\n    # the web tier\n    image: nginx:1.27\n    privileged: true  # needed?\n    read_only: true\n',
      errors: [{ line: 5, column: 17, message: 'Service "web" runs privileged, so a compromise of the container is root on the host.' }],
      output: 'services:\n  web:\n    # the web tier\n    image: nginx:1.27\n    read_only: true\n',
    },
    {
      name: 'flow style',
      code: 'services:\n  web: { image: nginx:1.27, privileged: true, read_only: true }\n',
      errors: [{ line: 2, column: 41 }],
      output: 'services:\n  web: { image: nginx:1.27, read_only: true }\n',
    },
    {
      name: 'strings and defaults count: "true" and ${PRIV:-true}',
      code: 'services:\n  a:\n    image: x:1\n    privileged: "true"\n  b:\n    image: x:1\n    privileged: ${PRIV:-true}\n',
      errors: [{ line: 4, column: 17 }, { line: 7, column: 17 }],
      output: 'services:\n  a:\n    image: x:1\n  b:\n    image: x:1\n',
    },
    {
      name: 'inherited through a merge key: points at the service, names the anchor, no fix',
      code: 'x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n',
      errors: [{ line: 4, column: 3, message: 'Service "web" runs privileged (inherited from anchor "base"), so a compromise of the container is root on the host.' }],
      output: null,
    },
    {
      name: 'anchored service and extends',
      code: 'services:\n  base: &base\n    image: x:1\n    privileged: yes\n  worker:\n    extends: base\n',
      errors: [{ line: 4, column: 17 }, { line: 5, column: 3, message: /inherited from service "base" \(extends\)/ }],
      output: 'services:\n  base: &base\n    image: x:1\n  worker:\n    extends: base\n',
    },
    {
      name: 'build.privileged and the security.insecure entitlement',
      code: 'services:\n  app:\n    build:\n      context: .\n      privileged: true\n      entitlements: [security.insecure]\n',
      errors: [{ line: 5, column: 19 }, { line: 6, column: 22 }],
    },
  ],
});
