import { defineRule } from '../../engine/rule';
import { capabilityEntries, containerSecurityField, describeContainer } from '../../models/kubernetes';
import { asBoolean, keySpan, nodeSpan } from '../../models/yaml';
import { setIn } from '../../models/yaml-edit';

export default defineRule({
  meta: {
    id: 'kubernetes/allow-privilege-escalation',
    kind: 'kubernetes',
    title: 'Set allowPrivilegeEscalation to false',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'suggest',
    description:
      'Unless `allowPrivilegeEscalation: false` is set, a process in the container can gain more privileges than its parent through setuid binaries or file capabilities (`no_new_privs` is off). The field defaults to true; Pod Security Standards restricted demands an explicit `false` (Windows pods are exempt).',
    remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container. The API rejects it together with `privileged: true` or an added `CAP_SYS_ADMIN`, so remove those first.',
    references: [
      { source: 'pss', id: 'allowPrivilegeEscalation', note: 'restricted' },
      { source: 'cis-kubernetes', id: '5.2.6', version: '1.12' },
      { source: 'checkov', id: 'CKV_K8S_20' },
      { source: 'kics', id: '5572cc5e-1e4c-4113-92a6-7a8a3bd25e6d', note: 'Privilege Escalation Allowed' },
      { source: 'trivy', id: 'KSV001' },
      { source: 'kube-linter', id: 'privilege-escalation-container' },
      { source: 'polaris', id: 'privilegeEscalationAllowed' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n      securityContext:\n        allowPrivilegeEscalation: true\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n      securityContext:\n        allowPrivilegeEscalation: false\n' }],
    },
  },
  check(context) {
    for (const pod of context.model.podSpecs) {
      if (pod.isWindows) continue;
      for (const container of pod.containers) {
        const field = containerSecurityField(container, 'allowPrivilegeEscalation');
        const value = field ? asBoolean(field.node) : undefined;
        if (value === false) continue;
        // The API rejects `allowPrivilegeEscalation: false` beside these: kubernetes/no-privileged and capabilities-added come first.
        const privileged = asBoolean(containerSecurityField(container, 'privileged')?.node) === true;
        const sysAdmin = capabilityEntries(container, 'add').some((entry) => entry.written === 'CAP_SYS_ADMIN');
        context.report({
          span: field ? nodeSpan(field.node, keySpan(field.pair)) : container.nameSpan,
          message: field
            ? `The ${describeContainer(container)} allows privilege escalation, so setuid binaries in it can gain more privileges than the process started with.`
            : `The ${describeContainer(container)} does not set \`allowPrivilegeEscalation: false\` (it defaults to true), so setuid binaries in it can gain privileges.`,
          fixes: () => {
            const edit = privileged || sysAdmin ? undefined : setIn(context.text, container.node, ['securityContext', 'allowPrivilegeEscalation'], 'false');
            return edit ? [{ title: 'Set `allowPrivilegeEscalation: false`', safe: false, edits: [edit] }] : [];
          },
        });
      }
    }
  },
});
