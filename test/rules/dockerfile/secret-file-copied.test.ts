import rule from '../../../rules/dockerfile/secret-file-copied';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM node:20\nCOPY package.json package-lock.json .env.example ./\n' },
    { name: 'copies from another stage are not the build context', code: 'FROM node:20 AS build\nFROM node:20\nCOPY --from=build /root/.npmrc /tmp/\n' },
  ],
  invalid: [
    {
      code: 'FROM node:20\nCOPY .npmrc package.json ./\n',
      errors: [{ line: 2, column: 6, endColumn: 12, message: 'COPY puts ".npmrc", a credentials file, into an image layer, where anyone who can pull the image can read it.' }],
    },
    {
      name: 'keys, env files, kubeconfigs, exec form and continuations',
      code: 'FROM alpine:3.20\nADD certs/server.key \\\n    config/.env.production /etc/app/\nCOPY ["home/.ssh/id_ed25519", "/root/.ssh/"]\nCOPY ci.kubeconfig /root/.kube/config\n',
      errors: [{ line: 2, column: 5, message: /a private key or certificate store/ }, { line: 3, column: 5, message: /an environment file/ }, { line: 4, column: 7, message: /an SSH private key/ }, { line: 5, column: 6, message: /a kubeconfig/ }],
    },
  ],
});
