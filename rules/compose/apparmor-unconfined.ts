import { defineRule } from '../engine/rule';
import { origin, securityOptionsOf } from '../models/compose';
import { fixesOf, removeItem } from '../models/compose-fixes';

const BAD = new Set(['unconfined']);

export default defineRule({
  meta: {
    id: 'compose/apparmor-unconfined',
    kind: 'compose',
    title: 'Do not run services without AppArmor',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'fix',
    description:
      'Docker confines every container with the `docker-default` AppArmor profile on hosts that have AppArmor. `apparmor=unconfined` (or `apparmor:unconfined`) in `security_opt` switches that off, removing a layer that blocks mounts, raw access to `/proc` and `/sys` files and more.',
    remediation: 'Remove the `apparmor=unconfined` entry so that the default profile applies, or name a custom profile (`apparmor=my-profile`).',
    references: [
      { source: 'cis-docker', id: '5.2', version: '1.6.0' },
      { source: 'cis-docker', id: '5.1', version: '1.2.0' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    security_opt:\n      - apparmor:unconfined\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    security_opt:\n      - no-new-privileges:true\n' }],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      const value = service.get('security_opt');
      for (const item of securityOptionsOf(context.model.document, value)) {
        if (item.key !== 'apparmor' || !BAD.has((item.value ?? '').toLowerCase())) continue;
        context.report({
          span: item.span,
          message: `Service "${service.name}" runs without AppArmor confinement (${item.raw})${origin(value)}, so a compromised process is not limited by the docker-default profile.`,
          fixes: fixesOf(`Remove \`${item.raw}\` (the default AppArmor profile applies)`, true, removeItem(context.text, value!, item)),
        });
      }
    }
  },
});
