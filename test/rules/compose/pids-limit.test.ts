import rule from '../../../rules/compose/pids-limit';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  app:\n    image: x:1\n    pids_limit: 100\n' },
    { code: 'services:\n  app:\n    image: x:1\n    deploy: { resources: { limits: { pids: 50 } } }\n' },
  ],
  invalid: [
    {
      name: 'block style with comments',
      code: 'services:\n  app:\n    image: x:1 # pinned\n',
      errors: [{ line: 2, column: 3, message: "Service \"app\" has no PIDs limit in this file, so a fork bomb can exhaust the host's process table." }],
      output: 'services:\n  app:\n    image: x:1 # pinned\n    pids_limit: 200\n',
    },
    {
      name: 'flow style and an unlimited value',
      code: 'services:\n  a: { image: x:1 }\n  b:\n    image: x:1\n    pids_limit: -1\n',
      errors: [{ line: 2, column: 3 }, { line: 5, column: 17, message: /unlimited PIDs limit \(-1\)/ }],
      output: 'services:\n  a: { image: x:1, pids_limit: 200 }\n  b:\n    image: x:1\n    pids_limit: -1\n',
    },
    {
      name: 'anchored service in the deploy spelling',
      code: 'services:\n  a: &a\n    image: x:1\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n',
      errors: [{ line: 6, column: 9 }],
      output: 'services:\n  a: &a\n    image: x:1\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n          pids: 200\n',
    },
  ],
});
