import rule from '../../../rules/compose/healthcheck';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'a missing healthcheck is unknown: the image may define one', code: 'services:\n  app:\n    image: x:1\n' },
    { code: 'services:\n  app:\n    image: x:1\n    healthcheck:\n      test: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]\n' },
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: x:1\n    healthcheck:\n      disable: true # flaky\n  b:\n    image: x:1\n    healthcheck: { test: ["NONE"] }\n  c:\n    image: x:1\n    healthcheck:\n      test: NONE\n',
      errors: [
        { line: 5, column: 16, message: 'Service "a" disables its health check, so a hung service is never noticed.' },
        { line: 8, column: 26 },
        { line: 12, column: 13 },
      ],
    },
  ],
});
