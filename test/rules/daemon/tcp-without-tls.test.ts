import rule from '../../../rules/daemon/tcp-without-tls';
import { testDaemonRule } from '../../helpers/daemon';

const SYSTEMD = 'and a "hosts" key makes dockerd refuse to start under a systemd unit that already passes -H';

testDaemonRule(rule, {
  valid: [
    { code: '{\n  "hosts": ["unix:///var/run/docker.sock", "fd://"]\n}\n' },
    { name: 'the empty string is the default socket', code: '{ "hosts": [""] }' },
    {
      name: 'mutual TLS with all three files',
      code: '{\n  "hosts": ["tcp://0.0.0.0:2376"],\n  "tlsverify": true,\n  "tlscacert": "/etc/docker/ca.pem",\n  "tlscert": "/etc/docker/server.pem",\n  "tlskey": "/etc/docker/server-key.pem"\n}\n',
    },
    { name: 'tls without any TCP listener in the file', code: '{ "tls": true }' },
  ],
  invalid: [
    {
      code: '{\n  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"]\n}\n',
      errors: [{ line: 2, column: 44, endColumn: 64, severity: 'error', message: `Host "tcp://0.0.0.0:2375" serves the Docker API over TCP without TLS client verification on the plaintext port 2375, so anyone who reaches it controls this host as root, ${SYSTEMD}.` }],
    },
    {
      name: 'scheme-less entries are TCP too',
      code: '{ "hosts": [":4243", "10.0.0.5:2376"] }',
      errors: [
        { line: 1, column: 13, message: `Host ":4243" serves the Docker API over TCP without TLS client verification, so anyone who reaches it controls this host as root, ${SYSTEMD}.` },
        { line: 1, column: 22 },
      ],
    },
    {
      name: 'tls alone encrypts but accepts any client: a warning',
      code: '{\n  "hosts": ["tcp://0.0.0.0:2376"],\n  "tls": true,\n  "tlscert": "/etc/docker/server.pem",\n  "tlskey": "/etc/docker/server-key.pem"\n}\n',
      errors: [{ line: 2, column: 13, severity: 'warning', message: `Host "tcp://0.0.0.0:2376" encrypts with TLS but, without "tlsverify": true, accepts any client as root on this host, ${SYSTEMD}.` }],
    },
    {
      name: 'tlsverify without its files falls back to the daemon user’s ~/.docker',
      code: '{\n  "hosts": ["tcp://0.0.0.0:2376"],\n  "tlsverify": true,\n  "tlscert": "/etc/docker/server.pem"\n}\n',
      errors: [{ line: 3, column: 3, endColumn: 14, severity: 'info', message: '"tlsverify": true without "tlscacert", "tlskey" falls back to ~/.docker/*.pem of the daemon user, which is easy to replace unnoticed.' }],
    },
  ],
});
