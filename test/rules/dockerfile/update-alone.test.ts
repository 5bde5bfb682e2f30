import rule from '../../../rules/dockerfile/update-alone';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n' },
    { name: 'apk add --update refreshes in place', code: 'FROM alpine:3.20\nRUN apk add --no-cache --update curl\n' },
    { name: 'comments and continuations inside one RUN', code: 'FROM fedora:41\nRUN dnf makecache \\\n    # then install\n && dnf install -y httpd\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n',
      errors: [{ line: 2, column: 5, endColumn: 19, message: '"apt-get update" runs without an install in the same RUN, so the cached index layer goes stale and later installs miss updates.' }],
      output: 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y curl\n',
    },
    {
      name: 'no merge when the next RUN is not an install',
      code: 'FROM alpine:3.20\nRUN apk update\nCOPY . /src\nRUN zypper refresh\n',
      errors: [{ line: 2, column: 5 }, { line: 4, column: 5, message: /"zypper refresh"/ }],
      output: null,
    },
  ],
});
