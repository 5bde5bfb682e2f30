import rule from '../../../rules/compose/read-only-rootfs';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  app:\n    image: x:1\n    read_only: "true"\n' },
    { code: 'services:\n  app:\n    image: x:1\n    read_only: ${RO}\n' },
  ],
  invalid: [
    {
      name: 'block style with comments',
      code: 'services:\n  app:\n    image: x:1\n    # writes to /var/cache\n',
      errors: [{ line: 2, column: 3, message: 'Service "app" has a writable root file system (no `read_only: true` in this file), so an intruder can change its binaries.' }],
      output: 'services:\n  app:\n    image: x:1\n    read_only: true\n    # writes to /var/cache\n',
    },
    {
      name: 'flow style, and false turned true in place',
      code: 'services:\n  a: { image: x:1 }\n  b:\n    read_only: false # for now\n    image: x:1\n',
      errors: [{ line: 2, column: 3 }, { line: 4, column: 16 }],
      output: 'services:\n  a: { image: x:1, read_only: true }\n  b:\n    read_only: true # for now\n    image: x:1\n',
    },
    {
      name: 'anchored service',
      code: 'services:\n  a: &a\n    image: x:1\n',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\n  a: &a\n    image: x:1\n    read_only: true\n',
    },
  ],
});
