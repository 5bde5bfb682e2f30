import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { run, workspace } from '../helpers/cli';

const deployment = (name: string, extra = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n${extra}      serviceAccountName: ${name}\n      containers:\n        - name: ${name}\n          image: ${name}:1.0\n`;
const readSecrets = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules:\n  - apiGroups: [""]\n    resources: [secrets]\n    verbs: [get]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: api-reads\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}\nsubjects:\n  - {kind: ServiceAccount, name: api, namespace: shop}\n';
const offAccount = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  namespace: shop\nautomountServiceAccountToken: false\n';

interface JsonRun {
  findings: Array<{ ruleId: string; path: string; line: number; fingerprint?: string }>;
  suppressed?: unknown[];
}

/** The default run (one parse per file) and the two-pass run (--cache, cold: facts first, then each lint). */
function bothRuns(root: string): { once: string; twoPass: string } {
  const once = run(['.', '--format', 'json'], root).stdout;
  const twoPass = run(['.', '--format', 'json', '--cache', '--cache-location', join(mkdtempSync(join(tmpdir(), 'stridelint-cache-')), 'cache')], root).stdout;
  return { once, twoPass };
}

const lines = (output: string, ruleId: string) => (JSON.parse(output) as JsonRun).findings.filter((finding) => finding.ruleId === ruleId).map((finding) => `${finding.path}:${finding.line}`);

describe('CLI: one parse per file gives the two-pass output', () => {
  for (const [order, files] of [
    ['the reader before the file it reads', { 'a-api.yaml': deployment('api'), 'z-rbac.yaml': readSecrets, 'z-sa.yaml': offAccount }],
    ['the reader after the file it reads', { 'z-api.yaml': deployment('api'), 'a-rbac.yaml': readSecrets, 'a-sa.yaml': offAccount }],
  ] as const) {
    it(`cross-file findings with ${order}`, () => {
      // The account turns automounting off, so neither the token nor the RBAC chain is reported; the namespace is.
      const root = workspace(files);
      const { once, twoPass } = bothRuns(root);
      assert.equal(once, twoPass);
      const api = Object.keys(files).find((path) => path.endsWith('api.yaml'))!;
      assert.deepEqual(lines(once, 'kubernetes/sa-token-automount'), []);
      assert.deepEqual(lines(once, 'kubernetes/rbac-blast-radius'), []);
      assert.deepEqual(lines(once, 'kubernetes/namespace-network-policy'), [`${api}:4`]);
    });
  }

  it('a cross-file finding on a file linted before its fact, with a suppression comment: suppressed, the comment used', () => {
    const root = workspace({ 'a-api.yaml': deployment('api', '      # stridelint-disable-next-line kubernetes/rbac-blast-radius -- reviewed\n'), 'z-rbac.yaml': readSecrets });
    const { once, twoPass } = bothRuns(root);
    assert.equal(once, twoPass);
    assert.deepEqual(lines(once, 'kubernetes/rbac-blast-radius'), []);
    assert.deepEqual(lines(once, 'stridelint/unused-suppression'), []);
    // Without the comment the finding is there: the suppression is what removed it.
    const bare = workspace({ 'a-api.yaml': deployment('api'), 'z-rbac.yaml': readSecrets });
    assert.deepEqual(lines(run(['.', '--format', 'json'], bare).stdout, 'kubernetes/rbac-blast-radius'), ['a-api.yaml:11']);
  });

  it('compose and Dockerfile in either walk order; SARIF fingerprints the same as the two-pass run', () => {
    const orders: Array<Record<string, string>> = [
      { 'compose.yaml': 'services:\n  api:\n    build: ./api\n', 'api/Dockerfile': 'FROM alpine:3.20\nUSER root\n' },
      { 'z/compose.yaml': 'services:\n  api:\n    build: ../api\n', 'api/Dockerfile': 'FROM alpine:3.20\nUSER root\n' },
    ];
    for (const files of orders) {
      const root = workspace(files);
      const { once, twoPass } = bothRuns(root);
      assert.equal(once, twoPass);
      assert.equal(lines(once, 'compose/no-root-user').length, 1);
      const sarif = run(['.', '--format', 'sarif'], root).stdout;
      const sarifTwoPass = run(['.', '--format', 'sarif', '--cache', '--cache-location', join(mkdtempSync(join(tmpdir(), 'stridelint-cache-')), 'cache')], root).stdout;
      assert.equal(sarif, sarifTwoPass);
    }
  });

  it('a daemon.json walked after the compose file still counts (host settings are read first)', () => {
    const root = workspace({ 'a/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n', 'z/daemon.json': '{ "no-new-privileges": true, "ip": "127.0.0.1" }\n' });
    const { once, twoPass } = bothRuns(root);
    assert.equal(once, twoPass);
    const without = workspace({ 'a/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n' });
    const composeFindings = (output: string) => JSON.stringify((JSON.parse(output) as { findings: Array<{ path: string; severity: string; message: string }> }).findings.filter((finding) => finding.path === 'a/compose.yaml').map((finding) => [finding.severity, finding.message]));
    assert.notEqual(composeFindings(once), composeFindings(run(['.', '--format', 'json'], without).stdout));
  });
});
