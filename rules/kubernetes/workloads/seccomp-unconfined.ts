import { defineRule } from '../../engine/rule';
import { reportAnnotations, reportUnconfined } from './profiles';

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
    for (const pod of context.model.podSpecs) {
      reportUnconfined(context, pod, 'seccompProfile', (who) => `${who} runs without a seccomp profile (\`type: Unconfined\`), so every system call is open to an exploit.`);
      reportAnnotations(
        context,
        pod,
        (key) => key === LEGACY_POD || key.startsWith(LEGACY_CONTAINER),
        allowedAnnotation,
        (key, value) => `Annotation ${key} sets seccomp to "${value}", so ${key === LEGACY_POD ? 'the pod runs' : `container "${key.slice(LEGACY_CONTAINER.length)}" runs`} without a seccomp filter.`,
      );
    }
  },
});
