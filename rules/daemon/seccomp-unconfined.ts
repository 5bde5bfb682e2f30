import { defineRule } from '../engine/rule';
import { nodeSpan, stringSetting } from '../models/daemon';
import { cisDocker } from '../models/daemon-checks';
import { removeKeyFix } from '../models/daemon-edit';

export default defineRule({
  meta: {
    id: 'daemon/seccomp-unconfined',
    kind: 'daemon',
    title: 'Keep the default seccomp profile',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'fix',
    description:
      '`"seccomp-profile": "unconfined"` turns off system-call filtering for every container, opening the kernel\'s whole attack surface (`keyctl`, `unshare`, `mount`, …) to a compromised process: an error. A custom profile path is reported for review (info), since it may allow more than the built-in default.',
    remediation: 'Remove `seccomp-profile` (or set `"builtin"`) so the built-in default applies; give an individual container a different profile with `--security-opt seccomp=…` when it really needs one.',
    references: cisDocker('2.17', '2.15'),
    examples: {
      invalid: [{ code: '{\n  "seccomp-profile": "unconfined"\n}\n' }, { code: '{\n  "seccomp-profile": "/etc/docker/seccomp.json"\n}\n' }],
      valid: [{ code: '{\n  "seccomp-profile": "builtin"\n}\n' }],
    },
  },
  check(context) {
    const { model } = context;
    const profile = stringSetting(model, 'seccomp-profile');
    if (profile === undefined || profile.trim() === '' || profile.trim() === 'builtin') return;
    const span = nodeSpan(model.members.get('seccomp-profile')!.value);
    if (profile.trim().toLowerCase() === 'unconfined') {
      context.report({
        span,
        message: '"seccomp-profile": "unconfined" turns off system-call filtering for every container, exposing the whole kernel to a compromised process.',
        fixes: removeKeyFix(model, 'seccomp-profile', 'Remove `"seccomp-profile"` to use the built-in default', true),
      });
      return;
    }
    context.report({ span, severity: 'info', message: `Custom seccomp profile "${profile}" replaces the built-in default for every container; review that it allows no more than the default.` });
  },
});
