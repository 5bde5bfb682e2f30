import { defineRule } from '../../engine/rule';
import { containerSecurityField, describeContainer, describePod, type FieldRef, podSecurityField, usesUserNamespace } from '../../models/kubernetes';
import { nodeSpan } from '../../models/yaml';

/** A UID as Kubernetes reads it (an integer), else undefined. */
export function uidOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
}

export default defineRule({
  meta: {
    id: 'kubernetes/run-as-user-root',
    kind: 'kubernetes',
    title: 'Do not run as UID 0',
    stride: 'elevation-of-privilege',
    severity: 'error',
    fix: 'suggest',
    description:
      '`runAsUser: 0` runs the container as root whatever its image says; root in a container owns its files and is one kernel or runtime bug away from root on the node. Pod Security Standards restricted forbids it (pods with `hostUsers: false` are exempt). Option `minUid` (e.g. 10000) also reports low UIDs that may collide with node users.',
    remediation: 'Set a non-zero UID, e.g. `runAsUser: 10001`, and make the image work as that user.',
    references: [
      { source: 'pss', id: 'runAsUser', note: 'restricted' },
      { source: 'cis-kubernetes', id: '5.2.7', version: '1.12' },
      { source: 'trivy', id: 'AVD-KSV-0105' },
      { source: 'checkov', id: 'CKV_K8S_40', note: 'low UID' },
      { source: 'kics', id: 'Container Running With Low UID', note: 'Container Running With Low UID' },
      { source: 'trivy', id: 'KSV020', note: 'low UID' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 0\n  containers:\n    - name: web\n      image: web:2.1\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 10001\n  containers:\n    - name: web\n      image: web:2.1\n' }],
    },
  },
  check(context) {
    const minUid = typeof context.options.minUid === 'number' ? context.options.minUid : 1;
    const tooLow = (uid: number | undefined): uid is number => uid !== undefined && uid < minUid;
    const report = (field: FieldRef, uid: number, who: string) => {
      context.report({
        span: nodeSpan(field.node),
        severity: uid === 0 ? undefined : 'warning',
        message: uid === 0 ? `${who} runs as UID 0 (root), so a breakout starts as root.` : `${who} runs as UID ${uid}, below the configured minimum ${minUid}, which may match a privileged user on the node.`,
        fixes: [{ title: 'Run as UID 10001', safe: false, edits: [{ ...nodeSpan(field.node), newText: '10001' }] }],
      });
    };
    for (const pod of context.model.podSpecs) {
      if (usesUserNamespace(pod)) continue;
      const podField = podSecurityField(pod, 'runAsUser');
      const podUid = uidOf(podField?.value);
      // A pod-level UID 0 matters when some container inherits it.
      if (podField && tooLow(podUid) && pod.containers.some((container) => !containerSecurityField(container, 'runAsUser'))) report(podField, podUid, describePod(pod));
      for (const container of pod.containers) {
        const field = containerSecurityField(container, 'runAsUser');
        const uid = uidOf(field?.value);
        if (field && tooLow(uid)) report(field, uid, `The ${describeContainer(container)}`);
      }
    }
  },
});
