import rule from '../../../rules/daemon/live-restore';
import { testDaemonRule } from '../../helpers/daemon';

testDaemonRule(rule, {
  valid: [
    { code: '{\n  "live-restore": true\n}\n' },
    { name: 'the key is invalid on Windows, so it is never suggested there', code: '{\n  "hosts": ["npipe:////./pipe/docker_engine"]\n}\n' },
  ],
  invalid: [
    {
      code: '{\n  "icc": false\n}\n',
      errors: [{ line: 1, column: 1, message: '"live-restore" is not set in daemon.json (it may be set on the command line), so every container stops whenever dockerd stops.', severity: 'info' }],
      output: '{\n  "icc": false,\n  "live-restore": true\n}\n',
    },
    {
      code: '{\n  "live-restore": false\n}\n',
      errors: [{ line: 2, column: 19, message: '"live-restore": false stops every container whenever dockerd stops.' }],
      output: '{\n  "live-restore": true\n}\n',
    },
  ],
});
