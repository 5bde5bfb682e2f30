import rule from '../../../rules/compose/cpu-limit';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  app:\n    image: x:1\n    cpu_shares: 512\n' },
    { code: 'services:\n  app:\n    image: x:1\n    deploy:\n      resources:\n        limits: { cpus: "2" }\n' },
  ],
  invalid: [
    {
      name: 'block style with comments; cpu_quota alone does not count',
      code: 'services:\n  app:\n    # worker\n    image: x:1\n    cpu_quota: 50000\n',
      errors: [{ line: 2, column: 3, message: 'Service "app" has no CPU limit in this file, so it can starve other services of CPU time.' }],
      output: 'services:\n  app:\n    # worker\n    image: x:1\n    cpu_quota: 50000\n    cpus: 1.0\n',
    },
    {
      name: 'flow style and the deploy spelling',
      code: 'services:\n  a: { image: x:1 }\n  b:\n    image: x:1\n    deploy:\n      resources:\n        limits: { memory: 1G }\n',
      errors: [{ line: 2, column: 3 }, { line: 7, column: 9 }],
      output: 'services:\n  a: { image: x:1, cpus: 1.0 }\n  b:\n    image: x:1\n    deploy:\n      resources:\n        limits: { memory: 1G, cpus: "1.0" }\n',
    },
    {
      name: 'anchored service',
      code: 'services:\n  a: &a\n    image: x:1\n',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\n  a: &a\n    image: x:1\n    cpus: 1.0\n',
    },
  ],
});
