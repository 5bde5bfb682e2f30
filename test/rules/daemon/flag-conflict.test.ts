import rule from '../../../rules/daemon/flag-conflict';
import { testDaemonRule } from '../../helpers/daemon';
import { testRule } from '../../helpers/rule-tester';

const UNIT = 'docker.service.d/override.conf';
const FLAG_ICC = { daemonFlagKeys: { icc: '`--icc=false` in docker.service.d/override.conf' } };

testDaemonRule(rule, {
  valid: [
    { name: 'no flags known (an editor without the workspace): nothing', code: '{\n  "icc": false\n}\n' },
    { name: 'different keys', code: '{\n  "icc": false\n}\n', workspace: { daemonFlagKeys: { 'log-level': '`-l info` in docker.service' } } },
    { name: 'runtimes are merged, not refused', code: '{\n  "runtimes": { "crun": { "path": "/usr/bin/crun" } }\n}\n', workspace: { daemonFlagKeys: { runtimes: '`--add-runtime=kata=/usr/bin/kata` in docker.service' } } },
  ],
  invalid: [
    {
      name: 'daemon.json with "icc": false next to a unit passing --icc=false: the conflict error on the key',
      code: '{\n  "icc": false\n}\n',
      workspace: FLAG_ICC,
      errors: [{ line: 2, column: 3, endColumn: 8, severity: 'error', message: '"icc" is also given as a dockerd flag (`--icc=false` in docker.service.d/override.conf), so dockerd refuses to start ("the following directives are specified both as a flag and in the configuration file").' }],
      output: '{}\n',
    },
    {
      name: 'proxies are flattened before the check: --http-proxy collides with proxies.http-proxy',
      code: '{\n  "proxies": { "http-proxy": "http://proxy:3128" }\n}\n',
      workspace: { daemonFlagKeys: { 'proxies.http-proxy': '`--http-proxy=http://p:3128` in docker.service' } },
      errors: [{ line: 2, column: 3 }],
    },
  ],
});

testRule(rule, {
  valid: [
    { name: 'a dind container does not read the host daemon.json', kind: 'compose', code: 'services:\n  d:\n    image: docker:dind\n    command: ["--icc=false"]\n', workspace: { daemonJsonKeys: { icc: 'daemon.json' } } },
    { name: 'unit: flags daemon.json does not set', kind: 'systemd', path: UNIT, code: '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd --icc=false\n', workspace: { daemonJsonKeys: { 'log-level': 'daemon.json' } } },
  ],
  invalid: [
    {
      name: 'unit: --icc=false next to a daemon.json with "icc": the conflict error on the flag',
      kind: 'systemd',
      path: UNIT,
      code: '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd --icc=false\n',
      workspace: { daemonJsonKeys: { icc: 'etc/docker/daemon.json' } },
      errors: [{ line: 3, column: 28, endColumn: 39, severity: 'error', message: 'This flag sets "icc", which etc/docker/daemon.json sets too, so dockerd refuses to start ("the following directives are specified both as a flag and in the configuration file") (written as `--icc=false`).' }],
      output: '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd\n',
    },
    {
      name: 'unit: "hosts" in daemon.json with the unit\'s -H (twice): one error, on the first -H',
      kind: 'systemd',
      path: UNIT,
      code: '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H fd:// -H unix:///run/docker.sock\n',
      workspace: { daemonJsonKeys: { hosts: 'daemon.json' } },
      errors: [{ line: 3, column: 28, endColumn: 36 }],
      output: '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd\n',
    },
    {
      name: 'env file: DOCKER_OPTS',
      kind: 'env-file',
      path: 'etc/default/docker',
      code: 'DOCKER_OPTS="--dns 8.8.8.8"\n',
      workspace: { daemonJsonKeys: { dns: 'daemon.json' } },
      errors: [{ line: 1, column: 14 }],
      output: 'DOCKER_OPTS=""\n',
    },
  ],
});
