import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { SERVER_BUNDLE, TestClient, uriOf } from './lsp-client';

const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((diagnostic) => diagnostic.code);

describe('language server: a document closed outside every workspace folder', () => {
  let folder: string;
  let client: TestClient;
  before(async () => {
    // Nothing on disk and no workspace folder: the open documents are all the server knows of these files.
    folder = mkdtempSync(join(tmpdir(), 'stridelint-outside-'));
    client = await TestClient.start({ server: SERVER_BUNDLE, initializationOptions: { scanOnStartup: false } });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('takes its unsaved facts with it: the compose file that read them is linted again without them', async () => {
    const compose = uriOf(join(folder, 'compose.yaml'));
    const dockerfile = uriOf(join(folder, 'api/Dockerfile'));
    await client.open(compose, 'dockercompose', 'services:\n  api:\n    build: ./api\n');
    await client.waitForDiagnostics(compose, () => true);
    const opened = client.published.length;
    await client.open(dockerfile, 'dockerfile', 'FROM alpine:3.20\nUSER root\nHEALTHCHECK CMD true\n');
    await client.waitForDiagnostics(compose, (params) => codes(params).includes('compose/no-root-user'), { since: opened, timeoutMs: 10_000 });
    const closed = client.published.length;
    await client.close(dockerfile);
    const cleared = await client.waitForDiagnostics(compose, (params) => !codes(params).includes('compose/no-root-user'), { since: closed, timeoutMs: 10_000 });
    assert.ok(!codes(cleared).includes('compose/no-root-user'), JSON.stringify(codes(cleared)));
  });
});
