import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { yamlStream } from './fixtures/manifest-documents';
import { TestClient, uriOf } from './lsp-client';

const BLAST = 'kubernetes/rbac-blast-radius';
const pod = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      serviceAccountName: web
      containers:
        - name: web
          image: registry.example.com/web:1.0.0
`;
const settings = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: tools\ndata:\n  a: "${value}"\n`;
const binding = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: web\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: web\n    namespace: shop\nroleRef:\n  kind: Role\n  name: web\n  apiGroup: rbac.authorization.k8s.io\n';
const role = (verbs: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: web\n  namespace: shop\nrules:\n  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ${verbs}\n`;
const blast = (params: PublishDiagnosticsParams) => params.diagnostics.filter((d) => d.code === BLAST).length;

describe('language server: what an open manifest linted per document reads', () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'stridelint-reads-'));
    client = await TestClient.start({ rootPath: root, settings: {} });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('an edit of one document keeps the reads of the others: a change they depend on elsewhere still re-lints the file', async () => {
    const app = uriOf(join(root, 'app.yaml'));
    const rbac = uriOf(join(root, 'rbac.yaml'));
    await client.open(rbac, 'yaml', yamlStream([binding, role('["get"]')]));
    await client.waitForDiagnostics(rbac, (params) => params.version === 1);
    // The pod's account is bound (in rbac.yaml) to a Role that only reads: no blast-radius finding.
    await client.open(app, 'yaml', yamlStream([pod, settings('1')]));
    assert.equal(blast(await client.waitForDiagnostics(app, (params) => params.version === 1)), 0);
    // Edits of the ConfigMap alone (same facts): from the second on, only that document is re-linted.
    let since = 0;
    for (const version of [2, 3]) {
      since = client.published.length;
      await client.change(app, version, yamlStream([pod, settings(String(version))]));
      assert.equal(blast(await client.waitForDiagnostics(app, (params) => params.version === version, { since })), 0);
    }
    // The Role widened in the other file (unsaved): the pod's document, unedited since the open, now has a finding.
    since = client.published.length;
    await client.change(rbac, 2, yamlStream([binding, role('["create"]')]));
    const widened = await client.waitForDiagnostics(app, (params) => blast(params) === 1, { since, timeoutMs: 5_000 });
    assert.equal(widened.version, 3);
    // And narrowed again: the finding goes.
    since = client.published.length;
    await client.change(rbac, 3, yamlStream([binding, role('["get"]')]));
    await client.waitForDiagnostics(app, (params) => blast(params) === 0, { since, timeoutMs: 5_000 });
  });
});
