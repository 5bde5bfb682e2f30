import { defineRule } from '../engine/rule';
import { checkFieldValue } from '../models/compose-checks';

export default defineRule({
  meta: {
    id: 'compose/no-host-ipc',
    kind: 'compose',
    title: 'Do not share the host IPC namespace',
    stride: 'information-disclosure',
    severity: 'warning',
    fix: 'suggest',
    description:
      'With `ipc: host` the container shares System V IPC and POSIX shared memory with the host, so it can read or corrupt data other host processes keep there.',
    remediation: 'Remove `ipc: host`; use `ipc: shareable` on one service and `ipc: service:<name>` on another for explicit sharing.',
    references: [
      { source: 'cis-docker', id: '5.17', version: '1.6.0' },
      { source: 'cis-docker', id: '5.16', version: '1.2.0' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    ipc: host\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    read_only: true\n' }],
    },
  },
  check(context) {
    checkFieldValue(context, 'ipc', 'host', (name, from) => `Service "${name}" shares the host IPC namespace${from}, so it can read and write host shared memory and semaphores.`, { title: 'Remove `ipc: host`', safe: false });
  },
});
