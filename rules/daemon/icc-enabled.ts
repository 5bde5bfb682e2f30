import { defineRule } from '../engine/rule';
import { checkBooleanSetting, cisDocker } from '../models/daemon-checks';

export default defineRule({
  meta: {
    id: 'daemon/icc-enabled',
    kind: 'daemon',
    title: 'Restrict inter-container traffic on the default bridge',
    stride: 'information-disclosure',
    severity: 'warning',
    fix: 'suggest',
    description:
      'With `icc` at its default (true), every container on the default `docker0` bridge can reach every port of every other one, so one compromised container can probe and read its neighbours. A finding about a key that is not set sits on the top-level object\'s opening brace; the flag `--icc=false` on the dockerd command line also satisfies the benchmark, which the file cannot show. `icc` affects only the default bridge: user-defined networks use their own `com.docker.network.bridge.enable_icc` option. Linux only: the key is invalid on Windows, so a file that shows a Windows daemon is not checked.',
    remediation: 'Set `"icc": false` and publish or link only the ports containers really need (`--icc=false`).',
    references: [...cisDocker('2.2', '2.1'), { source: 'docs', id: 'icc', note: 'Docker docs: Bridge network driver, `enable_icc`' }],
    examples: {
      invalid: [{ code: '{\n  "log-level": "info"\n}\n' }, { code: '{\n  "icc": true\n}\n' }],
      valid: [{ code: '{\n  "icc": false\n}\n' }],
    },
  },
  check(context) {
    checkBooleanSetting(context, {
      key: 'icc',
      secure: false,
      linuxOnly: true,
      absent: '"icc" is not set in daemon.json (it may be set on the command line), so containers on the default bridge can reach each other\'s ports.',
      insecure: '"icc": true lets every container on the default bridge reach every other container\'s ports.',
      fixTitle: 'Set `"icc": false`',
      safe: false,
    });
  },
});
