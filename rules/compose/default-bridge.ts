import { defineRule } from '../engine/rule';
import { checkFieldValue } from '../models/compose-checks';

export default defineRule({
  meta: {
    id: 'compose/default-bridge',
    kind: 'compose',
    title: 'Do not attach services to the default bridge',
    stride: 'information-disclosure',
    severity: 'info',
    fix: 'fix',
    description:
      "Compose creates a project network for each project; `network_mode: bridge` puts the service on Docker's default bridge instead, shared with every container started without a network and without name resolution isolation.",
    remediation: 'Remove `network_mode: bridge` so that the service joins the project network.',
    references: [
      { source: 'cis-docker', id: '5.30', version: '1.6.0' },
      { source: 'cis-docker', id: '5.29', version: '1.2.0' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    network_mode: bridge\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    networks: [backend]\n' }],
    },
  },
  check(context) {
    checkFieldValue(context, 'network_mode', 'bridge', (name, from) => `Service "${name}" is attached to the default bridge \`docker0\`${from}, where every container started without a network can reach it.`, { title: 'Remove `network_mode: bridge` (use the project network)', safe: true });
  },
});
