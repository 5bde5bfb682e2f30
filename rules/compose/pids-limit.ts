import { defineRule } from '../engine/rule';
import { origin, textOf } from '../models/compose';
import { addLimit, fixesOf } from '../models/compose-fixes';

export default defineRule({
  meta: {
    id: 'compose/pids-limit',
    kind: 'compose',
    title: 'Limit the number of processes',
    stride: 'denial-of-service',
    severity: 'warning',
    fix: 'suggest',
    description:
      'Without a PIDs limit a fork bomb or a leaking worker pool in one container exhausts the host\'s process table, and nothing else on the host can start a process.',
    remediation: 'Set `pids_limit` (e.g. `200`) or `deploy.resources.limits.pids`, in the spelling the file already uses.',
    references: [
      { source: 'cis-docker', id: '5.29', version: '1.6.0' },
      { source: 'cis-docker', id: '5.28', version: '1.2.0' },
      { source: 'kics', id: '221e0658-cb2a-44e3-b08a-db96a341d6fa', note: 'Pids Limit Not Set' },
    ],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    pids_limit: -1\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    pids_limit: 200\n' }],
    },
  },
  check(context) {
    for (const service of context.model.services) {
      if (!service.map) continue;
      const set = [service.get('pids_limit'), service.get('deploy', 'resources', 'limits', 'pids')].filter((value) => value !== undefined);
      const texts = set.map((value) => textOf(value!.node)?.trim());
      if (texts.some((text) => text === undefined || (text !== '0' && text !== '-1'))) continue;
      if (set.length > 0) {
        context.report({ span: set[0]!.span, message: `Service "${service.name}" sets an unlimited PIDs limit (${texts[0]})${origin(set[0])}, so a fork bomb can exhaust the host's process table.` });
        continue;
      }
      const { edit, written, span } = addLimit(context.text, service, ['pids_limit', '200'], ['pids', '200']);
      context.report({
        span,
        message: `Service "${service.name}" has no PIDs limit in this file, so a fork bomb can exhaust the host's process table.`,
        fixes: () => fixesOf(`Add \`${written}\` (adjust to the service's needs)`, false, edit()),
      });
    }
  },
});
