import { defineRule } from '../../engine/rule';
import { isStaticControlPlanePod } from '../../models/file-facts/kubernetes-facts';
import { describePod, manifestNameSpan } from '../../models/kubernetes';
import { kubernetesScope, namespaceObject } from '../scope';
import { podViolations, type PssLevel } from './pss-violations';

export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n';
const pod = (extra: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n${extra}  containers:\n    - name: web\n      image: web:2.1\n`;

export default defineRule({
  meta: {
    id: 'kubernetes/psa-enforce-violation',
    kind: 'kubernetes',
    title: 'Pods must satisfy their namespace\'s enforced Pod Security level',
    stride: 'denial-of-service',
    severity: 'error',
    fix: 'none',
    description:
      'A namespace labelled `pod-security.kubernetes.io/enforce: baseline` or `restricted` makes the API server reject every pod that breaks that Pod Security Standard: the workload is never scheduled (a Deployment keeps failing to create its pods). The pod is judged by stridelint\'s own Pod Security rules (host namespaces, privileged, capabilities, hostPath, runAsNonRoot, seccomp …), the Namespace found in the same file or anywhere in the workspace (Helm charts: their own files).',
    remediation: 'Fix the pod\'s securityContext (the Pod Security rules reported on it say how), or move it to a namespace whose level it is meant to run at.',
    references: [
      { source: 'docs', id: 'pod-security-admission', note: 'Kubernetes docs: Pod Security Admission', url: 'https://kubernetes.io/docs/concepts/security/pod-security-admission/' },
    ],
    examples: {
      invalid: [{ path: 'pod.yaml', code: pod('  hostNetwork: true\n'), files: { 'namespace.yaml': NAMESPACE } }],
      valid: [{ path: 'pod.yaml', code: pod(''), files: { 'namespace.yaml': NAMESPACE } }],
    },
  },
  check(context) {
    const scope = kubernetesScope(context);
    for (const pod of context.model.podSpecs) {
      if (isStaticControlPlanePod(pod, context.path)) continue;
      const name = pod.manifest.namespace ?? 'default';
      const namespace = namespaceObject(scope, name);
      const level = namespace?.labels[ENFORCE_LABEL];
      if (!namespace || (level !== 'baseline' && level !== 'restricted')) continue;
      const violations = podViolations(context, pod, level as PssLevel);
      if (violations.length === 0) continue;
      const ids = [...new Set(violations.map((violation) => violation.ruleId))];
      context.report({
        span: manifestNameSpan(pod.manifest),
        message: `${describePod(pod)} is rejected at admission: namespace "${name}" enforces Pod Security "${level}" and the pod breaks it (${ids.join(', ')}).`,
        related: [{ path: namespace.path, range: namespace.range, message: `Namespace "${name}" enforces Pod Security "${level}".` }],
      });
    }
  },
});
