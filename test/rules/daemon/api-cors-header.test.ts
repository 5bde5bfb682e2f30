import rule from '../../../rules/daemon/api-cors-header';
import { testDaemonRule } from '../../helpers/daemon';

testDaemonRule(rule, {
  valid: [{ code: '{\n  "icc": false\n}\n' }, { code: '{ "api-cors-header": "" }' }],
  invalid: [
    {
      code: '{\n  "api-cors-header": "*",\n  "icc": false\n}\n',
      errors: [{ line: 2, column: 22, endColumn: 25, severity: 'error', message: '"api-cors-header": "*" lets any web page drive the Docker API, which is root on this host, through a visitor\'s browser.' }],
      output: '{\n  "icc": false\n}\n',
    },
    {
      code: '{\n  "icc": false,\n  "api-cors-header": "https://portal.example.com"\n}\n',
      errors: [{ line: 3, column: 22, severity: 'warning', message: '"api-cors-header" lets pages from "https://portal.example.com" call the Docker API through a browser, and Engine 29.0 refuses the key.' }],
      output: '{\n  "icc": false\n}\n',
    },
  ],
});
