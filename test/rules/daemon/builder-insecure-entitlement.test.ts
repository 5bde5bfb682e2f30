import rule from '../../../rules/daemon/builder-insecure-entitlement';
import { testDaemonRule } from '../../helpers/daemon';

testDaemonRule(rule, {
  valid: [
    { code: '{\n  "builder": {\n    "entitlements": { "security-insecure": false },\n    "gc": { "enabled": true }\n  }\n}\n' },
    { code: '{ "builder": { "gc": { "defaultKeepStorage": "20GB" } } }' },
  ],
  invalid: [
    {
      code: '{\n  "builder": {\n    "entitlements": {\n      "network-host": true,\n      "device": false,\n      "security-insecure": true\n    }\n  }\n}\n',
      errors: [
        { line: 4, column: 7, endColumn: 27, severity: 'info', message: '"network-host": true lets every build use the host\'s network namespace during the build.' },
        { line: 6, column: 7, severity: 'warning', message: '"security-insecure": true lets every build run build steps as privileged containers, which is root on this host.' },
      ],
      output: '{\n  "builder": {\n    "entitlements": {\n      "device": false\n    }\n  }\n}\n',
    },
    {
      name: 'dockerd matches the members of builder case-insensitively',
      code: '{ "builder": { "Entitlements": { "Security-Insecure": true } } }',
      errors: [{ line: 1, column: 34, message: '"Security-Insecure": true lets every build run build steps as privileged containers, which is root on this host.' }],
      output: '{ "builder": { "Entitlements": {} } }',
    },
  ],
});
