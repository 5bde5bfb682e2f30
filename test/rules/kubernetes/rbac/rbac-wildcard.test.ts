import rule from '../../../../rules/kubernetes/rbac/rbac-wildcard';
import { testRule } from '../../../helpers/rule-tester';

const role = (rules: string, kind = 'Role') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: app\n  namespace: shop\nrules:\n${rules}`;

testRule(rule, {
  valid: [
    { code: role('  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get", "list"]\n') },
    { name: 'a wildcard outside RBAC (a webhook rule) is not a grant', code: 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata:\n  name: hook\nwebhooks:\n  - name: a.example.com\n    rules:\n      - apiGroups: ["*"]\n        resources: ["*"]\n        operations: ["*"]\n' },
    {
      name: 'an aggregating ClusterRole: its rules are the aggregated roles’, written elsewhere',
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: monitoring\naggregationRule:\n  clusterRoleSelectors:\n    - matchLabels:\n        example.com/aggregate-to-monitoring: "true"\nrules: []\n',
    },
    { name: 'a Role from another API group is not RBAC', code: 'apiVersion: example.com/v1\nkind: Role\nmetadata:\n  name: x\nrules:\n  - verbs: ["*"]\n' },
  ],
  invalid: [
    {
      name: 'wildcard verbs on one resource',
      code: role('  - apiGroups: ["apps"]\n    resources: ["deployments"]\n    verbs: ["*"]\n'),
      errors: [{ line: 9, column: 13, endColumn: 16, severity: 'warning', message: 'Role "app" has "*" in verbs, which grants every verb, escalate, bind and impersonate included.' }],
    },
    {
      name: 'every verb on every resource is administrator access: an error at each "*"',
      code: role('  - apiGroups:\n      - "*"\n    resources:\n      - "*"\n    verbs: ["*"]\n', 'ClusterRole'),
      errors: [
        { line: 8, column: 9, severity: 'error', message: 'ClusterRole "app" grants every verb on every resource ("*" in apiGroups), which is administrator access.' },
        { line: 10, column: 9, severity: 'error' },
        { line: 11, column: 13, severity: 'error' },
      ],
    },
    {
      name: 'every verb on every resource of named API groups is full control of those groups, still an error',
      code: role('  - apiGroups: ["metrics.k8s.io"]\n    resources: ["*"]\n    verbs: ["*"]\n', 'ClusterRole'),
      errors: [
        { line: 8, column: 17, severity: 'error', message: 'ClusterRole "app" grants every verb on every resource of metrics.k8s.io ("*" in resources), full control of that API group.' },
        { line: 9, column: 13, severity: 'error' },
      ],
    },
    {
      name: 'resourceNames narrows the grant one level; nonResourceURLs "*" is reported too',
      code: role('  - apiGroups: [""]\n    resources: ["configmaps"]\n    resourceNames: ["app-config"]\n    verbs: ["*"]\n  - nonResourceURLs: ["/*"]\n    verbs: ["get"]\n', 'ClusterRole'),
      errors: [
        { line: 10, column: 13, severity: 'info' },
        { line: 11, column: 23, severity: 'warning', message: 'ClusterRole "app" has "/*" in nonResourceURLs, which grants every non-resource endpoint of the API server.' },
      ],
    },
    {
      name: 'several documents, a List, and a cluster-wide binding to a service account (one level up)',
      code:
        '# first document: only comments\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: rbac.authorization.k8s.io/v1\n    kind: ClusterRole\n    metadata:\n      name: deployer\n    rules:\n      - apiGroups: ["apps"]\n        resources: ["*"]\n        verbs: ["get"]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: deployer\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: deployer\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: build\n---\n' +
        role('  - apiGroups: ["*"]\n    resources: ["pods"]\n    verbs: ["get"]\n'),
      errors: [
        { line: 12, column: 21, severity: 'error', message: 'ClusterRole "deployer" has "*" in resources, which grants every resource of the listed groups, Secrets and subresources such as pods/exec included.' },
        { line: 34, column: 17, severity: 'warning', message: 'Role "app" has "*" in apiGroups, which matches every API group, including those that CRDs add later.' },
      ],
    },
    {
      name: 'an aggregated ClusterRole is bound wherever its aggregating role is',
      code:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: viewer\naggregationRule:\n  clusterRoleSelectors:\n    - matchExpressions:\n        - { key: example.com/view, operator: Exists }\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: viewer-crds\n  labels:\n    example.com/view: "yes"\nrules:\n  - apiGroups: ["example.com"]\n    resources: ["*"]\n    verbs: ["list"]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: everyone-views\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: viewer }\nsubjects:\n  - { kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io }\n',
      errors: [{ line: 18, column: 17, severity: 'error' }],
    },
    {
      name: 'CRLF line ends, comments and block sequences keep exact positions; a non-matching selector does not widen',
      code:
        'apiVersion: rbac.authorization.k8s.io/v1\r\nkind: ClusterRole\r\nmetadata:\r\n  name: crds # read-only\r\n  labels: { example.com/view: "no" }\r\nrules:\r\n  # every CRD of the group\r\n  - apiGroups:\r\n      - example.com\r\n    resources:\r\n      - "*" # all kinds\r\n    verbs: [get]\r\n---\r\napiVersion: rbac.authorization.k8s.io/v1\r\nkind: ClusterRole\r\nmetadata:\r\n  name: viewer\r\naggregationRule:\r\n  clusterRoleSelectors:\r\n    - matchLabels: { example.com/view: "yes" }\r\n    - matchExpressions: [{ key: example.com/view, operator: NotIn, values: ["no"] }]\r\n---\r\napiVersion: rbac.authorization.k8s.io/v1\r\nkind: ClusterRoleBinding\r\nmetadata:\r\n  name: viewer\r\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: viewer }\r\nsubjects: [{ kind: ServiceAccount, name: dash, namespace: ops }]\r\n',
      errors: [{ line: 11, column: 9, endColumn: 12, severity: 'warning' }],
    },
  ],
});
