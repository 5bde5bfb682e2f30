import rule from '../../../rules/daemon/remote-logging';
import { testDaemonRule } from '../../helpers/daemon';

testDaemonRule(rule, {
  valid: [
    { code: '{\n  "log-driver": "syslog",\n  "log-opts": { "syslog-address": "tcp://logs.example.com:514" }\n}\n' },
    { code: '{ "log-driver": "fluentd" }' },
  ],
  invalid: [
    {
      code: '{\n  "log-driver": "json-file"\n}\n',
      errors: [{ line: 2, column: 17, endColumn: 28, severity: 'info', message: '"log-driver": "json-file" keeps container logs only on this host, where an intruder can erase the record of what happened.' }],
    },
    { code: '{ "log-driver": "none" }', errors: [{ line: 1, column: 17, message: '"log-driver": "none" discards container logs, so nothing records what happened.' }] },
    {
      code: '{\n  "icc": false\n}\n',
      errors: [{ line: 1, column: 1, message: '"log-driver" is not set in daemon.json (it may be set on the command line), so container logs stay on this host in json-file, where an intruder can erase them.' }],
    },
  ],
});
