import { defineRule } from '../../engine/rule';
import { containerSecurityField, describeContainer, describePod, effectiveSecurityField, podSecurityField, usesUserNamespace } from '../../models/kubernetes';
import { asBoolean, nodeSpan } from '../../models/yaml';
import { setIn } from '../../models/yaml-edit';
import { uidOf } from './run-as-user-root';

export default defineRule({
  meta: {
    id: 'kubernetes/run-as-non-root',
    kind: 'kubernetes',
    title: 'Require containers to run as non-root',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'suggest',
    description:
      'Without `runAsNonRoot: true` the kubelet starts a container as whatever user its image says, root by default, and root in a container is one kernel bug away from root on the node. A pod-level `true` covers every container that does not override it; a `false` anywhere fails Pod Security Standards restricted. Pods with `hostUsers: false` (user namespaces) are exempt.',
    remediation: 'Set `securityContext.runAsNonRoot: true` at pod level (and `runAsUser: 10001` when the image user is root or a name, which the kubelet cannot verify).',
    references: [
      { source: 'pss', id: 'runAsNonRoot', note: 'restricted' },
      { source: 'cis-kubernetes', id: '5.2.7', version: '1.12' },
      { source: 'checkov', id: 'CKV_K8S_23' },
      { source: 'kics', id: 'cf34805e-3872-4c08-bf92-6ff7bb0cfadb', note: 'Container Running As Root' },
      { source: 'kics', id: 'Root Containers Admitted', note: 'Root Containers Admitted' },
      { source: 'trivy', id: 'KSV012' },
      { source: 'kube-linter', id: 'run-as-non-root' },
      { source: 'polaris', id: 'runAsRootAllowed' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: web\n      image: web:2.1\n' }],
    },
  },
  check(context) {
    for (const pod of context.model.podSpecs) {
      if (usesUserNamespace(pod)) continue;
      const podField = podSecurityField(pod, 'runAsNonRoot');
      const podValue = podField ? asBoolean(podField.node) : undefined;
      const podFix = () => setIn(context.text, pod.spec, ['securityContext', 'runAsNonRoot'], 'true');
      if (podField && podValue === false) {
        context.report({
          span: nodeSpan(podField.node),
          message: `${describePod(pod)} sets \`runAsNonRoot: false\` for the whole pod, so its containers may run as root.`,
          fixes: () => {
            const edit = podFix();
            return edit ? [{ title: 'Set `runAsNonRoot: true` for the pod', safe: false, edits: [edit] }] : [];
          },
        });
      }
      const missing = pod.containers.filter((container) => !containerSecurityField(container, 'runAsNonRoot'));
      for (const container of pod.containers) {
        const field = containerSecurityField(container, 'runAsNonRoot');
        const value = field ? asBoolean(field.node) : undefined;
        if (value === true || (!field && podValue === true)) continue;
        if (!field && podField && podValue === false) continue; // reported once, at the pod
        const fixes = () => {
          const edit = setIn(context.text, container.node, ['securityContext', 'runAsNonRoot'], 'true');
          const list = edit ? [{ title: 'Set `runAsNonRoot: true` for this container', safe: false, edits: [edit] }] : [];
          const forPod = !field && missing.length === pod.containers.length && !podField ? podFix() : undefined;
          if (forPod) list.push({ title: 'Set `runAsNonRoot: true` for the pod', safe: false, edits: [forPod] });
          return list;
        };
        context.report({
          span: field ? nodeSpan(field.node) : container.nameSpan,
          message: field
            ? `The ${describeContainer(container)} sets \`runAsNonRoot: false\`, so it may run as root.`
            : uidOf(effectiveSecurityField(pod, container, 'runAsUser')?.value)
              ? `The ${describeContainer(container)} sets a UID but not \`runAsNonRoot: true\`, so nothing stops a later change to UID 0 and the restricted profile rejects it.`
              : `The ${describeContainer(container)} does not require a non-root user (no \`runAsNonRoot: true\` here or on the pod), so it runs as root if its image does.`,
          fixes,
        });
      }
    }
  },
});
