import { defineRule } from '../../engine/rule';
import { describeContainer, effectiveSecurityField, stringOf, type Container, type PodSpec } from '../../models/kubernetes';
import { asMap, getNode } from '../../models/yaml';
import { setIn } from '../../models/yaml-edit';

/** The effective seccomp type of a container, `undefined` when none is set. */
function seccompType(pod: PodSpec, container: Container): { type?: string; localhostProfile?: string } {
  const profile = asMap(effectiveSecurityField(pod, container, 'seccompProfile')?.node);
  return { type: stringOf(getNode(profile, 'type')), localhostProfile: stringOf(getNode(profile, 'localhostProfile')) };
}

export default defineRule({
  meta: {
    id: 'kubernetes/seccomp-not-set',
    kind: 'kubernetes',
    title: 'Set a seccomp profile',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'suggest',
    description:
      'Without a seccomp profile in the pod spec, containers usually run unconfined (the kubelet applies `RuntimeDefault` only when `seccompDefault` is on, and that does not satisfy admission). Pod Security Standards restricted demands `RuntimeDefault` or `Localhost` on the pod or on every container; the legacy annotations do not count. Windows pods are exempt.',
    remediation: 'Add `securityContext.seccompProfile: {type: RuntimeDefault}` at pod level.',
    references: [
      { source: 'pss', id: 'seccompProfile_restricted', note: 'restricted' },
      { source: 'cis-kubernetes', id: '5.6.2', version: '1.12' },
      { source: 'checkov', id: 'CKV_K8S_31' },
      { source: 'kics', id: 'Seccomp Profile Is Not Configured', note: 'Seccomp Profile Is Not Configured' },
      { source: 'trivy', id: 'KSV030' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:2.1\n' }],
      valid: [{ code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: web\n      image: web:2.1\n' }],
    },
  },
  check(context) {
    for (const pod of context.model.podSpecs) {
      if (pod.isWindows) continue;
      const missing = pod.containers.filter((container) => {
        const { type, localhostProfile } = seccompType(pod, container);
        // `Unconfined` is kubernetes/seccomp-unconfined's finding.
        return type !== 'RuntimeDefault' && type !== 'Unconfined' && !(type === 'Localhost' && localhostProfile);
      });
      const podProfile = asMap(getNode(pod.securityContext, 'seccompProfile'));
      const forPod = missing.length === pod.containers.length && !podProfile;
      for (const container of missing) {
        const fixes = () => {
          const podFix = forPod ? setIn(context.text, pod.spec, ['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault') : undefined;
          const own = setIn(context.text, container.node, ['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault');
          const list = [];
          if (podFix && missing.length === 1) list.push({ title: 'Set `seccompProfile.type: RuntimeDefault` for the pod', safe: false, edits: [podFix] });
          if (own) list.push({ title: 'Set `seccompProfile.type: RuntimeDefault` for this container', safe: false, edits: [own] });
          if (podFix && missing.length > 1) list.push({ title: 'Set `seccompProfile.type: RuntimeDefault` for the pod', safe: false, edits: [podFix] });
          return list;
        };
        const { type } = seccompType(pod, container);
        context.report({
          span: container.nameSpan,
          message: type === 'Localhost'
            ? `The ${describeContainer(container)} uses a Localhost seccomp profile without \`localhostProfile\`, so it is not admitted under the restricted profile.`
            : `The ${describeContainer(container)} has no seccomp profile (none on it or on the pod), so it may run with every system call allowed.`,
          fixes,
        });
      }
    }
  },
});
