import { defineRule } from '../engine/rule';
import { origin, textOf } from '../models/compose';
import { fixesOf } from '../models/compose-fixes';
import { replaceNode } from '../models/yaml-scalar';

const MAX = 5;

export default defineRule({
  meta: {
    id: 'compose/restart-policy',
    kind: 'compose',
    title: 'Cap restarts at five attempts',
    stride: 'denial-of-service',
    severity: 'info',
    fix: 'suggest',
    description:
      'A service that restarts forever (`always`, `unless-stopped`, `on-failure` without a count, or a swarm `restart_policy` without `max_attempts`) keeps crash-looping, burning CPU and log space and hiding the failure; CIS asks for at most five attempts.',
    remediation: 'Use `restart: "on-failure:5"`, or `deploy.restart_policy.max_attempts: 5`.',
    references: [
      { source: 'cis-docker', id: '5.15', version: '1.6.0' },
      { source: 'cis-docker', id: '5.14', version: '1.2.0' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    restart: always\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    restart: "on-failure:5"\n' }],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      const restart = service.get('restart');
      const policy = restart && textOf(restart.node)?.trim().toLowerCase();
      if (policy !== undefined) {
        const match = /^on-failure(?::(\d+))?$/.exec(policy);
        const unbounded = policy === 'always' || policy === 'unless-stopped' || (match !== null && (match[1] === undefined || Number(match[1]) > MAX));
        if (unbounded) {
          context.report({
            span: restart!.span,
            message: `Service "${service.name}" restarts ${match?.[1] ? `up to ${match[1]} times` : 'without limit'} ("${policy}")${origin(restart)}, so a crash loop keeps consuming the host.`,
            fixes: () => fixesOf('Restart at most five times (`"on-failure:5"`)', false, restart!.inheritedFrom ? undefined : replaceNode(restart!.node, '"on-failure:5"')),
          });
        }
      }
      const swarm = service.get('deploy', 'restart_policy');
      if (!swarm) continue;
      const condition = textOf(service.get('deploy', 'restart_policy', 'condition')?.node)?.trim().toLowerCase() ?? 'any';
      if (condition === 'none') continue;
      const attempts = service.get('deploy', 'restart_policy', 'max_attempts');
      const count = attempts ? Number(textOf(attempts.node)) : undefined;
      if (attempts && (count === undefined || Number.isNaN(count) || count <= MAX)) continue;
      context.report({
        span: attempts ? attempts.span : swarm.span,
        message: `Service "${service.name}" restarts on "${condition}" ${attempts ? `up to ${count} times` : 'without max_attempts'}${origin(swarm)}, so a crash loop keeps consuming the host.`,
      });
    }
  },
});
