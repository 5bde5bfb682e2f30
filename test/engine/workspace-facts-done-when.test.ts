import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexOfTexts, type Finding } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';

// Issue 18's "done when", at the engine: the workspace index of facts, as an adapter fills it, read by the rules.
const COMPOSE = 'services:\n  api:\n    build: ./api\n';
const dockerfile = (user: string) => `FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r1\nUSER ${user}\nHEALTHCHECK CMD curl -fsS http://localhost:8080/health || exit 1\n`;
const deployment = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      serviceAccountName: ${name}\n      containers:\n        - name: ${name}\n          image: ${name}:1.0\n`;
const DENY_ALL = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n';

function lintWorkspace(files: Record<string, string>, path: string): Finding[] {
  return lintFile(files[path], path, { workspace: { index: indexOfTexts(files).view() } }).findings;
}
const ids = (findings: Finding[], ...wanted: string[]) => findings.filter((finding) => wanted.includes(finding.ruleId));

describe('issue 18 done when (engine)', () => {
  it('compose builds ./api whose Dockerfile ends with USER 10001 and a HEALTHCHECK: neither compose finding; USER root brings the root-user finding, related to the Dockerfile line', () => {
    const files = { '/w/compose.yaml': COMPOSE, '/w/api/Dockerfile': dockerfile('10001') };
    assert.deepEqual(ids(lintWorkspace(files, '/w/compose.yaml'), 'compose/no-root-user', 'compose/healthcheck'), []);
    const rooted = { ...files, '/w/api/Dockerfile': dockerfile('root') };
    const [finding] = ids(lintWorkspace(rooted, '/w/compose.yaml'), 'compose/no-root-user');
    assert.equal(finding.range.start.line, 2);
    assert.deepEqual(finding.related, [{ path: '/w/api/Dockerfile', range: { start: { line: 2, character: 5 }, end: { line: 2, character: 9 } }, message: 'The USER the image runs as.' }]);
    // The Dockerfile's own findings name the service that builds it.
    const [own] = ids(lintWorkspace(rooted, '/w/api/Dockerfile'), 'dockerfile/no-root-user');
    assert.deepEqual(own.related?.map((entry) => [entry.path, entry.range.start.line, entry.message]), [['/w/compose.yaml', 2, 'Built by compose service "api".']]);
  });

  it('a ServiceAccount with automount off in another file: no token finding; two Deployments and no NetworkPolicy: one namespace finding, cleared by a default-deny policy file', () => {
    const files = {
      '/w/api.yaml': deployment('api'),
      '/w/web.yaml': deployment('web'),
      '/w/accounts.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  namespace: shop\nautomountServiceAccountToken: false\n',
    };
    assert.deepEqual(ids(lintWorkspace(files, '/w/api.yaml'), 'kubernetes/sa-token-automount'), []);
    assert.equal(ids(lintWorkspace(files, '/w/web.yaml'), 'kubernetes/sa-token-automount').length, 1, 'web has no such account: its token finding stays');
    const policy = (path: string, withPolicy: Record<string, string>) => ids(lintWorkspace(withPolicy, path), 'kubernetes/namespace-network-policy');
    assert.deepEqual([...policy('/w/api.yaml', files), ...policy('/w/web.yaml', files), ...policy('/w/accounts.yaml', files)].map((finding) => finding.message), [
      'Namespace "shop": 2 workloads are selected by no NetworkPolicy (the namespace has none), so their pods accept traffic from every pod of the cluster.',
    ]);
    const denied = { ...files, '/w/default-deny.yaml': DENY_ALL };
    assert.deepEqual([...policy('/w/api.yaml', denied), ...policy('/w/web.yaml', denied)], []);
  });

  it('a Deployment whose ServiceAccount is bound to a ClusterRole with get secrets gets the blast-radius finding, binding and role related', () => {
    const files = {
      '/w/api.yaml': deployment('api'),
      '/w/rbac.yaml':
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: secret-reader\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["get"]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: api-secrets\nsubjects:\n  - kind: ServiceAccount\n    name: api\n    namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: secret-reader\n',
    };
    const [finding] = ids(lintWorkspace(files, '/w/api.yaml'), 'kubernetes/rbac-blast-radius');
    assert.equal(finding.range.start.line, 10, 'on serviceAccountName');
    assert.match(finding.message, /ClusterRoleBinding "api-secrets" lets read every Secret of the cluster/);
    assert.deepEqual(finding.related?.map((entry) => [entry.path, entry.range.start.line]), [['/w/rbac.yaml', 12], ['/w/rbac.yaml', 5]]);
  });
});
