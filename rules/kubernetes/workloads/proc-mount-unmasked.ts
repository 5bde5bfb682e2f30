import { defineRule } from '../../engine/rule';
import { containerSecurityField, describeContainer, stringOf, usesUserNamespace } from '../../models/kubernetes';
import { nodeSpan } from '../../models/yaml';

export default defineRule({
  meta: {
    id: 'kubernetes/proc-mount-unmasked',
    kind: 'kubernetes',
    title: 'Keep /proc masked',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'fix',
    description:
      '`procMount: Unmasked` removes the masks and read-only paths the runtime puts over `/proc` and `/sys` (`/proc/kcore`, `/proc/sysrq-trigger` …), exposing kernel interfaces to the container. Pod Security Standards baseline forbids it (relaxed for pods with `hostUsers: false`, reported there as a warning since restricted still forbids it).',
    remediation: 'Remove `procMount` or set it to `Default`.',
    references: [
      { source: 'pss', id: 'procMount', note: 'baseline' },
      { source: 'pss', id: 'procMount_restricted', note: 'restricted' },
      { source: 'kics', id: 'Container Runs Unmasked', note: 'Container Runs Unmasked' },
      { source: 'trivy', id: 'KSV027' },
      { source: 'kube-linter', id: 'unsafe-proc-mount' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n      securityContext:\n        procMount: Unmasked\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n      securityContext:\n        procMount: Default\n' }],
    },
  },
  check(context) {
    for (const pod of context.model.podSpecs) {
      for (const container of pod.containers) {
        const field = containerSecurityField(container, 'procMount');
        const value = stringOf(field?.node);
        if (!field || value === undefined || value === 'Default') continue;
        context.report({
          span: nodeSpan(field.node),
          severity: usesUserNamespace(pod) ? 'warning' : undefined,
          message: `The ${describeContainer(container)} sets \`procMount: ${value}\`, exposing the kernel interfaces under /proc that the runtime normally masks.`,
          fixes: [{ title: 'Set `procMount: Default`', safe: true, edits: [{ ...nodeSpan(field.node), newText: 'Default' }] }],
        });
      }
    }
  },
});
