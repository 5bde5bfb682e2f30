// The language server's persistent scan cache, over stdio (dist/server.js): findings of unchanged files come
// from the cache in the storage folder the client passes; content, settings, the facts a file's lint read and
// the build each invalidate what they must; a corrupt or foreign cache is ignored and rewritten.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { RACY_MS } from '../../server/shared/file-stamp';
import { FORGED, forge, rewriteCache } from '../helpers/cache-file';
import { workspace } from '../helpers/cli';
import { SCAN_WORKSPACE_REQUEST, type ScanSummary } from '../../server/lsp/server';
import { THREAT_REPORT_REQUEST, type ThreatReportResult } from '../../server/lsp/threat-report';
import { TestClient, uriOf } from './lsp-client';
import { cacheFile, scanOnce as scan } from './scan-run';

const DOCKERFILE = 'FROM alpine:3.20\nADD app/ /srv/app/\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n';
const COMPOSE = 'services:\n  api:\n    build: ./api\n';
/** A whole second as mtime (utimes takes seconds as a double: a whole one is put back exactly). */
const SECOND = 1_700_000_000;
const API_DOCKERFILE = 'FROM alpine:3.20\nUSER 10001\nHEALTHCHECK CMD true\n';

/** Whether every diagnostic of a file came from the (forged) cache: a message is `[category] ` + the finding's. */
const fromCache = (messages: Map<string, string[]>, root: string, path: string) => {
  const list = messages.get(uriOf(join(root, path))) ?? [];
  assert.ok(list.length > 0, `${path} has findings`);
  return list.every((message) => message.includes(FORGED));
};

describe('language server: the persistent scan cache', () => {
  const cleanup: string[] = [];
  const folders = (files: Record<string, string>) => {
    const root = workspace(files);
    const storage = mkdtempSync(join(tmpdir(), 'stridelint-storage-'));
    cleanup.push(root, storage);
    return { root, storage };
  };
  afterEach(() => {
    for (const path of cleanup.splice(0)) rmSync(path, { recursive: true, force: true });
  });

  it('a warm start takes unchanged files from the cache; a content change re-lints exactly that file', async () => {
    const { root, storage } = folders({ 'a/Dockerfile': DOCKERFILE, 'b/Dockerfile': DOCKERFILE });
    const cold = await scan(root, storage);
    assert.equal(cold.summary.fromCache, 0);
    rewriteCache(cacheFile(storage), forge);
    const warm = await scan(root, storage);
    assert.equal(warm.summary.fromCache, 2);
    assert.ok(fromCache(warm.messages, root, 'a/Dockerfile') && fromCache(warm.messages, root, 'b/Dockerfile'), 'both from the cache');
    writeFileSync(join(root, 'a/Dockerfile'), DOCKERFILE.replace('alpine:3.20', 'alpine:3.21'));
    const after = await scan(root, storage);
    assert.ok(!fromCache(after.messages, root, 'a/Dockerfile'), 'the changed file is linted again');
    assert.ok(fromCache(after.messages, root, 'b/Dockerfile'), 'the unchanged file still comes from the cache');
  });

  it('a settings change re-lints the files it applies to: a folder .stridelint.yaml only its files, an editor setting every file', async () => {
    const { root, storage } = folders({ 'a/Dockerfile': DOCKERFILE, 'b/Dockerfile': DOCKERFILE });
    await scan(root, storage);
    rewriteCache(cacheFile(storage), forge);
    writeFileSync(join(root, 'b/.stridelint.yaml'), 'rules:\n  dockerfile/add-instead-of-copy: error\n');
    const folderConfig = await scan(root, storage);
    assert.ok(fromCache(folderConfig.messages, root, 'a/Dockerfile'), 'a/ keeps its settings and its cached findings');
    assert.ok(!fromCache(folderConfig.messages, root, 'b/Dockerfile'), 'b/ has new settings');
    rewriteCache(cacheFile(storage), forge);
    const editor = await scan(root, storage, { rules: { 'dockerfile/add-instead-of-copy': 'info' } });
    assert.ok(!fromCache(editor.messages, root, 'a/Dockerfile') && !fromCache(editor.messages, root, 'b/Dockerfile'), 'an editor setting applies to both');
  });

  it("a file whose lint read another file's facts is linted again when those facts change, though its own text did not", async () => {
    const { root, storage } = folders({ 'compose.yaml': COMPOSE, 'api/Dockerfile': API_DOCKERFILE, 'other/Dockerfile': DOCKERFILE });
    await scan(root, storage);
    rewriteCache(cacheFile(storage), forge);
    writeFileSync(join(root, 'api/Dockerfile'), API_DOCKERFILE.replace('USER 10001', 'USER root'));
    const after = await scan(root, storage);
    const compose = after.messages.get(uriOf(join(root, 'compose.yaml'))) ?? [];
    assert.ok(compose.some((message) => !message.includes(FORGED) && /root/i.test(message)), `compose re-linted with the Dockerfile's new USER: ${JSON.stringify(compose)}`);
    assert.ok(fromCache(after.messages, root, 'other/Dockerfile'), 'a file that reads none of those facts stays cached');
  });

  it('stat stamps: a file unchanged for RACY_MS is stamped; a touched file stays cached; same size and mtime with new bytes is linted again', async () => {
    const { root, storage } = folders({ 'a/Dockerfile': DOCKERFILE, 'b/Dockerfile': DOCKERFILE, 'c/Dockerfile': DOCKERFILE });
    for (const path of ['a', 'b', 'c']) utimesSync(join(root, path, 'Dockerfile'), SECOND, SECOND); // an mtime that can be put back exactly
    await new Promise((resolve) => setTimeout(resolve, RACY_MS + 200)); // only files unchanged for RACY_MS get a stamp
    await scan(root, storage);
    const stampOf = (path: string) => readFileSync(cacheFile(storage), 'utf8').split('\n').find((line) => line.includes(JSON.stringify(join(root, path))))?.split('\t')[1];
    assert.match(stampOf('a/Dockerfile') ?? '', /^\d+:\d+:\d+:\d+:\d+:[0-9a-f]+$/);
    rewriteCache(cacheFile(storage), forge);
    const b = join(root, 'b/Dockerfile');
    writeFileSync(b, DOCKERFILE.replace('alpine:3.20', 'alpine:3.21')); // the same size
    utimesSync(b, SECOND, SECOND); // and the same mtime
    utimesSync(join(root, 'c/Dockerfile'), new Date(), new Date()); // a new mtime, the same bytes
    const warm = await scan(root, storage);
    assert.ok(fromCache(warm.messages, root, 'a/Dockerfile'), 'unchanged: from the cache');
    assert.ok(!fromCache(warm.messages, root, 'b/Dockerfile'), 'new bytes under the old size and mtime: linted again');
    assert.ok(fromCache(warm.messages, root, 'c/Dockerfile'), 'touched only: its hash is unchanged, so from the cache');
  });

  it("another build's cache is not trusted: every file is linted and the cache rewritten for this build", async () => {
    const { root, storage } = folders({ 'a/Dockerfile': DOCKERFILE });
    await scan(root, storage);
    rewriteCache(cacheFile(storage), forge, { header: (header) => (header.tool = '0.0.1+0000000000000000') });
    const after = await scan(root, storage);
    assert.equal(after.summary.fromCache, 0);
    assert.ok(!fromCache(after.messages, root, 'a/Dockerfile'));
    assert.notEqual(JSON.parse(readFileSync(cacheFile(storage), 'utf8').split('\n')[0]).tool, '0.0.1+0000000000000000', 'rewritten for this build');
  });

  it('a corrupt, truncated or forged-without-checksum cache is ignored and rewritten, never trusted', async () => {
    const { root, storage } = folders({ 'a/Dockerfile': DOCKERFILE });
    await scan(root, storage);
    const file = cacheFile(storage);
    const valid = readFileSync(file, 'utf8');
    for (const damage of [() => writeFileSync(file, 'garbage\u0000\n{'), () => writeFileSync(file, valid.slice(0, valid.length / 2)), () => rewriteCache(file, forge, { keepChecksum: true })]) {
      damage();
      const after = await scan(root, storage);
      assert.equal(after.summary.fromCache, 0);
      assert.ok(!fromCache(after.messages, root, 'a/Dockerfile'));
      assert.equal(JSON.parse(readFileSync(file, 'utf8').split('\n')[0]).format, 'stridelint-cache', 'rewritten');
    }
    // A body that passes its checksum but does not have the shape of an entry is a miss, not output: a head
    // whose fields are not what they must be, or diagnostics that are not one JSON array.
    for (const damage of [(body: string) => body.replace(/"reads":\[/, '"reads":[42,'), (body: string) => body.replace(/\]\n/, '] 42\n')]) {
      rewriteCache(file, (body) => forge(damage(body)));
      const shape = await scan(root, storage);
      assert.equal(shape.summary.fromCache, 0);
      assert.ok(!fromCache(shape.messages, root, 'a/Dockerfile'));
    }
  });

  it('a warm start publishes byte for byte what the cold scan did (related places, tags, data), and the threat report reads the cached findings', async () => {
    const { root, storage } = folders({
      'built/Dockerfile': 'FROM alpine:3.20\nUSER root\nCMD ["sh"]\n',
      'compose.yaml': 'services:\n  web:\n    build: ./built\n    privileged: true\n',
      'quiet/Dockerfile': 'FROM alpine:3.20\n# stridelint-disable-next-line dockerfile/add-instead-of-copy\nCOPY a /a\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n',
      'k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          securityContext:\n            privileged: true\n',
    });
    const run = async () => {
      const client = await TestClient.start({ rootPath: root, initializationOptions: { storagePath: storage } });
      try {
        const summary = await client.request<ScanSummary>(SCAN_WORKSPACE_REQUEST, null);
        const published = new Map(client.published.map((params) => [params.uri, JSON.stringify(params.diagnostics)]));
        const report = await client.request<ThreatReportResult>(THREAT_REPORT_REQUEST, {});
        return { summary, published, report };
      } finally {
        await client.stop();
      }
    };
    const cold = await run();
    const warm = await run();
    assert.equal(cold.summary.fromCache, 0);
    assert.equal(warm.summary.fromCache, 4);
    const all = [...cold.published.values()].join('');
    assert.ok(all.includes('"relatedInformation"') && all.includes('"tags":[1]') && all.includes('"data":{'), all);
    assert.deepEqual([...warm.published].sort(), [...cold.published].sort());
    assert.equal(warm.report.findings, cold.report.findings);
    assert.equal(warm.report.files, cold.report.files);
    // The report's findings of a cached file are the cache's (parsed when the report first reads them).
    rewriteCache(cacheFile(storage), forge);
    const forged = await run();
    assert.equal(forged.summary.fromCache, 4);
    assert.ok(forged.report.html.includes(FORGED), 'the report shows the cached findings');
    assert.equal(forged.report.findings, cold.report.findings);
  });

  it('a STRIDE category turned off hides its findings of cached files as it does in a cold scan', async () => {
    const { root, storage } = folders({ 'a/Dockerfile': DOCKERFILE, 'b/Dockerfile': 'FROM alpine:3.20\nUSER root\nCMD ["sh"]\n' });
    const settings = { categories: { tampering: false } };
    const uncached = await scan(root, undefined, settings);
    const cold = await scan(root, storage);
    assert.ok([...cold.messages.values()].flat().some((message) => message.startsWith('[Tampering]')), 'something to hide');
    const warm = await scan(root, storage, settings);
    assert.equal(warm.summary.fromCache, 2);
    assert.deepEqual([...warm.messages].sort(), [...uncached.messages].sort());
    assert.ok(![...warm.messages.values()].flat().some((message) => message.startsWith('[Tampering]')), [...warm.messages.values()].flat().join('\n'));
  });

  it('without a storage folder there is no cache, and nothing is written into the workspace', async () => {
    const { root } = folders({ 'a/Dockerfile': DOCKERFILE });
    const before = readdirSync(root, { recursive: true }).sort();
    await scan(root, undefined);
    const again = await scan(root, undefined);
    assert.equal(again.summary.fromCache, 0);
    assert.deepEqual(readdirSync(root, { recursive: true }).sort(), before);
  });

  it('a storage folder inside the workspace is refused', async () => {
    const { root } = folders({ 'a/Dockerfile': DOCKERFILE });
    await scan(root, join(root, '.storage'));
    const again = await scan(root, join(root, '.storage'));
    assert.equal(again.summary.fromCache, 0);
    assert.deepEqual(readdirSync(root).sort(), ['a']);
  });
});
