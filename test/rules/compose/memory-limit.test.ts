import rule from '../../../rules/compose/memory-limit';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  app:\n    image: x:1\n    mem_limit: 256m\n' },
    { code: 'services:\n  app:\n    image: x:1\n    deploy: { resources: { limits: { memory: 1G } } }\n' },
    { name: 'a limit from a variable is unknown, not missing', code: 'services:\n  app:\n    image: x:1\n    mem_limit: ${MEM}\n' },
    { name: 'inherited through a merge key', code: 'x-lim: &lim\n  mem_limit: 1g\nservices:\n  app:\n    <<: *lim\n    image: x:1\n' },
  ],
  invalid: [
    {
      name: 'block style with comments: mem_limit added',
      code: 'services:\n  app:\n    image: x:1 # pinned\n    mem_reservation: 128m # not a limit\n',
      errors: [{ line: 2, column: 3, message: 'Service "app" has no memory limit in this file, so it can exhaust host memory.' }],
      output: 'services:\n  app:\n    image: x:1 # pinned\n    mem_reservation: 128m # not a limit\n    mem_limit: 512m\n',
    },
    {
      name: 'the deploy spelling is kept when the service uses it',
      code: 'services:\n  app:\n    image: x:1\n    deploy:\n      resources:\n        limits:\n          cpus: "0.5"\n',
      errors: [{ line: 6, column: 9 }],
      output: 'services:\n  app:\n    image: x:1\n    deploy:\n      resources:\n        limits:\n          cpus: "0.5"\n          memory: 512M\n',
    },
    {
      name: 'flow style, and oom_kill_disable without a limit',
      code: 'services:\n  app: { image: x:1, oom_kill_disable: true }\n',
      errors: [{ line: 2, column: 3, message: /with oom_kill_disable it can hang the host\.$/ }],
      output: 'services:\n  app: { image: x:1, oom_kill_disable: true, mem_limit: 512m }\n',
    },
    {
      name: 'anchored service; a zero limit is no limit',
      code: 'services:\n  app: &app\n    image: x:1\n  b:\n    image: x:1\n    mem_limit: "0"\n',
      errors: [{ line: 2, column: 3 }, { line: 6, column: 16, message: /to 0 \(unlimited\)/ }],
      output: 'services:\n  app: &app\n    image: x:1\n    mem_limit: 512m\n  b:\n    image: x:1\n    mem_limit: "0"\n',
    },
  ],
});
