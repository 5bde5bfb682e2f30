import { defineRule } from '../engine/rule';
import { checkSecurityOption } from '../models/compose-checks';

const BAD = ['disable', 'type:spc_t'];

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
    checkSecurityOption(
      context,
      'label',
      BAD,
      (name, entry, from) => `Service "${name}" disables SELinux separation (${entry})${from}, so on SELinux hosts the container is not confined by its label.`,
      (entry) => `Remove \`${entry}\` (SELinux labelling applies)`,
    );
  },
});
