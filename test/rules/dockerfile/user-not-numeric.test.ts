import rule from '../../../rules/dockerfile/user-not-numeric';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM alpine:3.20\nUSER 10001:10001\n' },
    { name: 'root is dockerfile/no-root-user’s concern', code: 'FROM alpine:3.20\nUSER root\n' },
    { name: 'a named user in a builder stage does not count', code: 'FROM alpine:3.20 AS build\nUSER builder\nFROM alpine:3.20\nUSER 10001\n' },
  ],
  invalid: [
    {
      name: 'the UID this Dockerfile creates is suggested',
      code: 'FROM alpine:3.20\nRUN addgroup -S -g 10001 app \\\n && adduser -S -u 10001 -G app app\nUSER app:app\nCMD ["app"]\n',
      errors: [{ line: 4, column: 6, endColumn: 13, message: 'The final USER "app" is a name, not a UID, so Kubernetes runAsNonRoot cannot verify that it is not root.' }],
      output: 'FROM alpine:3.20\nRUN addgroup -S -g 10001 app \\\n && adduser -S -u 10001 -G app app\nUSER 10001:10001\nCMD ["app"]\n',
    },
    {
      name: 'without a known UID there is no fix',
      code: 'FROM node:20\nUSER node\n',
      errors: [{ line: 2, column: 6 }],
      output: null,
    },
  ],
});
