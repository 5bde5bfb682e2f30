import rule from '../../../rules/dockerfile/missing-healthcheck';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD curl -fsS http://127.0.0.1/ || exit 1\n' },
    { name: 'inherited from an earlier stage', code: 'FROM nginx:1.27 AS base\nHEALTHCHECK CMD curl -f http://127.0.0.1/\n\nFROM base\nCOPY site/ /usr/share/nginx/html/\n' },
    { name: 'only the last HEALTHCHECK counts', code: 'FROM nginx:1.27\nHEALTHCHECK NONE\nHEALTHCHECK CMD curl -f http://127.0.0.1/\n' },
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n',
      errors: [{ line: 1, column: 1, endColumn: 16, message: 'The final stage defines no HEALTHCHECK in this Dockerfile, so a hung service is neither detected nor restarted.' }],
    },
    {
      name: 'a builder stage’s HEALTHCHECK does not reach an unrelated final stage; NONE switches it off',
      code: 'FROM nginx:1.27 AS a\nHEALTHCHECK CMD true\n\nFROM nginx:1.27 AS b\nHEALTHCHECK \\\n  NONE\n',
      errors: [{ line: 5, column: 1, endLine: 6, message: 'HEALTHCHECK NONE switches health checking off, so a hung service is neither detected nor restarted.' }],
    },
  ],
});
