import { defineRule } from '../../engine/rule';
import { reportAnnotations, reportUnconfined } from './profiles';

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
    for (const pod of context.model.podSpecs) {
      reportUnconfined(context, pod, 'appArmorProfile', (who) => `${who} runs without AppArmor (\`type: Unconfined\`), so nothing confines what a compromised process touches.`);
      reportAnnotations(
        context,
        pod,
        (key) => key.startsWith(ANNOTATION),
        (value) => value === '' || value === 'runtime/default' || value.startsWith('localhost/'),
        (key, value) => `Annotation ${key} sets AppArmor to "${value}", so container "${key.slice(ANNOTATION.length)}" runs without the default confinement.`,
      );
    }
  },
});
