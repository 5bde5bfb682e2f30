import { defineRule } from '../../engine/rule';
import { containerSecurityField, describeContainer, regularContainers } from '../../models/kubernetes';
import { asBoolean, nodeSpan } from '../../models/yaml';
import { setIn } from '../../models/yaml-edit';

export default defineRule({
  meta: {
    id: 'kubernetes/readonly-root-filesystem',
    kind: 'kubernetes',
    title: 'Mount the root filesystem read-only',
    stride: 'tampering',
    severity: 'warning',
    fix: 'suggest',
    description:
      'A writable root filesystem lets an attacker who gets code execution change binaries and configuration, drop tools and persist until the container is replaced. `readOnlyRootFilesystem: true` makes the image immutable at run time; writable paths become explicit `emptyDir` mounts.',
    remediation: 'Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` at each path the process writes to (`/tmp`, caches).',
    references: [
      { source: 'cis-kubernetes', id: '5.6.3', version: '1.12' },
      { source: 'checkov', id: 'CKV_K8S_22' },
      { source: 'kics', id: 'Root Container Not Mounted Read-only', note: 'Root Container Not Mounted Read-only' },
      { source: 'trivy', id: 'KSV014' },
      { source: 'kube-linter', id: 'no-read-only-root-fs' },
      { source: 'polaris', id: 'notReadOnlyRootFilesystem' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n      securityContext:\n        readOnlyRootFilesystem: true\n' }],
    },
  },
  check(context) {
    for (const pod of context.model.podSpecs) {
      for (const container of regularContainers(pod)) {
        const field = containerSecurityField(container, 'readOnlyRootFilesystem');
        if (field && asBoolean(field.node) === true) continue;
        context.report({
          span: field ? nodeSpan(field.node) : container.nameSpan,
          message: `The ${describeContainer(container)} has a writable root filesystem, so an attacker can change its binaries and configuration.`,
          fixes: () => {
            const edit = setIn(context.text, container.node, ['securityContext', 'readOnlyRootFilesystem'], 'true');
            return edit ? [{ title: 'Set `readOnlyRootFilesystem: true`', safe: false, edits: [edit] }] : [];
          },
        });
      }
    }
  },
});
