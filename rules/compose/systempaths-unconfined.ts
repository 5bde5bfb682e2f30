import { defineRule } from '../engine/rule';
import { checkSecurityOption } from '../models/compose-checks';

const BAD = ['unconfined'];

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
    checkSecurityOption(
      context,
      'systempaths',
      BAD,
      (name, entry, from) => `Service "${name}" unmasks host system paths (${entry})${from}, so /proc/kcore, /sys/firmware and other host interfaces become readable or writable.`,
      (entry) => `Remove \`${entry}\` (system paths stay masked)`,
    );
  },
});
