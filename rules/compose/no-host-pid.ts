import { defineRule } from '../engine/rule';
import { checkFieldValue } from '../models/compose-checks';

export default defineRule({
  meta: {
    id: 'compose/no-host-pid',
    kind: 'compose',
    title: 'Do not share the host PID namespace',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'suggest',
    description:
      'With `pid: host` the container sees every host process, their command lines and environments, and with enough capabilities can signal or ptrace them.',
    remediation: 'Remove `pid: host`; share a PID namespace with one other service (`pid: service:<name>`) only when a sidecar needs it.',
    references: [
      { source: 'cis-docker', id: '5.16', version: '1.6.0' },
      { source: 'cis-docker', id: '5.15', version: '1.2.0' },
      { source: 'kics', id: '4f31dd9f-2cc3-4751-9b53-67e4af83dac0', note: 'Host Namespace is Shared' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    pid: host\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    read_only: true\n' }],
    },
  },
  check(context) {
    checkFieldValue(context, 'pid', 'host', (name, from) => `Service "${name}" shares the host PID namespace${from}, so it sees and can signal or trace every process on the host.`, { title: 'Remove `pid: host`', safe: false });
  },
});
