import { defineRule } from '../engine/rule';
import { jsonSecrets } from '../models/secrets/in-json';

export default defineRule({
  meta: {
    id: 'daemon/secret-in-config',
    kind: 'daemon',
    title: 'Keep credentials out of daemon.json',
    stride: 'information-disclosure',
    severity: 'error',
    fix: 'none',
    description:
      'daemon.json is world-readable on many hosts, copied into provisioning repositories and printed by support tools. A proxy URL with a password (`proxies.http-proxy`), a registry mirror with credentials, or a log driver token (`log-opts.splunk-token`, a `loki-url` with a password) written there leaks to everyone who can read the file. Values are always shown masked.',
    remediation: 'Keep proxy credentials out of the URL (a local authenticating proxy, or the systemd unit environment readable by root only) and pass log-driver tokens through a root-only file or the driver\'s own secret store; rotate the exposed credential.',
    references: [{ source: 'docs', id: 'dockerd-proxy', note: 'Docker docs: daemon proxy configuration', url: 'https://docs.docker.com/engine/daemon/proxy/' }],
    examples: {
      invalid: [{ code: '{\n  "proxies": { "http-proxy": "http://build:Wq9-proxy-77@proxy.corp:3128" }\n}\n' }],
      valid: [{ code: '{\n  "proxies": { "http-proxy": "http://proxy.corp:3128" }\n}\n' }],
    },
  },
  check(context) {
    for (const sighting of jsonSecrets(context.model.root, (path) => `"${path.join('.')}"`)) {
      if (sighting.verdict.verdict !== 'secret') continue;
      context.report({ span: sighting.span, message: `${sighting.subject} holds ${sighting.verdict.label} ("${sighting.verdict.masked}"), readable by anyone who can read daemon.json.`, data: { secretType: sighting.verdict.type } });
    }
  },
});
