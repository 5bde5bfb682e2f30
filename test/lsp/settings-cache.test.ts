import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TestClient, uriOf } from './lsp-client';

const ADD = 'dockerfile/add-instead-of-copy';
const DOCKERFILE = 'FROM alpine:3.20\nADD app.js /app\nUSER app\n';
const has = (params: PublishDiagnosticsParams) => params.diagnostics.some((diagnostic) => diagnostic.code === ADD);

/** Settings are read once per workspace folder (not per opened file) and read again after a settings change. */
describe('settings cache per workspace folder', () => {
  let root: string;
  let outside: string;
  let client: TestClient;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'sl-settings-'));
    outside = mkdtempSync(join(tmpdir(), 'sl-settings-outside-'));
    for (const name of ['a', 'b', 'c', 'd']) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'Dockerfile'), DOCKERFILE);
    }
    client = await TestClient.start({ rootPath: root, settings: {} });
  });

  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  async function openAndWait(path: string): Promise<PublishDiagnosticsParams> {
    const uri = uriOf(path);
    const since = client.published.length;
    await client.open(uri, 'dockerfile', DOCKERFILE);
    return client.waitForDiagnostics(uri, (params) => params.version === 1, { since });
  }

  it('asks the client once for every file of a folder, with the folder as the scope', async () => {
    for (const name of ['a', 'b', 'c']) assert.ok(has(await openAndWait(join(root, name, 'Dockerfile'))));
    assert.deepEqual(client.configurationScopes, [uriOf(root)]);
  });

  it('reads the settings again after a settings change: open and newly opened files follow them', async () => {
    client.settings = { rules: { [ADD]: 'off' } };
    const since = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(uriOf(join(root, 'a', 'Dockerfile')), (params) => !has(params), { since });
    assert.ok(!has(await openAndWait(join(root, 'd', 'Dockerfile'))));
    assert.equal(client.configurationScopes.filter((scope) => scope === uriOf(root)).length, 2);
    client.settings = {};
  });

  it('files outside every folder share the settings of no folder', async () => {
    const before = client.configurationScopes.length;
    writeFileSync(join(outside, 'Dockerfile'), DOCKERFILE);
    writeFileSync(join(outside, 'Containerfile'), DOCKERFILE);
    await openAndWait(join(outside, 'Dockerfile'));
    await openAndWait(join(outside, 'Containerfile'));
    assert.deepEqual(client.configurationScopes.slice(before), [undefined]);
  });
});
