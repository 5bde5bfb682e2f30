import { defineRule } from '../engine/rule';
import { checkSecurityOption } from '../models/compose-checks';

const BAD = ['unconfined'];

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
    checkSecurityOption(
      context,
      'seccomp',
      BAD,
      (name, entry, from) => `Service "${name}" runs without a seccomp profile (${entry})${from}, so every system call, including kernel attack surface Docker blocks by default, is open.`,
      (entry) => `Remove \`${entry}\` (the default seccomp profile applies)`,
    );
  },
});
