import { defineRule } from '../engine/rule';

export default defineRule({
  meta: {
    id: 'compose/conflicting-limits',
    kind: 'compose',
    title: 'Do not set a limit twice with different values',
    stride: 'denial-of-service',
    severity: 'error',
    fix: 'none',
    description:
      'Compose accepts `mem_limit`, `mem_reservation`, `cpus`, `pids_limit` and `scale` both as service keys and under `deploy`; when both spellings are set to different values, docker compose refuses the whole project ("can\'t set distinct values"), so none of the services start.',
    remediation: 'Keep one spelling, or make both values equal.',
    references: [{ source: 'docs', id: 'compose-go checkConsistency', note: 'compose-go loader/validate.go', url: 'https://github.com/compose-spec/compose-go/blob/main/loader/validate.go' }],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    mem_limit: 1g\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    mem_limit: 512m\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n' }],
    },
  },
  check(context) {
    for (const issue of context.model.schemaIssues) {
      if (issue.type === 'conflict') context.report({ span: issue.span, message: issue.message });
    }
  },
});
