import { defineRule } from '../engine/rule';
import { fieldIs, origin } from '../models/compose';
import { fixesOf, removeField } from '../models/compose-fixes';

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
    for (const service of context.model.services) {
      const value = fieldIs(service, ['network_mode'], 'bridge');
      if (!value) continue;
      context.report({
        span: value.span,
        message: `Service "${service.name}" is attached to the default bridge \`docker0\`${origin(value)}, where every container started without a network can reach it.`,
        fixes: fixesOf('Remove `network_mode: bridge` (use the project network)', true, removeField(context.text, value)),
      });
    }
  },
});
