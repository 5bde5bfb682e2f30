import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import { containerSecurityField, describeContainer, podSecurityField, stringOf, type FieldRef } from '../../models/kubernetes';
import { asMap, findPair, getNode, nodeSpan } from '../../models/yaml';

const LEGACY_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const LEGACY_CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';

function allowedAnnotation(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

export default defineRule({
  meta: {
    id: 'kubernetes/seccomp-unconfined',
    kind: 'kubernetes',
    title: 'Do not disable seccomp',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'fix',
    description:
      'A seccomp profile of type `Unconfined` (or a legacy seccomp annotation naming anything but `runtime/default`, `docker/default` or `localhost/…`) lets the container call every system call, including the rarely used ones most kernel exploits go through. Pod Security Standards baseline forbids it.',
    remediation: 'Use `seccompProfile: {type: RuntimeDefault}` (or a `Localhost` profile) and drop the legacy annotations.',
    references: [
      { source: 'pss', id: 'seccompProfile_baseline', note: 'baseline' },
      { source: 'trivy', id: 'AVD-KSV-0104' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seccompProfile:\n      type: Unconfined\n  containers:\n    - name: web\n      image: web:2.1\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: web\n      image: web:2.1\n' }],
    },
  },
  check(context) {
    const checkField = (field: FieldRef | undefined, who: string) => {
      const type = getNode(asMap(field?.node), 'type');
      if (!isScalar(type) || stringOf(type) !== 'Unconfined') return;
      context.report({
        span: nodeSpan(type),
        message: `${who} runs without a seccomp profile (\`type: Unconfined\`), so every system call is open to an exploit.`,
        fixes: [{ title: 'Use the `RuntimeDefault` seccomp profile', safe: true, edits: [{ ...nodeSpan(type), newText: 'RuntimeDefault' }] }],
      });
    };
    for (const pod of context.model.podSpecs) {
      checkField(podSecurityField(pod, 'seccompProfile'), `${pod.manifest.kind} ${pod.manifest.name ?? ''}`.trim());
      for (const container of pod.containers) checkField(containerSecurityField(container, 'seccompProfile'), `The ${describeContainer(container)}`);
      const annotations = asMap(getNode(pod.podMetadata, 'annotations'));
      for (const pair of annotations?.items ?? []) {
        const key = stringOf(pair.key);
        const value = stringOf(pair.value);
        if (!key || value === undefined || !(key === LEGACY_POD || key.startsWith(LEGACY_CONTAINER)) || allowedAnnotation(value)) continue;
        const span = nodeSpan(findPair(annotations, key)?.value as never);
        context.report({
          span,
          message: `Annotation ${key} sets seccomp to "${value}", so ${key === LEGACY_POD ? 'the pod runs' : `container "${key.slice(LEGACY_CONTAINER.length)}" runs`} without a seccomp filter.`,
          fixes: [{ title: 'Use `runtime/default`', safe: true, edits: [{ ...span, newText: 'runtime/default' }] }],
        });
      }
    }
  },
});
