import rule from '../../../rules/compose/conflicting-limits';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'equal values in both spellings are fine', code: 'services:\n  app:\n    image: x:1\n    mem_limit: 1g\n    cpus: 1\n    deploy:\n      resources:\n        limits: { memory: 1024M, cpus: "1.0" }\n' },
    { name: 'unknown values are not compared', code: 'services:\n  app:\n    image: x:1\n    mem_limit: ${MEM}\n    deploy: { resources: { limits: { memory: 1G } } }\n' },
  ],
  invalid: [
    {
      code: 'services:\n  app:\n    image: x:1\n    mem_limit: 1g\n    pids_limit: 100\n    scale: 2\n    deploy:\n      replicas: 3\n      resources:\n        limits:\n          memory: 512M\n          pids: 50\n',
      errors: [
        { line: 8, column: 17, message: /scale \(2\) and deploy\.replicas \(3\)/ },
        { line: 11, column: 19, message: 'Service "app" sets mem_limit (1g) and deploy.resources.limits.memory (512M) to different values; docker compose refuses to load the file.' },
        { line: 12, column: 17, message: /pids_limit/ },
      ],
    },
  ],
});
