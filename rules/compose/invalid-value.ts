import { defineRule } from '../engine/rule';

export default defineRule({
  meta: {
    id: 'compose/invalid-value',
    kind: 'compose',
    title: 'Give compose keys values of the right type',
    stride: 'denial-of-service',
    severity: 'error',
    fix: 'none',
    description:
      'docker compose validates every key\'s type before it starts anything: an unquoted `user: 0` (a number where a string is required) or `cap_add: ALL` (a string where a list is required) stops the whole project. Values written as `${VAR}` are strings and always pass.',
    remediation: 'Write the value with the type the compose specification gives it; quote numbers that are meant as strings (`user: "0"`).',
    references: [{ source: 'docs', id: 'compose-spec', note: 'Compose specification', url: 'https://github.com/compose-spec/compose-spec/blob/main/spec.md' }],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    user: 1000\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    user: "1000"\n' }],
    },
  },
  check(context) {
    for (const issue of context.model.schemaIssues) {
      if (issue.type === 'invalid-type') context.report({ span: issue.span, message: issue.message });
    }
  },
});
