import rule from '../../../rules/compose/restart-policy';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  a:\n    image: x:1\n    restart: "no"\n  b:\n    image: x:1\n    restart: on-failure:3\n  c:\n    image: x:1\n    deploy:\n      restart_policy: { condition: on-failure, max_attempts: 5 }\n' },
  ],
  invalid: [
    {
      name: 'block style with comments',
      code: 'services:\n  app:\n    image: x:1\n    restart: always # keep it up\n',
      errors: [{ line: 4, column: 14, message: 'Service "app" restarts without limit ("always"), so a crash loop keeps consuming the host.' }],
      output: 'services:\n  app:\n    image: x:1\n    restart: "on-failure:5" # keep it up\n',
    },
    {
      name: 'flow style; on-failure without a count and with too many',
      code: 'services:\n  a: { image: x:1, restart: on-failure }\n  b: { image: x:1, restart: "on-failure:10" }\n',
      errors: [{ line: 2, column: 29 }, { line: 3, column: 29, message: /up to 10 times/ }],
      output: 'services:\n  a: { image: x:1, restart: "on-failure:5" }\n  b: { image: x:1, restart: "on-failure:5" }\n',
    },
    {
      name: 'anchored service; swarm restart_policy without max_attempts',
      code: 'services:\n  a: &a\n    image: x:1\n    restart: unless-stopped\n  b:\n    image: x:1\n    deploy:\n      restart_policy:\n        condition: any\n',
      errors: [{ line: 4, column: 14 }, { line: 9, column: 9, message: /without max_attempts/ }],
      output: 'services:\n  a: &a\n    image: x:1\n    restart: "on-failure:5"\n  b:\n    image: x:1\n    deploy:\n      restart_policy:\n        condition: any\n',
    },
  ],
});
