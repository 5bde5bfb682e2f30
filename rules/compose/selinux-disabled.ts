import { defineRule } from '../engine/rule';
import { origin, securityOptionsOf } from '../models/compose';
import { fixesOf, removeItem } from '../models/compose-fixes';

const BAD = new Set(['disable', 'type:spc_t']);

export default defineRule({
  meta: {
    id: 'compose/selinux-disabled',
    kind: 'compose',
    title: 'Do not disable SELinux labelling',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'fix',
    description:
      'On SELinux hosts every container runs with its own MCS label (`container_t`). `label=disable` or the super-privileged type `spc_t` in `security_opt` removes that confinement.',
    remediation: 'Remove the `label=disable` entry; set a specific `label=type:…` only when a policy is written for it.',
    references: [
      { source: 'cis-docker', id: '5.3', version: '1.6.0' },
      { source: 'cis-docker', id: '5.2', version: '1.2.0' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    security_opt:\n      - label:disable\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    security_opt:\n      - no-new-privileges:true\n' }],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      const value = service.get('security_opt');
      for (const item of securityOptionsOf(context.model.document, value)) {
        if (item.key !== 'label' || !BAD.has((item.value ?? '').toLowerCase())) continue;
        context.report({
          span: item.span,
          message: `Service "${service.name}" disables SELinux separation (${item.raw})${origin(value)}, so on SELinux hosts the container is not confined by its label.`,
          fixes: fixesOf(`Remove \`${item.raw}\` (SELinux labelling applies)`, true, removeItem(context.text, value!, item)),
        });
      }
    }
  },
});
