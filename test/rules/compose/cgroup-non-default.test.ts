import rule from '../../../rules/compose/cgroup-non-default';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [{ code: 'services:\n  app:\n    image: x:1\n    cgroup: private\n' }],
  invalid: [
    {
      code: 'services:\n  app:\n    image: x:1\n    cgroup_parent: m-executor-abcd # batch\n  b: { image: x:1, cgroup: host }\n',
      errors: [{ line: 4, column: 20, message: 'Service "app" runs under the custom cgroup parent "m-executor-abcd", outside the limits Docker manages.' }, { line: 5, column: 28, message: /host cgroup namespace/ }],
    },
  ],
});
