import { defineRule } from '../engine/rule';
import { checkSecurityOption } from '../models/compose-checks';

const BAD = ['unconfined'];

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
    checkSecurityOption(
      context,
      'apparmor',
      BAD,
      (name, entry, from) => `Service "${name}" runs without AppArmor confinement (${entry})${from}, so a compromised process is not limited by the docker-default profile.`,
      (entry) => `Remove \`${entry}\` (the default AppArmor profile applies)`,
    );
  },
});
