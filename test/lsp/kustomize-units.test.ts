import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { workspace } from '../helpers/cli';
import { BASE_DEPLOYMENT, BASE_KUSTOMIZATION, OVERLAY_KUSTOMIZATION, RESTRICTED_PATCH } from '../kustomize/integration/overlay-fixture';
import { SERVER_BUNDLE, TestClient, uriOf } from './lsp-client';

const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((diagnostic) => diagnostic.code);

describe('language server: kustomize overlays are built as one unit', () => {
  let root: string;
  let client: TestClient;
  let base: string;
  let patch: string;
  before(async () => {
    root = workspace({
      'base/kustomization.yaml': BASE_KUSTOMIZATION,
      'base/deployment.yaml': BASE_DEPLOYMENT,
      'overlays/prod/kustomization.yaml': OVERLAY_KUSTOMIZATION,
      'overlays/prod/security.yaml': RESTRICTED_PATCH.replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false'),
    });
    base = uriOf(join(root, 'base/deployment.yaml'));
    patch = uriOf(join(root, 'overlays/prod/security.yaml'));
    client = await TestClient.start({ server: SERVER_BUNDLE, rootPath: root });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('opening the base shows the overlay build\'s findings, not the ones the overlay patch fixes', async () => {
    await client.open(base, 'yaml', readFileSync(join(root, 'base/deployment.yaml'), 'utf8'));
    const published = await client.waitForDiagnostics(base, (params) => codes(params).includes('kubernetes/sa-token-automount'));
    assert.ok(!codes(published).includes('kubernetes/run-as-non-root'), JSON.stringify(codes(published)));
    const related = published.diagnostics.find((diagnostic) => diagnostic.code === 'kubernetes/sa-token-automount')?.relatedInformation ?? [];
    assert.ok(related.some((entry) => entry.location.uri === uriOf(join(root, 'overlays/prod/kustomization.yaml'))), JSON.stringify(related));
  });

  it('hover on a base finding shows the build output that was judged', async () => {
    const published = await client.waitForDiagnostics(base, (params) => codes(params).includes('kubernetes/sa-token-automount'));
    const finding = published.diagnostics.find((diagnostic) => diagnostic.code === 'kubernetes/sa-token-automount')!;
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: base }, position: finding.range.start });
    assert.match(hover?.contents.value ?? '', /Rendered \(kustomize build [^)]*overlays\/prod\):\n\n```yaml\n[\s\S]*name: web/);
  });

  it('the patch setting readOnlyRootFilesystem: false gets the finding on its line', async () => {
    const published = await client.waitForDiagnostics(patch, (params) => codes(params).includes('kubernetes/readonly-root-filesystem'));
    const line = RESTRICTED_PATCH.split('\n').findIndex((text) => text.includes('readOnlyRootFilesystem'));
    assert.equal(published.diagnostics.find((diagnostic) => diagnostic.code === 'kubernetes/readonly-root-filesystem')?.range.start.line, line);
  });

  it('editing the patch without saving re-builds the overlay and updates the base file\'s diagnostics', async () => {
    const text = readFileSync(join(root, 'overlays/prod/security.yaml'), 'utf8');
    await client.open(patch, 'yaml', text);
    const since = client.published.length;
    // The patch no longer says runAsNonRoot: the base's container (not the patch) gets the finding.
    await client.change(patch, 2, text.replace('        runAsNonRoot: true\n', ''));
    const updated = await client.waitForDiagnostics(base, (params) => codes(params).includes('kubernetes/run-as-non-root'), { since });
    assert.equal(updated.diagnostics.find((diagnostic) => diagnostic.code === 'kubernetes/run-as-non-root')?.range.start.line, 14);
    assert.equal(readFileSync(join(root, 'overlays/prod/security.yaml'), 'utf8'), text, 'nothing was saved');
  });

  it('a change on disk to a file of the build re-builds it', async () => {
    await client.close(patch);
    const since = client.published.length;
    writeFileSync(join(root, 'overlays/prod/security.yaml'), RESTRICTED_PATCH.replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: patch, type: 2 }] });
    const updated = await client.waitForDiagnostics(patch, (params) => codes(params).includes('kubernetes/allow-privilege-escalation'), { since });
    assert.ok(!codes(updated).includes('kubernetes/readonly-root-filesystem'));
  });
});
