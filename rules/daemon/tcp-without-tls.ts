import { defineRule } from '../engine/rule';
import { booleanSetting, nodeSpan, stringItems } from '../models/daemon';
import { cisDocker } from '../models/daemon-checks';

const NOT_TCP = /^(?:unix|fd|npipe|ssh):\/\//i;
const TLS_FILES = ['tlscacert', 'tlscert', 'tlskey'] as const;
const SYSTEMD_NOTE = 'and a "hosts" key makes dockerd refuse to start under a systemd unit that already passes -H';

/** dockerd reads a scheme-less, non-empty host (`host:port`, `:port`) as TCP. */
function isTcp(host: string): boolean {
  const trimmed = host.trim();
  return trimmed !== '' && !NOT_TCP.test(trimmed);
}

export default defineRule({
  meta: {
    id: 'daemon/tcp-without-tls',
    kind: 'daemon',
    title: 'Authenticate clients of a TCP Docker socket with mutual TLS',
    stride: 'spoofing',
    severity: 'error',
    fix: 'none',
    description:
      'A `tcp://` (or scheme-less `host:port`) entry in `hosts` exposes the Docker API, which is root on the host, to the network. Only `"tlsverify": true` authenticates clients with certificates; `"tls": true` alone encrypts but accepts any client (a warning), and plain TCP, classically port 2375, accepts anyone (an error). `"tlsverify": true` without all of `tlscacert`, `tlscert` and `tlskey` falls back to `~/.docker/*.pem` of the daemon user (info). Note also that most distribution systemd units start `dockerd -H fd://`; a `hosts` key in daemon.json then makes dockerd refuse to start ("specified both as a flag and in the configuration file").',
    remediation: 'Set `"tlsverify": true` with `"tlscacert"`, `"tlscert"` and `"tlskey"` and listen on port 2376, or drop the TCP listener and reach the daemon over `ssh://` from the client. When you set `hosts`, remove `-H` from the systemd unit (a drop-in with an empty `ExecStart=`).',
    references: [...cisDocker('2.7', '2.6'), { source: 'docs', id: 'protect-access', note: 'Docker docs: Protect the Docker daemon socket' }],
    examples: {
      invalid: [
        { code: '{\n  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"]\n}\n' },
        { code: '{\n  "hosts": ["tcp://0.0.0.0:2376"],\n  "tls": true\n}\n' },
      ],
      valid: [
        { code: '{\n  "hosts": ["tcp://0.0.0.0:2376"],\n  "tlsverify": true,\n  "tlscacert": "/etc/docker/ca.pem",\n  "tlscert": "/etc/docker/server.pem",\n  "tlskey": "/etc/docker/server-key.pem"\n}\n' },
        { code: '{\n  "hosts": ["unix:///var/run/docker.sock", "fd://"]\n}\n' },
      ],
    },
  },
  check(context) {
    const { model } = context;
    const tlsverify = booleanSetting(model, 'tlsverify') === true;
    const tls = booleanSetting(model, 'tls') === true;
    const note = model.flags ? '' : `, ${SYSTEMD_NOTE}`; // flags are what a unit passes: the note is about daemon.json
    for (const host of stringItems(model, 'hosts')) {
      if (!isTcp(host.value) || tlsverify) continue;
      const port = /:(\d+)\/?$/.exec(host.value.trim())?.[1];
      const plaintext = port === '2375' ? ' on the plaintext port 2375' : '';
      context.report(
        tls
          ? { span: nodeSpan(host.node), severity: 'warning', message: `Host "${host.value}" encrypts with TLS but, without "tlsverify": true, accepts any client as root on this host${note}.` }
          : { span: nodeSpan(host.node), message: `Host "${host.value}" serves the Docker API over TCP without TLS client verification${plaintext}, so anyone who reaches it controls this host as root${note}.` },
      );
    }
    const verify = model.members.get('tlsverify');
    const missing = TLS_FILES.filter((key) => !model.members.has(key));
    if (tlsverify && verify && missing.length > 0) {
      context.report({
        span: nodeSpan(verify.keyNode),
        severity: 'info',
        message: `"tlsverify": true without ${missing.map((key) => `"${key}"`).join(', ')} falls back to ~/.docker/*.pem of the daemon user, which is easy to replace unnoticed.`,
      });
    }
  },
});
