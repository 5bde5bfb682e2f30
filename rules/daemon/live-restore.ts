import { defineRule } from '../engine/rule';
import { checkBooleanSetting, cisDocker } from '../models/daemon-checks';

export default defineRule({
  meta: {
    id: 'daemon/live-restore',
    kind: 'daemon',
    title: 'Keep containers running while dockerd restarts',
    stride: 'denial-of-service',
    severity: 'info',
    fix: 'suggest',
    description:
      'Without `"live-restore": true` every container stops when the daemon stops, so a daemon upgrade or crash is an outage of every workload on the host. A finding about a key that is not set sits on the top-level object\'s opening brace (`--live-restore` on the command line is equivalent). Linux only: the key is invalid on Windows, so a file that shows a Windows daemon is not checked.',
    remediation: 'Set `"live-restore": true` (`--live-restore`). It is incompatible with swarm mode: leave it off on swarm nodes and turn this rule off for them in `.stridelint.yaml`.',
    references: cisDocker('2.15', '2.13'),
    examples: {
      invalid: [{ code: '{\n  "icc": false\n}\n' }],
      valid: [{ code: '{\n  "live-restore": true\n}\n' }],
    },
  },
  check(context) {
    checkBooleanSetting(context, {
      key: 'live-restore',
      secure: true,
      linuxOnly: true,
      absent: '"live-restore" is not set in daemon.json (it may be set on the command line), so every container stops whenever dockerd stops.',
      insecure: '"live-restore": false stops every container whenever dockerd stops.',
      fixTitle: 'Set `"live-restore": true`',
      safe: false,
    });
  },
});
