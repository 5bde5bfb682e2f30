import rule from '../../../rules/dockerfile/missing-user';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM node:20-alpine\nUSER 10001\nCMD ["node", "server.js"]\n' },
    { name: 'a root builder stage is normal; the final stage sets USER', code: 'FROM golang:1.23 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static:nonroot\nUSER 65532:65532\nENTRYPOINT ["/app"]\n' },
    { name: 'FROM <earlier stage> inherits its USER', code: 'FROM alpine:3.20 AS base\nUSER 10001\n\nFROM base\nCMD ["app"]\n' },
    { name: 'Windows images are out of scope (ContainerUser is set differently)', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["cmd"]\n' },
  ],
  invalid: [
    {
      code: 'FROM node:20-alpine\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
      errors: [{ line: 1, column: 1, endColumn: 20, message: 'The final stage sets no USER in this Dockerfile, so the container runs as whatever "node:20-alpine" sets, which is root for most images.' }],
      output: 'FROM node:20-alpine\nCOPY . /app\nUSER 10001:10001\nCMD ["node", "/app/server.js"]\n',
    },
    {
      name: 'only the final stage counts; the user goes after the last build step, before EXPOSE/CMD',
      code: 'FROM alpine:3.20 AS build\nUSER 10001\nRUN make\n\n# runtime\nFROM scratch\nCOPY --from=build /out/app /app\nEXPOSE 8080\nENTRYPOINT ["/app"]\n',
      errors: [{ line: 6, column: 1, message: 'The final stage is built FROM scratch without a USER, so the container runs as root (uid 0).' }],
      output: 'FROM alpine:3.20 AS build\nUSER 10001\nRUN make\n\n# runtime\nFROM scratch\nCOPY --from=build /out/app /app\nUSER 10001:10001\nEXPOSE 8080\nENTRYPOINT ["/app"]\n',
    },
    {
      name: 'a stage with nothing after FROM gets the USER appended',
      code: 'FROM alpine:3.20 AS base\nFROM base',
      errors: [{ line: 2, column: 1, message: /runs as whatever "base" sets/ }],
      output: 'FROM alpine:3.20 AS base\nFROM base\nUSER 10001:10001',
    },
  ],
});
