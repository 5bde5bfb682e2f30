import { defineRule } from '../engine/rule';
import { origin, securityOptionsOf } from '../models/compose';
import { fixesOf, removeItem } from '../models/compose-fixes';

const BAD = new Set(['unconfined']);

export default defineRule({
  meta: {
    id: 'compose/systempaths-unconfined',
    kind: 'compose',
    title: 'Do not unmask system paths',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'fix',
    description:
      'Docker masks sensitive paths such as `/proc/kcore`, `/proc/keys`, `/sys/firmware` and makes others read-only. `systempaths=unconfined` in `security_opt` removes those masks: the compose twin of Kubernetes `procMount: Unmasked`.',
    remediation: 'Remove the `systempaths=unconfined` entry.',
    references: [
      { source: 'docs', id: 'security_opt', note: 'Compose specification: services.security_opt', url: 'https://docs.docker.com/reference/compose-file/services/#security_opt' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    security_opt:\n      - systempaths:unconfined\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    security_opt:\n      - no-new-privileges:true\n' }],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      const value = service.get('security_opt');
      for (const item of securityOptionsOf(context.model.document, value)) {
        if (item.key !== 'systempaths' || !BAD.has((item.value ?? '').toLowerCase())) continue;
        context.report({
          span: item.span,
          message: `Service "${service.name}" unmasks host system paths (${item.raw})${origin(value)}, so /proc/kcore, /sys/firmware and other host interfaces become readable or writable.`,
          fixes: fixesOf(`Remove \`${item.raw}\` (system paths stay masked)`, true, removeItem(context.text, value!, item)),
        });
      }
    }
  },
});
