import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import { containerSecurityField, describeContainer, podSecurityField, stringOf, type FieldRef } from '../../models/kubernetes';
import { asMap, getNode, nodeSpan } from '../../models/yaml';

const ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

export default defineRule({
  meta: {
    id: 'kubernetes/apparmor-unconfined',
    kind: 'kubernetes',
    title: 'Do not disable AppArmor',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'fix',
    description:
      'An AppArmor profile of type `Unconfined`, or an AppArmor annotation naming anything but `runtime/default` or `localhost/…`, removes the mandatory access control that stops a compromised process from writing to `/proc`, mounting file systems or reaching host paths. Pod Security Standards baseline forbids it.',
    remediation: 'Use `appArmorProfile: {type: RuntimeDefault}` (or a `Localhost` profile), or set the annotation to `runtime/default`.',
    references: [
      { source: 'pss', id: 'appArmorProfile', note: 'baseline' },
      { source: 'trivy', id: 'KSV002' },
      { source: 'kics', id: '8b36775e-183d-4d46-b0f7-96a6f34a723f', note: 'Missing AppArmor Profile' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/web: unconfined\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/web: runtime/default\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n' }],
    },
  },
  check(context) {
    const checkField = (field: FieldRef | undefined, who: string) => {
      const type = getNode(asMap(field?.node), 'type');
      if (!isScalar(type) || stringOf(type) !== 'Unconfined') return;
      context.report({
        span: nodeSpan(type),
        message: `${who} runs without AppArmor (\`type: Unconfined\`), so nothing confines what a compromised process touches.`,
        fixes: [{ title: 'Use the `RuntimeDefault` AppArmor profile', safe: true, edits: [{ ...nodeSpan(type), newText: 'RuntimeDefault' }] }],
      });
    };
    for (const pod of context.model.podSpecs) {
      checkField(podSecurityField(pod, 'appArmorProfile'), `${pod.manifest.kind} ${pod.manifest.name ?? ''}`.trim());
      for (const container of pod.containers) checkField(containerSecurityField(container, 'appArmorProfile'), `The ${describeContainer(container)}`);
      for (const pair of asMap(getNode(pod.podMetadata, 'annotations'))?.items ?? []) {
        const key = stringOf(pair.key);
        const value = stringOf(pair.value);
        if (!key?.startsWith(ANNOTATION) || value === undefined || value === '' || value === 'runtime/default' || value.startsWith('localhost/')) continue;
        const span = nodeSpan(pair.value as never);
        context.report({
          span,
          message: `Annotation ${key} sets AppArmor to "${value}", so container "${key.slice(ANNOTATION.length)}" runs without the default confinement.`,
          fixes: [{ title: 'Use `runtime/default`', safe: true, edits: [{ ...span, newText: 'runtime/default' }] }],
        });
      }
    }
  },
});
