import { defineRule } from '../engine/rule';
import { booleanSetting, nodeSpan } from '../models/daemon';
import { cisDocker, reportAbsent } from '../models/daemon-checks';
import { setKeyFix } from '../models/daemon-edit';

export default defineRule({
  meta: {
    id: 'daemon/userns-remap',
    kind: 'daemon',
    title: 'Remap container root to an unprivileged host user',
    stride: 'elevation-of-privilege',
    severity: 'info',
    fix: 'suggest',
    description:
      'Without `userns-remap` root in a container is root on the host: whoever breaks out of a container, or writes through a host mount, acts as the host\'s root. A rootless daemon (`"rootless": true`) solves the same problem and is not flagged. A finding about a key that is not set sits on the top-level object\'s opening brace (`--userns-remap` on the command line is equivalent). Linux only: the key is invalid on Windows, so a file that shows a Windows daemon is not checked.',
    remediation: 'Set `"userns-remap": "default"` (dockerd creates the `dockremap` user; `/etc/subuid` and `/etc/subgid` need ranges for it), or run the daemon rootless. Existing images and volumes are not visible to the remapped daemon until re-pulled or re-owned.',
    references: [...cisDocker('2.9', '2.8'), { source: 'cis-docker', id: '2.1', version: '1.6.0', note: 'rootless mode' }],
    examples: {
      invalid: [{ code: '{\n  "userns-remap": ""\n}\n' }],
      valid: [{ code: '{\n  "userns-remap": "default"\n}\n' }, { code: '{\n  "rootless": true\n}\n' }],
    },
  },
  check(context) {
    const { model } = context;
    if (model.windows || booleanSetting(model, 'rootless') === true) return;
    const member = model.members.get('userns-remap');
    const fixes = () => setKeyFix(model, 'userns-remap', 'default', 'Set `"userns-remap": "default"`', false);
    if (member) {
      if (member.value.type === 'string' && String(member.value.value).trim() === '') {
        context.report({ span: nodeSpan(member.value), message: '"userns-remap" is empty, so root in a container is root on the host.', fixes });
      }
      return;
    }
    reportAbsent(context, 'userns-remap', '"userns-remap" is not set in daemon.json (it may be set on the command line), so root in a container is root on the host.', fixes);
  },
});
