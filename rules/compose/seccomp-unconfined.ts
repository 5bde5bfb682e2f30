import { defineRule } from '../engine/rule';
import { origin, securityOptionsOf } from '../models/compose';
import { fixesOf, removeItem } from '../models/compose-fixes';

const BAD = new Set(['unconfined']);

export default defineRule({
  meta: {
    id: 'compose/seccomp-unconfined',
    kind: 'compose',
    title: 'Do not run services without seccomp',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'fix',
    description:
      'Docker\'s default seccomp profile blocks about 44 system calls that containers rarely need and that often carry kernel exploits (`keyctl`, `add_key`, `unshare`, `mount` …). `seccomp=unconfined` in `security_opt` removes it.',
    remediation: 'Remove the `seccomp=unconfined` entry so that the default profile applies, or point to a custom profile (`seccomp=./profile.json`).',
    references: [
      { source: 'cis-docker', id: '5.22', version: '1.6.0' },
      { source: 'cis-docker', id: '5.21', version: '1.2.0' },
      { source: 'kics', id: '404fde2c-bc4b-4371-9747-7054132ac953', note: 'Default Seccomp Profile Disabled' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    security_opt:\n      - seccomp:unconfined\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    security_opt:\n      - no-new-privileges:true\n' }],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      const value = service.get('security_opt');
      for (const item of securityOptionsOf(context.model.document, value)) {
        if (item.key !== 'seccomp' || !BAD.has((item.value ?? '').toLowerCase())) continue;
        context.report({
          span: item.span,
          message: `Service "${service.name}" runs without a seccomp profile (${item.raw})${origin(value)}, so every system call, including kernel attack surface Docker blocks by default, is open.`,
          fixes: fixesOf(`Remove \`${item.raw}\` (the default seccomp profile applies)`, true, removeItem(context.text, value!, item)),
        });
      }
    }
  },
});
