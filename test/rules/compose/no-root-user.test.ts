import rule from '../../../rules/compose/no-root-user';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [{ code: 'services:\n  a:\n    image: x:1\n    user: "10001:10001"\n  b:\n    image: x:1\n    user: ${UID}\n' }],
  invalid: [
    {
      name: 'block style with comments, several spellings of root',
      code: 'services:\n  a:\n    image: x:1\n    user: root # admin tasks\n  b:\n    image: x:1\n    user: "0:1000"\n  c:\n    image: x:1\n    user: 0\n',
      errors: [{ line: 4, column: 11, message: 'Service "a" runs as root (user "root"), so a compromise has root\'s rights in the container.' }, { line: 7, column: 11 }, { line: 10, column: 11 }],
      output: 'services:\n  a:\n    image: x:1\n    user: "10001:10001" # admin tasks\n  b:\n    image: x:1\n    user: "10001:10001"\n  c:\n    image: x:1\n    user: "10001:10001"\n',
    },
    {
      name: 'flow style; a root group only is reported without a fix',
      code: 'services:\n  a: { image: x:1, user: "0:0" }\n  b: { image: x:1, user: "1000:0" }\n',
      errors: [{ line: 2, column: 26 }, { line: 3, column: 26, message: /root group/ }],
      output: 'services:\n  a: { image: x:1, user: "10001:10001" }\n  b: { image: x:1, user: "1000:0" }\n',
    },
    {
      name: 'anchored service, inherited through the alias',
      code: 'services:\n  a: &a\n    image: x:1\n    user: root\n  b: *a\n',
      errors: [{ line: 4, column: 11 }, { line: 5, column: 3, message: /inherited from anchor "a"/ }],
      output: 'services:\n  a: &a\n    image: x:1\n    user: "10001:10001"\n  b: *a\n',
    },
  ],
});

// compose build → the Dockerfile's shipped stage (issue 18).
const BUILDS_API = 'services:\n  api:\n    build: ./api\n';
testRule(rule, {
  valid: [
    { name: 'the image ends with USER 10001', code: BUILDS_API, files: { 'api/Dockerfile': 'FROM alpine:3.20\nUSER root\nRUN apk add curl\nUSER 10001\n' } },
    { name: 'the image leaves the user to its base image: unknown', code: BUILDS_API, files: { 'api/Dockerfile': 'FROM node:20\n' } },
    { name: 'the service sets its own user', code: 'services:\n  api:\n    build: ./api\n    user: "10001"\n', files: { 'api/Dockerfile': 'FROM alpine:3.20\nUSER root\n' } },
    { name: 'no Dockerfile in the workspace: unknown', code: BUILDS_API },
    { name: 'a remote build context', code: 'services:\n  api:\n    build: https://github.com/example/api.git\n', files: { 'api/Dockerfile': 'FROM alpine:3.20\nUSER root\n' } },
    { name: 'target picks the non-root stage', code: 'services:\n  api:\n    build: { context: api, target: app }\n', files: { 'api/Dockerfile': 'FROM alpine:3.20 AS app\nUSER 10001\nFROM alpine:3.20 AS tools\nUSER 0\n' } },
  ],
  invalid: [
    {
      name: 'the image ends with USER root',
      code: BUILDS_API,
      files: { 'api/Dockerfile': 'FROM alpine:3.20\nUSER 10001\nUSER root\n' },
      errors: [{ line: 3, column: 12, message: 'Service "api" runs as root: it sets no `user:` and its image (api/Dockerfile) ends with `USER root`, so a compromise has root\'s rights in the container.' }],
    },
    {
      name: 'FROM scratch with no USER',
      code: 'services:\n  api:\n    build:\n      context: ./api/\n',
      files: { 'api/Dockerfile': 'FROM golang:1.22 AS build\nUSER 10001\nFROM scratch\nCOPY --from=build /app /app\n' },
      errors: [{ line: 4, column: 7, message: /built FROM scratch with no USER/ }],
    },
    {
      name: 'USER 0 inherited from an earlier stage, through a compose file in a subfolder',
      path: 'deploy/compose.yaml',
      code: 'services:\n  api:\n    build: ../api\n',
      files: { 'api/Dockerfile': 'FROM alpine:3.20 AS base\nUSER 0\nFROM base\n' },
      errors: [{ line: 3, column: 12, message: /its image \(\.\.\/api\/Dockerfile\)/ }],
    },
    {
      // Adapters pass absolute paths: the message must not carry the machine's folders (it feeds fingerprints and reports).
      name: 'absolute paths: the message names the Dockerfile relative to the compose file',
      path: '/home/dev/shop/compose.yaml',
      code: BUILDS_API,
      files: { '/home/dev/shop/api/Dockerfile': 'FROM alpine:3.20\nUSER root\n' },
      errors: [{ line: 3, column: 12, message: /its image \(api\/Dockerfile\) ends with `USER root`/ }],
    },
  ],
});
