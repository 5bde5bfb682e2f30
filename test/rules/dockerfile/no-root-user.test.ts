import rule from '../../../rules/dockerfile/no-root-user';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM debian:12\nUSER 10001:10001\nCMD ["app"]\n' },
    { name: 'a root builder stage is not a finding', code: 'FROM debian:12 AS build\nUSER root\nRUN make\n\nFROM debian:12\nUSER app\nCMD ["app"]\n' },
    { name: 'the group does not make a user root: 1000:0', code: 'FROM debian:12\nUSER 1000:0\n' },
    { name: 'an unresolvable variable is not guessed', code: 'FROM debian:12\nARG RUN_AS\nUSER $RUN_AS\n' },
    { name: 'root, then a non-root user last', code: 'FROM debian:12\nUSER root\nRUN apt-get update\nUSER 10001\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN id\nUSER root\nCMD ["app"]\n',
      errors: [{ line: 3, column: 6, endColumn: 10, message: 'The final stage runs as root ("USER root"), so a compromised process has root rights in the container.' }],
      output: 'FROM debian:12\nRUN id\nUSER 10001:10001\nCMD ["app"]\n',
    },
    {
      name: 'USER 0:1000 is root; later RUN steps keep root, the USER goes after them',
      code: 'FROM debian:12\nUSER 0:1000\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl\nCMD ["app"]\n',
      errors: [{ line: 2, column: 6 }],
      output: 'FROM debian:12\nUSER 0:1000\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl\nUSER 10001:10001\nCMD ["app"]\n',
    },
    {
      name: 'ARG and ENV defaults are resolved, a global ARG re-declared in the stage included',
      code: 'ARG APP_USER=root\nFROM debian:12\nARG APP_USER\nUSER ${APP_USER}\n',
      errors: [{ line: 4, column: 6, message: /"USER \$\{APP_USER\}"/ }],
      output: 'ARG APP_USER=root\nFROM debian:12\nARG APP_USER\nUSER 10001:10001\n',
    },
    {
      name: 'inherited from an earlier stage',
      code: 'FROM debian:12 AS base\nUSER 0\n\nFROM base\nCMD ["app"]\n',
      errors: [{ line: 2, column: 6, message: 'The final stage runs as root ("USER 0", inherited from stage "base"), so a compromised process has root rights in the container.' }],
      output: 'FROM debian:12 AS base\nUSER 0\n\nFROM base\nUSER 10001:10001\nCMD ["app"]\n',
    },
  ],
});
