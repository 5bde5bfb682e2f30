import rule from '../../../rules/dockerfile/curl-pipe-shell';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM debian:12\nRUN curl -fsSLo /tmp/i.sh https://example.com/i.sh && sha256sum -c sums && sh /tmp/i.sh\n' },
    { name: 'piping into a non-interpreter', code: 'FROM debian:12\nRUN curl -fsSL https://example.com/a.tgz | tar -xz\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN curl -fsSL https://get.example.com | bash -s -- --yes\n',
      errors: [{ line: 2, column: 5, endColumn: 58, message: 'curl output is piped into bash, so whatever the server sends runs unverified in the build.' }],
    },
    {
      name: 'through tee and sudo, across a continuation, and command substitution',
      code: 'FROM debian:12\nRUN wget -qO- https://example.com/i.sh \\\n  | tee /tmp/log | sudo sh\nRUN sh -c "$(curl -fsSL https://example.com/i.sh)"\n',
      errors: [{ line: 2, column: 5, endLine: 3, message: /wget output is piped into sh/ }, { line: 4, column: 5, message: 'sh runs a script straight from a download, so whoever controls that server controls the build.' }],
    },
  ],
});
