import assert from 'node:assert/strict';
import { readFileSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { workspace } from '../helpers/cli';
import { SERVER_BUNDLE, TestClient, uriOf } from './lsp-client';

const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((diagnostic) => diagnostic.code);
const deployment = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      serviceAccountName: ${name}\n      containers:\n        - name: ${name}\n          image: ${name}:1.0\n`;

describe('language server: the workspace as one system (issue 18)', () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = workspace({
      'compose.yaml': 'services:\n  api:\n    build: ./api\n',
      'api/Dockerfile': 'FROM alpine:3.20\nUSER 10001\nHEALTHCHECK CMD true\n',
      'k8s/api.yaml': deployment('api'),
      'k8s/web.yaml': deployment('web'),
      'k8s/deny.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: shop\nspec:\n  podSelector: {}\n',
    });
    client = await TestClient.start({ server: SERVER_BUNDLE, rootPath: root, initializationOptions: { scanOnStartup: true } });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('done when: USER root typed in the Dockerfile (not saved) brings the compose finding, related to the Dockerfile line', async () => {
    const compose = uriOf(join(root, 'compose.yaml'));
    const dockerfile = uriOf(join(root, 'api/Dockerfile'));
    await client.open(compose, 'dockercompose', readFileSync(join(root, 'compose.yaml'), 'utf8'));
    const quiet = await client.waitForDiagnostics(compose, (params) => params.diagnostics.length >= 0);
    assert.ok(!codes(quiet).includes('compose/no-root-user') && !codes(quiet).includes('compose/healthcheck'), JSON.stringify(codes(quiet)));
    const text = readFileSync(join(root, 'api/Dockerfile'), 'utf8');
    await client.open(dockerfile, 'dockerfile', text);
    const since = client.published.length;
    await client.change(dockerfile, 2, text.replace('USER 10001', 'USER root'));
    const updated = await client.waitForDiagnostics(compose, (params) => codes(params).includes('compose/no-root-user'), { since, timeoutMs: 10_000 });
    const finding = updated.diagnostics.find((diagnostic) => diagnostic.code === 'compose/no-root-user')!;
    assert.deepEqual(finding.relatedInformation?.map((entry) => [entry.location.uri, entry.location.range.start.line]), [[dockerfile, 1]]);
    assert.equal(readFileSync(join(root, 'api/Dockerfile'), 'utf8'), text, 'nothing was saved');
    // And back: the finding goes again.
    const back = client.published.length;
    await client.change(dockerfile, 3, text);
    await client.waitForDiagnostics(compose, (params) => !codes(params).includes('compose/no-root-user'), { since: back, timeoutMs: 10_000 });
  });

  it('a namespace finding appears on a closed file when the default-deny policy file is deleted', async () => {
    const api = uriOf(join(root, 'k8s/api.yaml'));
    const since = client.published.length;
    unlinkSync(join(root, 'k8s/deny.yaml'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(root, 'k8s/deny.yaml')), type: 3 }] });
    const published = await client.waitForDiagnostics(api, (params) => codes(params).includes('kubernetes/namespace-network-policy'), { since, timeoutMs: 10_000 });
    assert.ok(published);
  });
});

describe('language server: a file deleted while the workspace scan runs', () => {
  it('its facts do not come back when the scan that read it ends (the namespace finding appears)', async () => {
    // Many files after k8s/ keep the scan going after it has read deny.yaml and published api.yaml.
    const root = workspace({
      'k8s/api.yaml': deployment('api'),
      'k8s/deny.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: shop\nspec:\n  podSelector: {}\n',
      ...Object.fromEntries(Array.from({ length: 1500 }, (_, index) => [`zz${index}/Dockerfile`, 'FROM alpine:3.20\nADD a /a\n'])),
    });
    const client = await TestClient.start({ server: SERVER_BUNDLE, rootPath: root, initializationOptions: { scanOnStartup: false } });
    try {
      const api = uriOf(join(root, 'k8s/api.yaml'));
      const scanned = client.request<{ files: number; cancelled: boolean }>('stridelint/scanWorkspace', null);
      await client.waitForDiagnostics(api, (params) => params.diagnostics.length > 0 && !codes(params).includes('kubernetes/namespace-network-policy'), { timeoutMs: 30_000 });
      unlinkSync(join(root, 'k8s/deny.yaml'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(root, 'k8s/deny.yaml')), type: 3 }] });
      const summary = await scanned;
      assert.equal(summary.cancelled, false);
      const last = await client.waitForDiagnostics(api, (params) => codes(params).includes('kubernetes/namespace-network-policy'), { since: 0, timeoutMs: 10_000 });
      assert.ok(last);
      // What the client shows in the end: the last publication of api.yaml has the finding.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const shown = client.published.filter((params) => params.uri === api).at(-1)!;
      assert.ok(codes(shown).includes('kubernetes/namespace-network-policy'), JSON.stringify(codes(shown)));
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
