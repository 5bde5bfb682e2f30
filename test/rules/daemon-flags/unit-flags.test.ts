import icc from '../../../rules/daemon/icc-enabled';
import logLevel from '../../../rules/daemon/log-level';
import tcpWithoutTls from '../../../rules/daemon/tcp-without-tls';
import unknownKey from '../../../rules/daemon/unknown-key';
import liveRestore from '../../../rules/daemon/live-restore';
import insecureRegistry from '../../../rules/daemon/insecure-registry';
import userlandProxy from '../../../rules/daemon/userland-proxy';
import { testRule } from '../../helpers/rule-tester';

const OVERRIDE = 'docker.service.d/override.conf';
const unit = (execStart: string) => `[Service]\nExecStart=\nExecStart=${execStart}\n`;

testRule(icc, {
  valid: [
    { name: 'unit: --icc=false', kind: 'systemd', path: OVERRIDE, code: unit('/usr/bin/dockerd -H fd:// --icc=false') },
    { name: 'unit: a flag not given is not judged (it may be in daemon.json)', kind: 'systemd', path: OVERRIDE, code: unit('/usr/bin/dockerd -H fd://') },
    { name: 'unit: the last of repeated flags wins', kind: 'systemd', path: OVERRIDE, code: unit('/usr/bin/dockerd --icc=true --icc=false') },
    { name: 'unit: the reset drops the packaged command', kind: 'systemd', path: OVERRIDE, code: '[Service]\nExecStart=/usr/bin/dockerd --icc=true\nExecStart=\nExecStart=/usr/bin/dockerd --icc=false\n' },
  ],
  invalid: [
    {
      name: 'unit: --icc=true, on the flag, the fix edits it in place',
      kind: 'systemd',
      path: OVERRIDE,
      code: unit('/usr/bin/dockerd -H fd:// --icc=true'),
      errors: [{ line: 3, column: 37, endColumn: 47, message: '"icc": true lets every container on the default bridge reach every other container\'s ports (written as `--icc=true`).', severity: 'warning' }],
      output: unit('/usr/bin/dockerd -H fd:// --icc=false'),
    },
    {
      name: 'unit: bare --icc is true; the fix writes the value',
      kind: 'systemd',
      path: OVERRIDE,
      code: unit('/usr/bin/dockerd --icc'),
      errors: [{ line: 3, column: 28, endColumn: 33 }],
      output: unit('/usr/bin/dockerd --icc=false'),
    },
    {
      name: 'unit: a continued line keeps its layout',
      kind: 'systemd',
      path: OVERRIDE,
      code: '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd \\\n    --icc=1 \\\n    -H fd://\n',
      errors: [{ line: 4, column: 5, endColumn: 12 }],
      output: '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd \\\n    --icc=false \\\n    -H fd://\n',
    },
    {
      name: 'unit: the flag in an Environment= variable is fixed where it is written',
      kind: 'systemd',
      path: OVERRIDE,
      code: '[Service]\nEnvironment="DOCKER_OPTS=--icc=true"\nExecStart=\nExecStart=/usr/bin/dockerd $DOCKER_OPTS\n',
      errors: [{ line: 2, column: 26, endColumn: 36 }],
      output: '[Service]\nEnvironment="DOCKER_OPTS=--icc=false"\nExecStart=\nExecStart=/usr/bin/dockerd $DOCKER_OPTS\n',
    },
    {
      name: 'unit: docker daemon (the pre-1.12 form) in a packaged unit',
      kind: 'systemd',
      path: 'docker.service',
      code: '[Unit]\nDescription=Docker\n[Service]\nExecStart=/usr/bin/docker daemon --icc=true\n',
      errors: [{ line: 4, column: 34 }],
      output: '[Unit]\nDescription=Docker\n[Service]\nExecStart=/usr/bin/docker daemon --icc=false\n',
    },
  ],
});

testRule(tcpWithoutTls, {
  valid: [
    { name: 'unit: fd:// and a unix socket', kind: 'systemd', path: OVERRIDE, code: unit('/usr/bin/dockerd -H fd:// -H unix:///var/run/docker.sock') },
    { name: 'unit: TCP with --tlsverify', kind: 'systemd', path: OVERRIDE, code: unit('/usr/bin/dockerd -H tcp://0.0.0.0:2376 --tlsverify --tlscacert=/etc/docker/ca.pem --tlscert=/etc/docker/cert.pem --tlskey=/etc/docker/key.pem') },
  ],
  invalid: [
    {
      name: 'unit: -H given twice, the TCP one is an error on its characters',
      kind: 'systemd',
      path: OVERRIDE,
      code: unit('/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2375'),
      errors: [{ line: 3, column: 37, endColumn: 58, message: /^Host "tcp:\/\/0\.0\.0\.0:2375" serves the Docker API over TCP without TLS client verification on the plaintext port 2375, so anyone who reaches it controls this host as root \(written as `-H tcp:\/\/0\.0\.0\.0:2375`\)\.$/, severity: 'error' }],
    },
    {
      name: 'unit: --host= and --tls without --tlsverify',
      kind: 'systemd',
      path: OVERRIDE,
      code: unit('/usr/bin/dockerd --host=tcp://0.0.0.0:2376 --tls'),
      errors: [{ line: 3, column: 28, endColumn: 53, severity: 'warning' }],
    },
  ],
});

testRule(logLevel, {
  valid: [{ name: 'unit: -l info', kind: 'systemd', path: OVERRIDE, code: unit('/usr/bin/dockerd -l info') }],
  invalid: [
    {
      name: 'unit: --log-level debug (separate value) is changed in place',
      kind: 'systemd',
      path: OVERRIDE,
      code: unit('/usr/bin/dockerd --log-level debug -H fd://'),
      errors: [{ line: 3, column: 28, endColumn: 45 }],
      output: unit('/usr/bin/dockerd --log-level info -H fd://'),
    },
    {
      name: 'unit: -D is removed with its blank',
      kind: 'systemd',
      path: OVERRIDE,
      code: unit('/usr/bin/dockerd -D -H fd://'),
      errors: [{ line: 3, column: 28, endColumn: 30 }],
      output: unit('/usr/bin/dockerd -H fd://'),
    },
  ],
});

testRule(unknownKey, {
  valid: [{ name: 'unit: known flags', kind: 'systemd', path: OVERRIDE, code: unit('/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock') }],
  invalid: [
    {
      name: 'unit: a repeated scalar flag: the earlier one has no effect, the fix removes it',
      kind: 'systemd',
      path: OVERRIDE,
      code: unit('/usr/bin/dockerd --log-level=debug --log-level=info'),
      errors: [{ line: 3, column: 28, endColumn: 45, severity: 'warning' }],
      output: unit('/usr/bin/dockerd --log-level=info'),
    },
    {
      name: 'unit: a boolean flag with a value that is no boolean',
      kind: 'systemd',
      path: OVERRIDE,
      code: unit('/usr/bin/dockerd --icc=maybe'),
      errors: [{ line: 3, column: 28, endColumn: 39, message: /^"icc" must be a boolean, not a string, so dockerd refuses to start/ }],
    },
  ],
});

testRule(liveRestore, {
  valid: [{ name: 'unit: --live-restore', kind: 'systemd', path: OVERRIDE, code: unit('/usr/bin/dockerd --live-restore') }],
  invalid: [{ name: 'unit: --live-restore=false', kind: 'systemd', path: OVERRIDE, code: unit('/usr/bin/dockerd --live-restore=false'), errors: [{ line: 3, column: 28 }], output: unit('/usr/bin/dockerd --live-restore=true') }],
});

testRule(userlandProxy, {
  valid: [{ name: 'unit: --userland-proxy=false', kind: 'systemd', path: OVERRIDE, code: unit('/usr/bin/dockerd --userland-proxy=false') }],
  invalid: [{ name: 'unit: bare --userland-proxy', kind: 'systemd', path: OVERRIDE, code: unit('/usr/bin/dockerd --userland-proxy'), errors: [{ line: 3, column: 28 }], output: unit('/usr/bin/dockerd --userland-proxy=false') }],
});

testRule(insecureRegistry, {
  valid: [],
  invalid: [
    {
      name: 'unit: each --insecure-registry flag',
      kind: 'systemd',
      path: OVERRIDE,
      code: unit('/usr/bin/dockerd --insecure-registry registry.local:5000 --insecure-registry=10.0.0.0/8'),
      errors: [{ line: 3, column: 28, endColumn: 67 }, { line: 3, column: 68 }],
    },
  ],
});
