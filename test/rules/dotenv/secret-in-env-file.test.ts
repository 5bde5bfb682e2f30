import rule from '../../../rules/dotenv/secret-in-env-file';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    { code: '# copy to .env\nDB_PASSWORD=\nAPI_KEY=<your-api-key>\nAPI_TOKEN=${API_TOKEN}\nDB_PASSWORD_FILE=/run/secrets/db\nMAX_TOKENS=4096\nDB_USER=app\n' },
    { name: 'a commented-out line is not read by compose', code: '# DB_PASSWORD=Tr0ub4dor-horse\n' },
  ],
  invalid: [
    {
      name: 'unquoted, quoted, export, inline comment, CRLF',
      code: 'DB_PASSWORD=Tr0ub4dor-horse\r\nexport API_SECRET="Tr0ub4dor-horse-2"\r\nDATABASE_URL=postgres://app:s3cr3t@db/app # local\r\n',
      errors: [
        { line: 1, column: 13, endColumn: 28, message: 'DB_PASSWORD holds a literal password ("Tr0… (15 chars)"), readable by anyone with the file or `docker inspect`.' },
        { line: 2, column: 19, message: /^API_SECRET holds a literal secret/ },
        { line: 3, column: 14, endColumn: 42, message: /^DATABASE_URL holds a password inside a URL/ },
      ],
    },
    {
      name: 'a double-quoted value over several lines',
      code: 'NOTE="line one\nline two"\nSESSION_SECRET=Tr0ub4dor-horse-3\n',
      errors: [{ line: 3, column: 16, message: /^SESSION_SECRET holds a literal secret/ }],
    },
  ],
});
