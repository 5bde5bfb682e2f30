import rule from '../../../rules/daemon/experimental';
import { testDaemonRule } from '../../helpers/daemon';

testDaemonRule(rule, {
  valid: [{ code: '{\n  "experimental": false\n}\n' }, { code: '{}' }],
  invalid: [
    {
      code: '{\n  "experimental": true,\n  "icc": false\n}\n',
      errors: [{ line: 2, column: 19, endColumn: 23, severity: 'warning', message: '"experimental": true enables features without the Engine\'s stability and security guarantees.' }],
      output: '{\n  "icc": false\n}\n',
    },
    { name: 'one line', code: '{"icc": false, "experimental": true}', errors: [{ line: 1, column: 32 }], output: '{"icc": false}' },
  ],
});
