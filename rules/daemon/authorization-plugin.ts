import { defineRule } from '../engine/rule';
import { nodeSpan } from '../models/daemon';
import { cisDocker, reportAbsent } from '../models/daemon-checks';

export default defineRule({
  meta: {
    id: 'daemon/authorization-plugin',
    kind: 'daemon',
    title: 'Authorize Docker API requests with a plugin',
    stride: 'elevation-of-privilege',
    severity: 'info',
    fix: 'none',
    description:
      'Without `authorization-plugins` every client that can reach the Docker socket may do anything, including starting a privileged container that owns the host. An authorization plugin can allow or deny each API request. A finding about a key that is not set sits on the top-level object\'s opening brace (`--authorization-plugin` on the command line is equivalent).',
    remediation: 'Install and configure an authorization plugin (e.g. Open Policy Agent\'s `opa-docker-authz`) and list it in `"authorization-plugins"`.',
    references: cisDocker('2.12', '2.11'),
    examples: {
      invalid: [{ code: '{\n  "authorization-plugins": []\n}\n' }],
      valid: [{ code: '{\n  "authorization-plugins": ["opa-docker-authz"]\n}\n' }],
    },
  },
  check(context) {
    const { model } = context;
    const member = model.members.get('authorization-plugins');
    if (member) {
      if (member.value.type === 'array' && (member.value.children ?? []).length === 0) {
        context.report({ span: nodeSpan(member.value), message: '"authorization-plugins" is empty, so every client of the Docker socket may do anything, up to root on the host.' });
      }
      return;
    }
    reportAbsent(context, 'authorization-plugins', '"authorization-plugins" is not set in daemon.json (it may be set on the command line), so every client of the Docker socket may do anything, up to root on the host.');
  },
});
