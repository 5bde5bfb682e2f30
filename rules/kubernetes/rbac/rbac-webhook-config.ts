import { defineRule } from '../../engine/rule';
import { list, reportGrants } from './rbac-model';

const ADMISSION = ['admissionregistration.k8s.io'];

export default defineRule({
  meta: {
    id: 'kubernetes/rbac-webhook-config',
    kind: 'kubernetes',
    title: 'RBAC permission to change admission webhooks',
    stride: 'tampering',
    severity: 'warning',
    fix: 'none',
    description:
      'Admission webhooks see, and mutating ones rewrite, every object they match before it is stored. Whoever can create, change or delete MutatingWebhookConfigurations or ValidatingWebhookConfigurations can inject containers or credentials into new pods, read Secrets as they are written, or switch off the policy checks that validating webhooks enforce.',
    remediation: 'Keep write access to webhook configurations with the cluster administrators and the operators that own their own webhook (restrict those with `resourceNames`).',
    references: [
      { source: 'cis-kubernetes', id: '5.1.12', version: '1.12' },
      { source: 'checkov', id: 'CKV_K8S_155' },
      { source: 'trivy', id: 'KSV114' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: injector\nrules:\n  - apiGroups: ["admissionregistration.k8s.io"]\n    resources: ["mutatingwebhookconfigurations"]\n    verbs: ["get", "patch"]\n' }],
      valid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: injector\nrules:\n  - apiGroups: ["admissionregistration.k8s.io"]\n    resources: ["mutatingwebhookconfigurations"]\n    verbs: ["get", "list", "watch"]\n' }],
    },
  },
  check(context) {
    const targets = ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'].map((resource) => ({ groups: ADMISSION, resource }));
    reportGrants(context, 'warning', [{ verbs: ['create', 'update', 'patch', 'delete'], targets }], (grant) =>
      `${grant.role.label} grants ${list(grant.verbs)} on ${list(grant.resources)}, so its subjects can rewrite or let through every object the API server admits.`,
    );
  },
});
