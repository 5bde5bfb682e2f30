import { defineRule } from '../engine/rule';
import { checkFieldValue } from '../models/compose-checks';

export default defineRule({
  meta: {
    id: 'compose/no-host-userns',
    kind: 'compose',
    title: 'Do not opt out of user-namespace remapping',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'none',
    description:
      "With `userns_mode: host` the service opts out of the daemon's `userns-remap`: UID 0 in the container is UID 0 on the host.",
    remediation: 'Remove `userns_mode: host`.',
    references: [
      { source: 'cis-docker', id: '5.31', version: '1.6.0' },
      { source: 'cis-docker', id: '5.30', version: '1.2.0' },
      { source: 'kics', id: '8af7162d-6c98-482f-868e-0d33fb675ca8', note: 'Shared Host User Namespace' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    userns_mode: host\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    read_only: true\n' }],
    },
  },
  check(context) {
    checkFieldValue(context, 'userns_mode', 'host', (name, from) => `Service "${name}" uses the host user namespace${from}, so root in the container is root on the host even when the daemon remaps users.`);
  },
});
