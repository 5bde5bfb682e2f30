import { defineRule } from '../engine/rule';

export default defineRule({
  meta: {
    id: 'compose/unknown-key',
    kind: 'compose',
    title: 'Use only keys compose knows',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'none',
    description:
      'A misspelled key (`cap-drop`, `readonly`, `mem-limit`) is either rejected by docker compose or, with older tools, silently ignored: the hardening it was meant to add does not happen. The check uses stridelint\'s own compose schema; `x-` extension keys are always allowed.',
    remediation: 'Correct the key (the message suggests the closest known key) or move custom data under an `x-` key.',
    references: [{ source: 'docs', id: 'compose-spec', note: 'Compose specification', url: 'https://github.com/compose-spec/compose-spec/blob/main/spec.md' }],
    examples: {
      invalid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    cap-drop: [ALL]\n' }],
      valid: [{ code: 'services:\n  app:\n    image: busybox:1.36\n    cap_drop: [ALL]\n    x-team: payments\n' }],
    },
  },
  check(context) {
    for (const issue of context.model.schemaIssues) {
      if (issue.type === 'unknown-key') context.report({ span: issue.span, message: issue.message });
    }
  },
});
