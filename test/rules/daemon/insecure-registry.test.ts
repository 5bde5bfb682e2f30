import rule from '../../../rules/daemon/insecure-registry';
import { testDaemonRule } from '../../helpers/daemon';

testDaemonRule(rule, {
  valid: [{ code: '{\n  "insecure-registries": [],\n  "registry-mirrors": ["https://mirror.gcr.io"]\n}\n' }, { code: '{}' }],
  invalid: [
    {
      code: '{\n  "insecure-registries": [\n    "registry.local:5000",\n    "10.0.0.0/8"\n  ]\n}\n',
      errors: [
        { line: 3, column: 5, endColumn: 26, message: 'Registry "registry.local:5000" is reached without TLS verification, so images pulled from it can be replaced in transit.', severity: 'warning' },
        { line: 4, column: 5, message: 'Registry "10.0.0.0/8" is reached without TLS verification, so images pulled from it can be replaced in transit.' },
      ],
    },
    {
      code: '{ "registry-mirrors": ["https://mirror.gcr.io", "HTTP://mirror.local"] }',
      errors: [{ line: 1, column: 49, message: 'Mirror "HTTP://mirror.local" is plain HTTP, so every image pulled through it can be replaced in transit.' }],
    },
  ],
});
