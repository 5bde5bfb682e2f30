import rule from '../../../rules/dockerfile/no-sudo';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM ubuntu:24.04\nRUN apt-get install -y curl\n' },
    { name: 'the word in an argument is not a command', code: 'FROM ubuntu:24.04\nRUN echo sudo && apt-get install -y sudo-ldap\n' },
  ],
  invalid: [
    {
      code: 'FROM ubuntu:24.04\nRUN sudo apt-get install -y curl\n',
      errors: [{ line: 2, column: 5, endColumn: 9, message: 'sudo in a RUN means the image ships sudo, so an unprivileged user in the container keeps a path back to root.' }],
    },
    {
      name: 'after an operator on a continuation line, and in ONBUILD',
      code: 'FROM busybox:1.36\nRUN apt-get update \\\n && sudo apt-get install vim\nONBUILD RUN sudo -u app make\n',
      errors: [{ line: 3, column: 5 }, { line: 4, column: 13 }],
    },
  ],
});
