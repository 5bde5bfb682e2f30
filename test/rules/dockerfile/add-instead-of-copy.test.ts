import rule from '../../../rules/dockerfile/add-instead-of-copy';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'FROM alpine:3.20\nCOPY app/ /srv/app/\n' },
    { name: 'a local tar archive is what ADD is for', code: 'FROM scratch\nADD rootfs.tar.xz /\n' },
    { name: 'remote sources are dockerfile/add-remote-unverified’s concern', code: 'FROM alpine:3.20\nADD https://example.com/tool.tgz /opt/\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nADD --chown=10001:10001 app/ /srv/app/\n',
      errors: [{ line: 2, column: 1, endColumn: 4, message: 'ADD copies local "app/"; COPY does the same without ADD\'s implicit unpacking and downloading.' }],
      output: 'FROM alpine:3.20\nCOPY --chown=10001:10001 app/ /srv/app/\n',
    },
    {
      name: 'lower-case keyword, continuation and exec form keep their text',
      code: 'FROM alpine:3.20\r\nadd a.txt \\\r\n    b.txt /dst/\r\nADD ["conf d/", "/etc/app/"]\r\n',
      errors: [{ line: 2, column: 1 }, { line: 4, column: 1 }],
      output: 'FROM alpine:3.20\r\ncopy a.txt \\\r\n    b.txt /dst/\r\nCOPY ["conf d/", "/etc/app/"]\r\n',
    },
    {
      name: 'ADD-only flags make the keyword swap unsafe, so no fix',
      code: 'FROM alpine:3.20\nADD --unpack=false app.tar /srv/\nADD --checksum=sha256:abc src/ /srv/\n',
      errors: [{ line: 3, column: 1 }],
      output: null,
    },
    {
      name: 'an archive next to plain files: COPY would stop unpacking it, so no fix',
      code: 'FROM alpine:3.20\nADD rootfs.tar.gz conf/ /\n',
      errors: [{ line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'strict mode (CIS 4.9) reports local archives too, without a fix',
      code: 'FROM scratch\nADD rootfs.tar.xz /\n',
      options: { strict: true },
      errors: [{ line: 2, column: 1, message: 'ADD unpacks the local archive "rootfs.tar.xz" implicitly; strict mode asks for COPY and an explicit, reviewable unpack step.' }],
      output: null,
    },
  ],
});
