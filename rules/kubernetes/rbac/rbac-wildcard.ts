import { defineRule } from '../../engine/rule';
import { adjustSeverity, rbacOf, type Item, type PolicyRule } from './rbac-model';

const FIELDS = ['apiGroups', 'resources', 'verbs', 'nonResourceURLs'] as const;

const CONSEQUENCE: Record<(typeof FIELDS)[number], string> = {
  apiGroups: 'matches every API group, including those that CRDs add later',
  resources: 'grants every resource of the listed groups, Secrets and subresources such as pods/exec included',
  verbs: 'grants every verb, escalate, bind and impersonate included',
  nonResourceURLs: 'grants every non-resource endpoint of the API server',
};

const isWildcard = (field: (typeof FIELDS)[number], item: Item): boolean => item.value === '*' || (field === 'nonResourceURLs' && item.value === '/*');
const fullAccess = (rule: PolicyRule): boolean => rule.verbs.some((item) => item.value === '*') && rule.resources.some((item) => item.value === '*');

const groups = (rule: PolicyRule): string => rule.apiGroups.map((group) => (group.value === '' ? 'the core group' : group.value)).join(', ');

export default defineRule({
  meta: {
    id: 'kubernetes/rbac-wildcard',
    kind: 'kubernetes',
    title: 'No wildcards in RBAC rules',
    stride: 'elevation-of-privilege',
    severity: 'warning',
    fix: 'none',
    description:
      'A `*` in the `verbs`, `resources` or `apiGroups` of a Role or ClusterRole grants more than anyone reviewed: every verb (escalate, bind and impersonate too), every resource (Secrets and pods/exec too), and resources that do not exist yet but will once a CRD or a newer Kubernetes adds them. `*` in both verbs and resources is administrator access (reported as an error).',
    remediation: 'List the API groups, resources and verbs the subject needs explicitly, e.g. `verbs: ["get", "list", "watch"]` on `resources: ["configmaps"]`.',
    references: [
      { source: 'cis-kubernetes', id: '5.1.3', version: '1.12' },
      { source: 'checkov', id: 'CKV_K8S_49' },
      { source: 'kics', id: '6b896afb-ca07-467a-b256-1a0077a1c08e', note: 'RBAC Wildcard In Rule' },
      { source: 'trivy', id: 'KSV044' },
      { source: 'trivy', id: 'KSV045' },
      { source: 'trivy', id: 'KSV046' },
      { source: 'trivy', id: 'KSV112' },
      { source: 'kube-linter', id: 'wildcard-in-rules' },
    ],
    examples: {
      invalid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ops\nrules:\n  - apiGroups: ["apps"]\n    resources: ["deployments"]\n    verbs: ["*"]\n' }],
      valid: [{ code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ops\nrules:\n  - apiGroups: ["apps"]\n    resources: ["deployments"]\n    verbs: ["get", "list", "watch", "patch"]\n' }],
    },
  },
  check(context) {
    for (const role of rbacOf(context.model).roles) {
      for (const rule of role.rules) {
        const full = fullAccess(rule);
        const severity = adjustSeverity(full ? 'error' : 'warning', role, rule);
        for (const field of FIELDS) {
          for (const item of rule[field].filter((candidate) => isWildcard(field, candidate))) {
            const message = !full
              ? `${role.label} has "${item.value}" in ${field}, which ${CONSEQUENCE[field]}.`
              : rule.apiGroups.some((group) => group.value === '*')
                ? `${role.label} grants every verb on every resource ("*" in ${field}), which is administrator access.`
                : `${role.label} grants every verb on every resource of ${groups(rule)} ("*" in ${field}), full control of ${rule.apiGroups.length === 1 ? 'that API group' : 'those API groups'}.`;
            context.report({ span: item.span, message, severity, data: role.data });
          }
        }
      }
    }
  },
});
