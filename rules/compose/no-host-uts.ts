import { defineRule } from '../engine/rule';
import { checkFieldValue } from '../models/compose-checks';

export default defineRule({
  meta: {
    id: 'compose/no-host-uts',
    kind: 'compose',
    title: 'Do not share the host UTS namespace',
    stride: 'tampering',
    severity: 'info',
    fix: 'none',
    description:
      "With `uts: host` the container shares the host's hostname and domain name and, with `SYS_ADMIN`, can change them for the whole host.",
    remediation: 'Remove `uts: host`; set `hostname:` if the service needs a particular name.',
    references: [
      { source: 'cis-docker', id: '5.21', version: '1.6.0' },
      { source: 'cis-docker', id: '5.20', version: '1.2.0' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    uts: host\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    read_only: true\n' }],
    },
  },
  check(context) {
    checkFieldValue(context, 'uts', 'host', (name, from) => `Service "${name}" shares the host UTS namespace${from}, so it can change the host's hostname.`);
  },
});
