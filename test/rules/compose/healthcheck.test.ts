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

// compose build → the Dockerfile's shipped stage (issue 18).
const COMPOSE = 'services:\n  api:\n    build: ./api\n';
testRule(rule, {
  valid: [
    { name: 'the image has a HEALTHCHECK', code: COMPOSE, files: { 'api/Dockerfile': 'FROM alpine:3.20\nHEALTHCHECK CMD wget -qO- http://localhost/ || exit 1\n' } },
    { name: 'a HEALTHCHECK inherited from an earlier stage', code: COMPOSE, files: { 'api/Dockerfile': 'FROM alpine:3.20 AS base\nHEALTHCHECK CMD true\nFROM base\nUSER 10001\n' } },
    { name: 'the service sets its own healthcheck', code: 'services:\n  api:\n    build: ./api\n    healthcheck:\n      test: ["CMD", "true"]\n', files: { 'api/Dockerfile': 'FROM alpine:3.20\n' } },
    { name: 'the Dockerfile is not in the workspace: unknown', code: COMPOSE, files: { 'web/Dockerfile': 'FROM alpine:3.20\n' } },
    { name: 'target picks the stage with the HEALTHCHECK', code: 'services:\n  api:\n    build:\n      context: api\n      target: Release\n', files: { 'api/Dockerfile': 'FROM alpine:3.20 AS release\nHEALTHCHECK CMD true\nFROM alpine:3.20 AS debug\n' } },
  ],
  invalid: [
    {
      name: 'the image defines no HEALTHCHECK',
      code: COMPOSE,
      files: { 'api/Dockerfile': 'FROM alpine:3.20\nUSER 10001\n' },
      errors: [{ line: 3, column: 12, message: 'Service "api" has no health check: it sets no `healthcheck:` and its image (api/Dockerfile) defines no HEALTHCHECK, so a hung service is never noticed.' }],
    },
    {
      name: 'HEALTHCHECK NONE in a Dockerfile named by build.dockerfile',
      code: 'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/api.Dockerfile\n',
      files: { 'docker/api.Dockerfile': 'FROM alpine:3.20\nHEALTHCHECK NONE\n' },
      errors: [{ line: 4, column: 7, message: /sets HEALTHCHECK NONE/ }],
    },
    {
      name: 'target picks the stage without one',
      code: 'services:\n  api:\n    build:\n      context: api\n      target: debug\n',
      files: { 'api/Dockerfile': 'FROM alpine:3.20 AS release\nHEALTHCHECK CMD true\nFROM alpine:3.20 AS debug\n' },
      errors: [{ line: 4, column: 7 }],
    },
  ],
});
