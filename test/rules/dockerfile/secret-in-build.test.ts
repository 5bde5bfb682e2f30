import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../../rules/registry-lint';
import rule from '../../../rules/dockerfile/secret-in-build';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM node:20\nENV NODE_ENV=production PORT=8080\n' },
    { name: 'pointers to secrets are fine', code: 'FROM postgres:16\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db_password\n' },
    { name: 'secret mounts', code: 'FROM node:20\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n' },
    { name: 'names that only look like secrets (hadolint #1245, BuildKit false alarms)', code: 'FROM golang:1.22\nENV GOPRIVATE=github.com/acme/* SSH_AUTH_SOCK=/ssh.sock MAX_TOKENS=4096 KMS_KEY_ID=1234abcd-12ab-34cd-56ef-1234567890ab\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D PUBLIC_KEY="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH"\nARG REGISTRY_USERNAME=ci-bot\n' },
    { name: 'placeholders, documentation keys and references in RUN', code: 'FROM alpine\nENV API_KEY=<your-key> AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nRUN curl -u "$USER:$PASS" -H "Authorization: Bearer $TOKEN" https://example.com\n' },
  ],
  invalid: [
    {
      name: 'a literal under a secret name is reported at its value, masked',
      code: 'FROM node:20\nENV NPM_TOKEN=4f9a8b7c6d5e1a2b\n',
      errors: [{ line: 2, column: 15, endColumn: 31, message: 'ENV NPM_TOKEN holds a literal secret ("4f9a… (16 chars)"), readable by anyone who can pull the image or read the Dockerfile.' }],
    },
    {
      name: 'AWS_ACCESS_KEY_ID is a secret name even with a value no format matches',
      code: 'FROM alpine\nENV AWS_ACCESS_KEY_ID=abcdefghijklmnopqrstuvwxyz\n',
      errors: [{ line: 2, column: 23, message: /^ENV AWS_ACCESS_KEY_ID holds a literal secret \("abcd… \(26 chars\)"\)/ }],
    },
    {
      name: 'a name without a literal value is a warning; several names and continuations',
      code: 'ARG GITHUB_TOKEN\nFROM node:20\nENV APP=web \\\n    DB_PASSWORD="hunter2-long"\nENV API_SECRET=${API_SECRET}\n',
      errors: [
        { line: 1, column: 5, endColumn: 17, message: 'ARG GITHUB_TOKEN passes a secret that is recorded in the build history of every layer that uses it.' },
        { line: 4, column: 17, message: /"hun… \(12 chars\)"/ },
        { line: 5, column: 5, message: 'ENV API_SECRET passes a secret that is stored in the image configuration.' },
      ],
    },
    {
      name: 'a literal password piped into chpasswd',
      code: 'FROM debian:12\nRUN echo "root:SuperSecret1" | chpasswd\n',
      errors: [{ line: 2, column: 10, message: 'RUN chpasswd holds a literal password ("Sup… (12 chars)"), readable by anyone who can pull the image or read the Dockerfile.' }],
    },
    {
      name: 'RUN words: curl -u, docker login -p, --password=, a URL with a password',
      code: 'FROM alpine\nRUN curl -u deploy:Tr0ub4dor-horse https://x.example.com && docker login -u ci -p Tr0ub4dor-pw registry.example.com\nRUN wget --password=Tr0ub4dor-3 https://x.example.com/a && git clone https://ci:Tr0ub4dor-4@git.example.com/a.git\n',
      errors: [
        { line: 2, column: 13, message: /^RUN curl -u holds a literal password/ },
        { line: 2, column: 83, message: /^RUN docker login -p holds a literal password/ },
        { line: 3, column: 10, message: /^RUN wget --password holds a literal password/ },
        { line: 3, column: 70, message: /holds a password inside a URL \("https:\/\/ci:••••@…"\)/ },
      ],
    },
    {
      name: 'a global ARG before FROM and a fragment with no FROM at all',
      code: 'ARG NPM_TOKEN=4f9a8b7c6d5e1a2b\nRUN curl -u ci:Tr0ub4dor-horse https://x.example.com\n',
      errors: [{ line: 1, column: 15, message: /^ARG NPM_TOKEN holds a literal secret/ }, { line: 2, column: 13, message: /^RUN curl -u/ }],
    },
    {
      name: 'a LABEL holding a token',
      code: 'FROM alpine\nLABEL deploy.token=Tr0ub4dor-horse-label\n',
      errors: [{ line: 1 + 1, column: 20, message: /^LABEL deploy\.token holds a literal secret/ }],
    },
  ],
});

describe('dockerfile/secret-in-build severities (not overridden by configuration)', () => {
  it('a literal value is an error, a name only a warning; a user name is nothing', () => {
    const findings = lint('FROM node:20\nENV NPM_TOKEN=4f9a8b7c6d5e1a2b\nARG GITHUB_TOKEN\nARG REGISTRY_USERNAME=ci-bot\n', 'Dockerfile', { rules: [rule] });
    assert.deepEqual(findings.map((finding) => [finding.range.start.line + 1, finding.severity]), [[2, 'error'], [3, 'warning']]);
  });
});
