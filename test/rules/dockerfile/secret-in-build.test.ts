import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../../rules/engine';
import rule from '../../../rules/dockerfile/secret-in-build';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM node:20\nENV NODE_ENV=production PORT=8080\n' },
    { name: 'pointers to secrets are fine', code: 'FROM postgres:16\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db_password\n' },
    { name: 'secret mounts', code: 'FROM node:20\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n' },
  ],
  invalid: [
    {
      code: 'FROM node:20\nENV NPM_TOKEN=npm_4f9a8b7c6d5e\n',
      errors: [{ line: 2, column: 5, endColumn: 31, message: 'ENV NPM_TOKEN holds a literal secret ("npm_…"), which is readable by anyone who can pull the image or read the Dockerfile.' }],
    },
    {
      name: 'a name without a literal value is a warning; several names and continuations',
      code: 'ARG GITHUB_TOKEN\nFROM node:20\nENV APP=web \\\n    DB_PASSWORD="hunter2-long"\nENV API_SECRET=${API_SECRET}\n',
      errors: [
        { line: 1, column: 5, endColumn: 17, message: 'ARG GITHUB_TOKEN passes a secret that is recorded in the build history of every layer that uses it.' },
        { line: 4, column: 5, message: /"hunt…"/ },
        { line: 5, column: 5, message: 'ENV API_SECRET passes a secret that is stored in the image configuration.' },
      ],
    },
    {
      name: 'a literal password piped into chpasswd',
      code: 'FROM debian:12\nRUN echo "root:SuperSecret1" | chpasswd\n',
      errors: [{ line: 2, column: 10, message: 'chpasswd is fed a literal password ("Supe…"), which stays in the image history and the Dockerfile.' }],
    },
  ],
});

describe('dockerfile/secret-in-build severities (not overridden by configuration)', () => {
  it('a literal value is an error, a name only a warning', () => {
    const findings = lint('FROM node:20\nENV NPM_TOKEN=npm_4f9a8b7c6d5e\nARG GITHUB_TOKEN\nARG REGISTRY_USERNAME=ci-bot\n', 'Dockerfile', { rules: [rule] });
    assert.deepEqual(findings.map((finding) => [finding.range.start.line + 1, finding.severity]), [[2, 'error'], [3, 'warning'], [4, 'warning']]);
  });
});
