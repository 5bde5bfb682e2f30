import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { run, workspace } from '../helpers/cli';

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  related?: Array<{ path: string; line: number; message: string }>;
}
interface JsonRun {
  findings: JsonFinding[];
}

const deployment = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      serviceAccountName: ${name}\n      containers:\n        - name: ${name}\n          image: ${name}:1.0\n`;

function findings(root: string, ruleId: string): JsonFinding[] {
  return (JSON.parse(run(['.', '--format', 'json'], root).stdout) as JsonRun).findings.filter((finding) => finding.ruleId === ruleId);
}

describe('issue 18 done when (CLI: the walk fills the workspace index)', () => {
  it('compose → Dockerfile: USER 10001 and a HEALTHCHECK silence both compose findings; USER root reports, related to the Dockerfile line', () => {
    const root = workspace({ 'compose.yaml': 'services:\n  api:\n    build: ./api\n', 'api/Dockerfile': 'FROM alpine:3.20\nUSER 10001\nHEALTHCHECK CMD true\n' });
    assert.deepEqual([...findings(root, 'compose/no-root-user'), ...findings(root, 'compose/healthcheck')], []);
    writeFileSync(join(root, 'api/Dockerfile'), 'FROM alpine:3.20\nUSER root\nHEALTHCHECK CMD true\n');
    const [finding] = findings(root, 'compose/no-root-user');
    assert.equal(finding.path, 'compose.yaml');
    assert.deepEqual(finding.related?.map((entry) => [entry.path, entry.line]), [['api/Dockerfile', 2]]);
  });

  it('automount off on the account in another file; one namespace finding for two Deployments, gone with a default-deny file', () => {
    const root = workspace({ 'api.yaml': deployment('api'), 'web.yaml': deployment('web'), 'sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  namespace: shop\nautomountServiceAccountToken: false\n' });
    assert.deepEqual(findings(root, 'kubernetes/sa-token-automount').map((finding) => finding.path), ['web.yaml']);
    assert.deepEqual(findings(root, 'kubernetes/namespace-network-policy').map((finding) => finding.path), ['api.yaml']);
    writeFileSync(join(root, 'deny.yaml'), 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: shop\nspec:\n  podSelector: {}\n');
    assert.deepEqual(findings(root, 'kubernetes/namespace-network-policy'), []);
  });

  it('the blast radius of a ServiceAccount bound to get secrets cluster-wide, in SARIF with related locations', () => {
    const root = workspace({
      'api.yaml': deployment('api'),
      'rbac.yaml':
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["get"]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: b\nsubjects:\n  - kind: ServiceAccount\n    name: api\n    namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: r\n',
    });
    assert.deepEqual(findings(root, 'kubernetes/rbac-blast-radius').map((finding) => [finding.path, finding.line, finding.related?.length]), [['api.yaml', 11, 2]]);
    const sarif = JSON.parse(run(['.', '--format', 'sarif'], root).stdout) as { runs: Array<{ results: Array<{ ruleId: string; relatedLocations?: unknown[] }> }> };
    assert.equal(sarif.runs[0].results.find((result) => result.ruleId === 'kubernetes/rbac-blast-radius')?.relatedLocations?.length, 2);
  });
});
