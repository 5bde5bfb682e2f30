import rule from '../../../rules/compose/weak-default-credential';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [{ code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: postgres\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?required}\n' }],
  invalid: [
    {
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD=postgres\n      - DATABASE_URL=postgres://app:changeme@db/app\n      - ADMIN_PASSWORD=${ADMIN_PASSWORD:-admin}\n',
      errors: [
        { line: 5, column: 9, message: 'Service "db" environment POSTGRES_PASSWORD sets a well-known default credential ("po… (8 chars)"), which anyone can guess.' },
        { line: 6, column: 9, message: /DATABASE_URL sets a default password in a URL \("postgres:\/\/app:••••@…"\)/ },
        { line: 7, column: 9, message: /ADMIN_PASSWORD sets a well-known default credential/ },
      ],
    },
  ],
});
