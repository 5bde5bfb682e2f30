import rule from '../../../rules/dockerfile/weak-default-credential';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM postgres:16\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db POSTGRES_USER=postgres\n' },
    { name: 'a real secret is secret-in-build, not this rule', code: 'FROM postgres:16\nENV POSTGRES_PASSWORD=Tr0ub4dor-horse\n' },
  ],
  invalid: [
    {
      code: 'FROM postgres:16\nENV POSTGRES_PASSWORD=postgres\nRUN curl -u admin:admin https://x.example.com\n',
      errors: [
        { line: 2, column: 23, message: 'ENV POSTGRES_PASSWORD sets a well-known default credential ("po… (8 chars)"), which anyone can guess.' },
        { line: 3, column: 13, message: /^RUN curl -u sets a well-known default credential/ },
      ],
    },
  ],
});
