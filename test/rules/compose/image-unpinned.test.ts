import rule from '../../../rules/compose/image-unpinned';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: 'services:\n  a:\n    image: nginx:1.27\n  b:\n    image: nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n  c:\n    build: .\n    image: myapp\n  d:\n    image: ${IMAGE}\n  e:\n    image: registry:5000/team/app:2.1\n' },
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: nginx # no tag\n  b: { image: "nginx:latest" }\n  c:\n    image: registry:5000/team/app\n  d:\n    image: app:${TAG:-latest}\n',
      errors: [
        { line: 3, column: 12, message: 'Service "a" uses image nginx with no tag (so "latest"), so what runs can change without a change to this file.' },
        { line: 4, column: 15, message: /the moving tag "latest"/ },
        { line: 6, column: 12 },
        { line: 8, column: 12 },
      ],
    },
  ],
});
