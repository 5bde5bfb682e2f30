import rule from '../../../rules/dockerfile/setuid-bits';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM alpine:3.20\nRUN chmod 0755 /usr/local/bin/tool && chmod -R go-w /srv && chmod a-s /usr/bin/passwd\n' },
    { name: 'the sticky bit is not setuid', code: 'FROM alpine:3.20\nRUN chmod 1777 /scratch && chmod +t /tmp2\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN chmod 4755 /usr/local/bin/tool\n',
      errors: [{ line: 2, column: 11, endColumn: 15, message: 'chmod 4755 sets the setuid or setgid bit, which gives anyone who can run the file its owner’s rights.' }],
    },
    {
      name: 'symbolic modes, options and continuations',
      code: 'FROM alpine:3.20\nRUN chmod -R g+s /srv/shared \\\n && chmod u=rwxs,go=rx /bin/tool \\\n && chmod 2755 /bin/x\n',
      errors: [{ line: 2, column: 14 }, { line: 3, column: 11 }, { line: 4, column: 11 }],
    },
  ],
});
