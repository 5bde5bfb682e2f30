import rule from '../../../rules/compose/no-root-user';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [{ code: 'services:\n  a:\n    image: x:1\n    user: "10001:10001"\n  b:\n    image: x:1\n    user: ${UID}\n' }],
  invalid: [
    {
      name: 'block style with comments, several spellings of root',
      code: 'services:\n  a:\n    image: x:1\n    user: root # admin tasks\n  b:\n    image: x:1\n    user: "0:1000"\n  c:\n    image: x:1\n    user: 0\n',
      errors: [{ line: 4, column: 11, message: 'Service "a" runs as root (user "root"), so a compromise has root\'s rights in the container.' }, { line: 7, column: 11 }, { line: 10, column: 11 }],
      output: 'services:\n  a:\n    image: x:1\n    user: "10001:10001" # admin tasks\n  b:\n    image: x:1\n    user: "10001:10001"\n  c:\n    image: x:1\n    user: "10001:10001"\n',
    },
    {
      name: 'flow style; a root group only is reported without a fix',
      code: 'services:\n  a: { image: x:1, user: "0:0" }\n  b: { image: x:1, user: "1000:0" }\n',
      errors: [{ line: 2, column: 26 }, { line: 3, column: 26, message: /root group/ }],
      output: 'services:\n  a: { image: x:1, user: "10001:10001" }\n  b: { image: x:1, user: "1000:0" }\n',
    },
    {
      name: 'anchored service, inherited through the alias',
      code: 'services:\n  a: &a\n    image: x:1\n    user: root\n  b: *a\n',
      errors: [{ line: 4, column: 11 }, { line: 5, column: 3, message: /inherited from anchor "a"/ }],
      output: 'services:\n  a: &a\n    image: x:1\n    user: "10001:10001"\n  b: *a\n',
    },
  ],
});
