import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { emptyConfig, indexOfTexts } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { clusterRole, yamlStream } from './fixtures/manifest-documents';
import { TestClient, uriOf } from './lsp-client';

const PRIVILEGED = 'kubernetes/no-privileged';

const workload = (i: number, privileged: boolean) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  namespace: shop
spec:
  template:
    spec:
      automountServiceAccountToken: false
      containers:
        - name: web
          image: registry.example.com/web:1.${i}.0
          resources:
            limits:
              memory: 256Mi
          securityContext:
            privileged: ${privileged}
`;
/** What the user sees of a diagnostic: rule, place and message (severity included). */
// The namespace-wide rules also count the workloads of the other files this server has open (issue 18): the
// per-document cache is compared on everything else; test/lsp/workspace-facts.test.ts covers those rules.
const WORKSPACE_WIDE = /^kubernetes\/(?:namespace-network-policy|psa-enforce-missing)@/;
const shown = (params: PublishDiagnosticsParams) => params.diagnostics.filter((d) => !WORKSPACE_WIDE.test(`${String(d.code)}@`)).map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.message.replace(/^\[[^\]]+\] /, '')}`);
const SEVERITY = { error: 1, warning: 2, info: 3 } as const;
const expected = (text: string, path: string) =>
  lintFile(text, path, { config: emptyConfig(), workspace: { index: indexOfTexts({ [path]: text }).view() } }).findings.filter((f) => !WORKSPACE_WIDE.test(`${f.ruleId}@`)).map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${SEVERITY[f.severity]} ${f.message}`);

describe('language server: per-document re-lint of open manifests', () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'stridelint-relint-'));
    client = await TestClient.start({ rootPath: root, settings: {} });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes, for every version of an edit sequence, exactly what a from-scratch lint of that text finds', async () => {
    const path = join(root, 'shop.yaml');
    const uri = uriOf(path);
    let documents = Array.from({ length: 40 }, (_, i) => (i % 5 === 4 ? clusterRole(`reader-${i}`, '["get"]') : workload(i, i % 7 === 0)));
    await client.open(uri, 'yaml', yamlStream(documents));
    const opened = await client.waitForDiagnostics(uri, (params) => params.version === 1);
    assert.deepEqual(shown(opened), expected(yamlStream(documents), path));
    // Toggles, a role widened, a document inserted, one removed, a broken one and its repair: the edits that
    // move later documents' lines, change a document others read, or make the parser report across a marker.
    const edits: Array<(docs: string[]) => string[]> = [
      (docs) => docs.map((text, i) => (i === 3 ? workload(3, true) : text)),
      (docs) => docs.map((text, i) => (i === 4 ? clusterRole('reader-4', '["*"]') : text)),
      (docs) => [...docs.slice(0, 10), workload(100, true), ...docs.slice(10)],
      (docs) => docs.map((text, i) => (i === 2 ? `${text}\n\n` : text)),
      (docs) => docs.map((text, i) => (i === 20 ? 'apiVersion: v1\nkind: ConfigMap\ndata:\n  key: [unclosed\n' : text)),
      (docs) => docs.map((text, i) => (i === 21 ? workload(21, true) : text)),
      (docs) => docs.map((text, i) => (i === 20 ? workload(20, false) : text)),
      (docs) => docs.filter((_, i) => i !== 0),
      (docs) => docs.map((text, i) => (i === 3 ? clusterRole('reader-3', '["get", "list"]') : text)),
      (docs) => docs.map((text, i) => (i === 39 ? workload(39, true) : text)),
    ];
    let version = 1;
    for (const edit of edits) {
      documents = edit(documents);
      version++;
      const since = client.published.length;
      await client.change(uri, version, yamlStream(documents));
      const published = await client.waitForDiagnostics(uri, (params) => params.version === version, { since });
      assert.deepEqual(shown(published), expected(yamlStream(documents), path), `version ${version}`);
    }
  });

  it('a manifest linted as a whole relates its own objects as they are in the version it publishes (facts from the same parse)', async () => {
    const path = join(root, 'whole.yaml');
    const uri = uriOf(path);
    const role = (verbs: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: web\n  namespace: shop\nrules:\n  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ${verbs}\n`;
    const binding = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: web\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: web\n    namespace: shop\nroleRef:\n  kind: Role\n  name: web\n  apiGroup: rbac.authorization.k8s.io\n';
    const pod = workload(1, false).replace('automountServiceAccountToken: false', 'serviceAccountName: web');
    // A file-wide suppression: the file is linted whole, its facts taken from the lint's own parse.
    const text = (verbs: string) => `# stridelint-disable kubernetes/no-privileged\n${yamlStream([pod, binding, role(verbs)])}`;
    const blast = (params: PublishDiagnosticsParams) => params.diagnostics.filter((d) => d.code === 'kubernetes/rbac-blast-radius').length;
    await client.open(uri, 'yaml', text('["get"]'));
    assert.equal(blast(await client.waitForDiagnostics(uri, (params) => params.version === 1)), 0);
    for (const [version, verbs, count] of [[2, '["create"]', 1], [3, '["get"]', 0]] as const) {
      const since = client.published.length;
      await client.change(uri, version, text(verbs));
      const published = await client.waitForDiagnostics(uri, (params) => params.version === version, { since });
      assert.equal(blast(published), count, `version ${version}: verbs ${verbs}`);
      assert.deepEqual(shown(published), expected(text(verbs), path));
    }
  });

  it('drops the cached findings when the settings change (a rule turned off, then on again)', async () => {
    const path = join(root, 'settings.yaml');
    const uri = uriOf(path);
    const text = yamlStream([workload(1, true), workload(2, false), workload(3, true)]);
    await client.open(uri, 'yaml', text);
    const opened = await client.waitForDiagnostics(uri, (params) => params.version === 1);
    assert.equal(opened.diagnostics.filter((d) => d.code === PRIVILEGED).length, 2);
    client.settings = { rules: { [PRIVILEGED]: 'off' } };
    let since = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const off = await client.waitForDiagnostics(uri, (params) => !params.diagnostics.some((d) => d.code === PRIVILEGED), { since });
    assert.deepEqual(
      shown(off),
      expected(text, path).filter((line) => !line.startsWith(PRIVILEGED)),
    );
    client.settings = {};
    since = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const on = await client.waitForDiagnostics(uri, (params) => params.diagnostics.some((d) => d.code === PRIVILEGED), { since });
    assert.deepEqual(shown(on), expected(text, path));
  });

  it('drops the cached findings when .stridelint.yaml changes', async () => {
    const path = join(root, 'config.yaml');
    const uri = uriOf(path);
    const text = yamlStream([workload(1, true), workload(2, true)]);
    await client.open(uri, 'yaml', text);
    await client.waitForDiagnostics(uri, (params) => params.version === 1 && params.diagnostics.some((d) => d.code === PRIVILEGED));
    const configPath = join(root, '.stridelint.yaml');
    writeFileSync(configPath, `rules:\n  ${PRIVILEGED}: off\n`);
    let since = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(configPath), type: 1 }] });
    await client.waitForDiagnostics(uri, (params) => !params.diagnostics.some((d) => d.code === PRIVILEGED), { since });
    writeFileSync(configPath, 'rules: {}\n');
    since = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(configPath), type: 2 }] });
    const back = await client.waitForDiagnostics(uri, (params) => params.diagnostics.some((d) => d.code === PRIVILEGED), { since });
    assert.deepEqual(shown(back), expected(text, path));
  });
});
