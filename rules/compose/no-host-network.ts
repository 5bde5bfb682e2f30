import { defineRule } from '../engine/rule';
import { checkFieldValue } from '../models/compose-checks';

export default defineRule({
  meta: {
    id: 'compose/no-host-network',
    kind: 'compose',
    title: 'Do not share the host network namespace',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'suggest',
    description:
      "With `network_mode: host` the container uses the host's network stack: it can listen on any host interface and port, talk to services bound to the host's loopback and see host traffic; port publishing and network isolation no longer apply.",
    remediation: 'Remove `network_mode: host`, attach the service to a user-defined network and publish only the ports it needs.',
    references: [
      { source: 'cis-docker', id: '5.10', version: '1.6.0' },
      { source: 'cis-docker', id: '5.9', version: '1.2.0' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    network_mode: host\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    networks: [backend]\n' }],
    },
  },
  check(context) {
    checkFieldValue(context, 'network_mode', 'host', (name, from) => `Service "${name}" shares the host network namespace${from}, so it can bind any host port, reach services on localhost and sniff host traffic.`, { title: 'Remove `network_mode: host` (publish the needed ports instead)', safe: false });
  },
});
