import { defineRule } from '../../engine/rule';
import { containerSecurityField, describeContainer, describePod, podSecurityField } from '../../models/kubernetes';
import { asSeqItems, nodeSpan, scalarValue } from '../../models/yaml';
import { uidOf } from './run-as-user-root';

export default defineRule({
  meta: {
    id: 'kubernetes/run-as-root-group',
    kind: 'kubernetes',
    title: 'Do not run with the root group',
    stride: 'elevation-of-privilege',
    severity: 'info',
    fix: 'suggest',
    description:
      'GID 0 in `runAsGroup`, `fsGroup` or `supplementalGroups` gives the container the root group: it can read and write every file that is group-owned by root, on the image and on mounted volumes. Pod Security Standards restricted lists non-root groups as an optional control.',
    remediation: 'Use a non-zero GID, e.g. `10001`.',
    references: [
      { source: 'pss', id: 'non-root groups (optional)', note: 'restricted' },
      { source: 'trivy', id: 'AVD-KSV-0116' },
      { source: 'trivy', id: 'KSV021' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsGroup: 0\n  containers:\n    - name: web\n      image: web:2.1\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsGroup: 10001\n    fsGroup: 10001\n  containers:\n    - name: web\n      image: web:2.1\n' }],
    },
  },
  check(context) {
    const fixes = (span: { start: number; end: number }) => [{ title: 'Use GID 10001', safe: false, edits: [{ ...span, newText: '10001' }] }];
    for (const pod of context.model.podSpecs) {
      const owner = describePod(pod);
      for (const key of ['runAsGroup', 'fsGroup']) {
        const field = podSecurityField(pod, key);
        if (uidOf(field?.value) === 0) context.report({ span: nodeSpan(field!.node), message: `${owner} sets \`${key}: 0\`, giving its processes the root group.`, fixes: fixes(nodeSpan(field!.node)) });
      }
      for (const entry of asSeqItems(podSecurityField(pod, 'supplementalGroups')?.node)) {
        if (uidOf(scalarValue(entry)) === 0) context.report({ span: nodeSpan(entry), message: `${owner} adds group 0 to \`supplementalGroups\`, giving its processes the root group.`, fixes: fixes(nodeSpan(entry)) });
      }
      for (const container of pod.containers) {
        const field = containerSecurityField(container, 'runAsGroup');
        if (uidOf(field?.value) === 0) context.report({ span: nodeSpan(field!.node), message: `The ${describeContainer(container)} sets \`runAsGroup: 0\`, giving it the root group.`, fixes: fixes(nodeSpan(field!.node)) });
      }
    }
  },
});
