import { defineRule } from '../engine/rule';
import { booleanOf, origin, textOf } from '../models/compose';
import { addLimit, fixesOf } from '../models/compose-fixes';

export default defineRule({
  meta: {
    id: 'compose/memory-limit',
    kind: 'compose',
    title: 'Limit memory',
    stride: 'denial-of-service',
    severity: 'warning',
    fix: 'suggest',
    description:
      'Without a memory limit one service can take all of the host\'s memory, and the kernel\'s OOM killer then picks victims among the other containers and host processes. `memswap_limit` and reservations alone are not limits.',
    remediation: 'Set `mem_limit` (e.g. `512m`) or `deploy.resources.limits.memory` (e.g. `"512M"`), in the spelling the file already uses.',
    references: [
      { source: 'cis-docker', id: '5.11', version: '1.6.0' },
      { source: 'cis-docker', id: '5.10', version: '1.2.0' },
      { source: 'kics', id: 'bb9ac4f7-e13b-423d-a010-c74a1bfbe492', note: 'Memory Not Limited' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n' }],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      if (!service.map) continue;
      const set = [service.get('mem_limit'), service.get('deploy', 'resources', 'limits', 'memory')].filter((value) => value !== undefined);
      const texts = set.map((value) => textOf(value!.node));
      if (texts.some((text) => text === undefined || !/^\s*0+\s*[bkmg]?b?\s*$/i.test(text))) continue;
      const oom = booleanOf(service.get('oom_kill_disable')) === true ? '; with oom_kill_disable it can hang the host' : '';
      if (set.length > 0) {
        context.report({ span: set[0]!.span, message: `Service "${service.name}" sets its memory limit to 0 (unlimited)${origin(set[0])}, so it can exhaust host memory${oom}.` });
        continue;
      }
      const { edit, written, span } = addLimit(context.text, service, ['mem_limit', '512m'], ['memory', '512M']);
      context.report({
        span,
        message: `Service "${service.name}" has no memory limit in this file, so it can exhaust host memory${oom}.`,
        fixes: () => fixesOf(`Add \`${written}\` (adjust to the service's needs)`, false, edit()),
      });
    }
  },
});
