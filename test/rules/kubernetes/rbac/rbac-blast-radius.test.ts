import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../../../rules/kubernetes/rbac/rbac-blast-radius';
import { indexOfTexts } from '../../../../rules/engine';
import { lintFile } from '../../../../rules/registry-lint';
import { testRule } from '../../../helpers/rule-tester';

const deployment = (spec = '      serviceAccountName: web\n', namespace = 'shop') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: ${namespace}\nspec:\n  template:\n    spec:\n${spec}      containers:\n        - name: web\n          image: web:2.1\n`;
const role = (kind: string, rules: string, namespace = '') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\n${namespace ? `  namespace: ${namespace}\n` : ''}rules:\n${rules}`;
const binding = (kind: string, roleKind: string, subject: string, namespace = '') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: b\n${namespace ? `  namespace: ${namespace}\n` : ''}subjects:\n  - ${subject}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ${roleKind}\n  name: r\n`;
const SA_WEB = '{ kind: ServiceAccount, name: web, namespace: shop }';
const GET_SECRETS = '  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["get"]\n';
const rbac = (...documents: string[]) => documents.join('---\n');

testRule(rule, {
  valid: [
    { name: 'no binding names the account', path: 'web.yaml', code: deployment(), files: { 'rbac.yaml': rbac(role('ClusterRole', GET_SECRETS), binding('ClusterRoleBinding', 'ClusterRole', '{ kind: ServiceAccount, name: api, namespace: shop }')) } },
    { name: 'reading Secrets in one namespace only (RoleBinding)', path: 'web.yaml', code: deployment(), files: { 'rbac.yaml': rbac(role('ClusterRole', GET_SECRETS), binding('RoleBinding', 'ClusterRole', SA_WEB, 'shop')) } },
    { name: 'resourceNames narrows the grant', path: 'web.yaml', code: deployment(), files: { 'rbac.yaml': rbac(role('ClusterRole', `${GET_SECRETS}    resourceNames: ["web-tls"]\n`), binding('ClusterRoleBinding', 'ClusterRole', SA_WEB)) } },
    { name: 'the pod mounts no token', path: 'web.yaml', code: deployment('      serviceAccountName: web\n      automountServiceAccountToken: false\n'), files: { 'rbac.yaml': rbac(role('ClusterRole', GET_SECRETS), binding('ClusterRoleBinding', 'ClusterRole', SA_WEB)) } },
    { name: 'the account of another namespace', path: 'web.yaml', code: deployment('      serviceAccountName: web\n', 'other'), files: { 'rbac.yaml': rbac(role('ClusterRole', GET_SECRETS), binding('ClusterRoleBinding', 'ClusterRole', SA_WEB)) } },
    { name: 'a static control-plane pod', path: 'etc/kubernetes/manifests/kube-apiserver.yaml', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  containers:\n    - name: kube-apiserver\n      image: k8s:1\n', files: { 'rbac.yaml': rbac(role('ClusterRole', GET_SECRETS), binding('ClusterRoleBinding', 'ClusterRole', 'kind: Group\n    name: system:authenticated')) } },
  ],
  invalid: [
    {
      name: 'get secrets cluster-wide through a ClusterRoleBinding',
      path: 'web.yaml',
      code: deployment(),
      files: { 'rbac.yaml': rbac(role('ClusterRole', GET_SECRETS), binding('ClusterRoleBinding', 'ClusterRole', SA_WEB)) },
      errors: [{ line: 9, column: 27, severity: 'warning', message: 'Deployment web runs as service account web, which ClusterRoleBinding "b" lets read every Secret of the cluster: a compromise of this pod does the same.' }],
    },
    {
      name: 'bind through the group of all service accounts, the default account',
      path: 'web.yaml',
      code: deployment(''),
      files: { 'rbac.yaml': rbac(role('ClusterRole', '  - apiGroups: ["rbac.authorization.k8s.io"]\n    resources: ["clusterroles"]\n    verbs: ["bind"]\n'), binding('ClusterRoleBinding', 'ClusterRole', 'kind: Group\n    name: system:serviceaccounts')) },
      errors: [{ line: 4, column: 9, severity: 'error', message: /service account default, which ClusterRoleBinding "b" lets bind any role/ }],
    },
    {
      name: 'a wildcard Role in the namespace: the worst grant (escalate) is named',
      path: 'web.yaml',
      code: deployment(),
      files: { 'rbac.yaml': rbac(role('Role', '  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n', 'shop'), binding('RoleBinding', 'Role', '{ kind: ServiceAccount, name: web }', 'shop')) },
      errors: [{ line: 9, column: 27, severity: 'error', message: /lets escalate roles/ }],
    },
  ],
});

it('kubernetes/rbac-blast-radius: the binding and the role\'s rule are related locations', () => {
  const files = { '/w/web.yaml': deployment(), '/w/rbac.yaml': rbac(role('ClusterRole', GET_SECRETS), binding('ClusterRoleBinding', 'ClusterRole', SA_WEB)) };
  const [finding] = lintFile(files['/w/web.yaml'], '/w/web.yaml', { rules: [rule], workspace: { index: indexOfTexts(files).view() } }).findings;
  assert.deepEqual(
    finding.related?.map((entry) => [entry.path, entry.range.start.line, entry.message]),
    [
      ['/w/rbac.yaml', 12, 'ClusterRoleBinding "b" binds service account shop/web to ClusterRole "r".'],
      ['/w/rbac.yaml', 5, 'ClusterRole "r" lets it read every Secret of the cluster.'],
    ],
  );
});

it('kubernetes/rbac-blast-radius: a declared ServiceAccount is the first related location, so the chain starts at the token', () => {
  const serviceAccount = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop\n';
  const files = { '/w/web.yaml': deployment(), '/w/sa.yaml': serviceAccount, '/w/rbac.yaml': rbac(role('ClusterRole', GET_SECRETS), binding('ClusterRoleBinding', 'ClusterRole', SA_WEB)) };
  const [finding] = lintFile(files['/w/web.yaml'], '/w/web.yaml', { rules: [rule], workspace: { index: indexOfTexts(files).view() } }).findings;
  assert.deepEqual(
    finding.related?.map((entry) => [entry.path, entry.range.start.line, entry.message]),
    [
      ['/w/sa.yaml', 3, 'ServiceAccount shop/web, whose token the pod mounts.'],
      ['/w/rbac.yaml', 12, 'ClusterRoleBinding "b" binds service account shop/web to ClusterRole "r".'],
      ['/w/rbac.yaml', 5, 'ClusterRole "r" lets it read every Secret of the cluster.'],
    ],
  );
});
