import { defineRule } from '../engine/rule';
import { addLimit, fixesOf } from '../models/compose-fixes';

export default defineRule({
  meta: {
    id: 'compose/cpu-limit',
    kind: 'compose',
    title: 'Limit CPU',
    stride: 'denial-of-service',
    severity: 'info',
    fix: 'suggest',
    description:
      'Without `cpus`, `cpu_shares` or `deploy.resources.limits.cpus` a busy or compromised service can starve its neighbours and the host of CPU time. (`cpu_quota` alone does not satisfy CIS 5.12, which reads CPU shares or NanoCpus.)',
    remediation: 'Set `cpus` (e.g. `1.0`) or `deploy.resources.limits.cpus` (e.g. `"1.0"`), in the spelling the file already uses.',
    references: [
      { source: 'cis-docker', id: '5.12', version: '1.6.0' },
      { source: 'cis-docker', id: '5.11', version: '1.2.0' },
      { source: 'kics', id: '6b610c50-99fb-4ef0-a5f3-e312fd945bc3', note: 'Cpus Not Limited' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    cpus: 0.5\n' }],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      if (!service.map) continue;
      if (service.get('cpus') || service.get('cpu_shares') || service.get('deploy', 'resources', 'limits', 'cpus')) continue;
      const { edit, written, span } = addLimit(context.text, service, ['cpus', '1.0'], ['cpus', '"1.0"']);
      context.report({
        span,
        message: `Service "${service.name}" has no CPU limit in this file, so it can starve other services of CPU time.`,
        fixes: () => fixesOf(`Add \`${written}\` (adjust to the service's needs)`, false, edit()),
      });
    }
  },
});
