import rule from '../../../rules/dotenv/weak-default-credential';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [{ code: 'POSTGRES_USER=postgres\nPOSTGRES_PASSWORD=\n' }],
  invalid: [{ code: 'POSTGRES_PASSWORD=postgres\nMINIO_ROOT_PASSWORD=minioadmin\n', errors: [{ line: 1, column: 19, message: 'POSTGRES_PASSWORD sets a well-known default credential ("po… (8 chars)"), which anyone can guess.' }, { line: 2, column: 21 }] }],
});
