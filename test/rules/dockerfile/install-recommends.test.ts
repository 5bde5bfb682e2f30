import rule from '../../../rules/dockerfile/install-recommends';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n' },
    { name: 'the apt option spelling', code: 'FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n' },
    { name: 'a grep for the word is not an install', code: 'FROM debian:12\nRUN apt-cache policy | grep install\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      errors: [{ line: 2, column: 23, endColumn: 38, message: 'apt-get install also installs recommended packages, adding software (and attack surface) nobody asked for.' }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl\n',
    },
    {
      name: 'continuation lines, options before the verb, and ONBUILD',
      code: 'FROM debian:12\nRUN apt-get update \\\n  && apt-get -y \\\n     install curl\nONBUILD RUN apt-get install -y git\n',
      errors: [{ line: 3, column: 6, endLine: 4, endColumn: 13 }, { line: 5, column: 13 }],
      output: 'FROM debian:12\nRUN apt-get update \\\n  && apt-get -y \\\n     install --no-install-recommends curl\nONBUILD RUN apt-get install --no-install-recommends -y git\n',
    },
  ],
});
