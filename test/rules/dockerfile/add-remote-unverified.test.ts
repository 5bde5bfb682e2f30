import rule from '../../../rules/dockerfile/add-remote-unverified';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tgz /opt/\n' },
    { name: 'local sources are dockerfile/add-instead-of-copy’s concern', code: 'FROM alpine:3.20\nADD app/ /srv/\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nADD https://example.com/tool.tgz /opt/\n',
      errors: [{ line: 2, column: 5, endColumn: 33, message: 'ADD fetches "https://example.com/tool.tgz" without --checksum, so whoever controls that server or the network path decides what lands in the image.' }],
    },
    {
      name: 'git sources and continuations',
      code: 'FROM alpine:3.20\nADD --keep-git-dir=true \\\n    git@github.com:acme/lib.git /src/lib\n',
      errors: [{ line: 3, column: 5 }],
    },
  ],
});
