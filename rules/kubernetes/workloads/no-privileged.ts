import { defineRule } from '../../engine/rule';
import { containerSecurityField, describeContainer } from '../../models/kubernetes';
import { asBoolean, nodeSpan } from '../../models/yaml';
import { removePair } from '../../models/yaml-edit';

export default defineRule({
  meta: {
    id: 'kubernetes/no-privileged',
    kind: 'kubernetes',
    title: 'Do not run privileged containers',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'suggest',
    description:
      'A privileged container gets every capability, all host devices and no seccomp or AppArmor confinement: a process that breaks out of it is root on the node. Pod Security Standards baseline forbids it.',
    remediation: 'Remove `privileged: true` (or set it to `false`) and add only the capabilities the workload really needs.',
    references: [
      { source: 'pss', id: 'privileged', note: 'baseline' },
      { source: 'cis-kubernetes', id: '5.2.2', version: '1.12' },
      { source: 'checkov', id: 'CKV_K8S_16' },
      { source: 'kics', id: 'dd29336b-fe57-445b-a26e-e6aa867ae609', note: 'Container Is Privileged' },
      { source: 'trivy', id: 'KSV017' },
      { source: 'kube-linter', id: 'privileged-container' },
      { source: 'polaris', id: 'runAsPrivileged' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: tools\nspec:\n  containers:\n    - name: tools\n      image: busybox:1.36\n      securityContext:\n        privileged: true\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: tools\nspec:\n  containers:\n    - name: tools\n      image: busybox:1.36\n      securityContext:\n        privileged: false\n' }],
    },
  },
  check(context) {
    for (const pod of context.model.podSpecs) {
      for (const container of pod.containers) {
        const field = containerSecurityField(container, 'privileged');
        if (!field || asBoolean(field.node) !== true) continue;
        const parentPair = container.node.items.find((pair) => pair.value === container.securityContext);
        const edit = removePair(context.text, field.map, field.pair, { parent: parentPair ? { map: container.node, pair: parentPair } : undefined });
        context.report({
          span: nodeSpan(field.node),
          message: `The ${describeContainer(container)} runs privileged, so a compromise of it is root on the node.`,
          fixes: edit ? [{ title: 'Remove `privileged: true`', safe: false, edits: [edit] }] : [],
        });
      }
    }
  },
});
