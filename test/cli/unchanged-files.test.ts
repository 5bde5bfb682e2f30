import assert from 'node:assert/strict';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { RACY_MS } from '../../server/shared/file-stamp';
import { FORGED, forge, rewriteCache } from '../helpers/cache-file';
import { readsDuring, run, workspace } from '../helpers/cli';
import { BASE_DEPLOYMENT, BASE_KUSTOMIZATION, OVERLAY_KUSTOMIZATION, RESTRICTED_PATCH } from '../kustomize/integration/overlay-fixture';

const DOCKERFILE = 'FROM alpine:3.20\nADD app/ /srv/app/\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n';
const COMPOSE = 'services:\n  app:\n    image: nginx:1.27\n    privileged: true\n';
/** A file changed less than RACY_MS before it is read gets no stamp (server/shared/file-stamp.ts): the tests wait that out. */
const SETTLE_MS = RACY_MS + 200;

function warm(root: string): { stdout: string; messages: string[] } {
  const result = run(['--format', 'json', '--cache'], root);
  assert.notEqual(result.code, 2, result.stderr);
  return { stdout: result.stdout, messages: (JSON.parse(result.stdout).findings as Array<{ path: string; message: string }>).map((finding) => `${finding.path}: ${finding.message}`) };
}
const fromCache = (messages: string[], path: string) => messages.some((message) => message.startsWith(`${path}: ${FORGED}`));
const statRecords = (root: string) => readFileSync(join(root, '.stridelint-cache'), 'utf8').split('\n').filter((line) => line.includes('\\u0000read"'));

describe('stridelint --cache: unchanged files are not read again', () => {
  it('records no file changed in the last RACY_MS (a later write in the same clock tick could look unchanged)', () => {
    const root = workspace({ Dockerfile: DOCKERFILE, 'compose.yaml': COMPOSE });
    warm(root);
    assert.deepEqual(statRecords(root), []);
  });

  it('takes an unchanged file’s content hash from its record instead of reading it, and gives the same output', async () => {
    const root = workspace({ Dockerfile: DOCKERFILE, 'compose.yaml': COMPOSE });
    await sleep(SETTLE_MS);
    const cold = run(['--format', 'json'], root).stdout;
    assert.equal(warm(root).stdout, cold);
    assert.equal(statRecords(root).length, 2, 'both files recorded');
    assert.equal(warm(root).stdout, cold, 'warm output from the records is byte-identical');
    rewriteCache(join(root, '.stridelint-cache'), forge);
    assert.ok(fromCache(warm(root).messages, 'Dockerfile'), 'the Dockerfile’s result came from the cache');
    // The record (whose key is the content hash) now names another hash: a run that believed the stamp (did not
    // read the file) misses the cached result and lints the file again; a run that read and hashed it would hit it.
    rewriteCache(join(root, '.stridelint-cache'), (body) => body.replace(/^[0-9a-f]{64}(\t[^\t\n]+\t"[^"\n]*\/Dockerfile\\u0000read")/m, `${'0'.repeat(64)}$1`));
    const after = warm(root).messages;
    assert.ok(!fromCache(after, 'Dockerfile'), 'the record, not a read, gave the Dockerfile’s hash');
    assert.ok(fromCache(after, 'compose.yaml'), 'the other file still from the cache');
  });

  it('reads a file again when its content changed with its size and modification time restored (ctime differs)', async () => {
    const root = workspace({ Dockerfile: DOCKERFILE, 'compose.yaml': COMPOSE });
    const file = join(root, 'Dockerfile');
    // A whole second, so that the modification time can be put back exactly, as `cp -p` or `rsync -t` would.
    const stamp = Math.floor(Date.now() / 1000) - 60;
    utimesSync(file, stamp, stamp);
    await sleep(SETTLE_MS);
    warm(root);
    assert.equal(statRecords(root).length, 2, 'both files recorded');
    rewriteCache(join(root, '.stridelint-cache'), forge);
    const before = statSync(file, { bigint: true });
    writeFileSync(file, DOCKERFILE.replace('USER 10001:10001', 'USER root:root11')); // same length
    utimesSync(file, stamp, stamp);
    const now = statSync(file, { bigint: true });
    assert.equal(now.size, before.size);
    assert.equal(now.mtimeNs, before.mtimeNs, 'size and modification time as recorded');
    const after = warm(root).messages;
    assert.ok(!fromCache(after, 'Dockerfile'), 'the changed file was linted again');
    assert.ok(after.some((message) => message.startsWith('Dockerfile: ') && message.includes('root')), 'its new USER root is reported');
    assert.ok(fromCache(after, 'compose.yaml'), 'the unchanged file still from the cache');
  });
  it('takes the kustomization builds from the cache without reading their files while every path their read met keeps its stamp', async () => {
    const root = workspace({ 'base/kustomization.yaml': BASE_KUSTOMIZATION, 'base/deployment.yaml': BASE_DEPLOYMENT, 'overlays/prod/kustomization.yaml': OVERLAY_KUSTOMIZATION, 'overlays/prod/security.yaml': RESTRICTED_PATCH });
    await sleep(SETTLE_MS);
    const cold = run(['--format', 'json'], root).stdout;
    assert.equal(warm(root).stdout, cold);
    assert.equal(warm(root).stdout, cold, 'warm output is byte-identical');
    rewriteCache(join(root, '.stridelint-cache'), forge);
    const { read } = readsDuring(() => assert.ok(fromCache(warm(root).messages, 'base/deployment.yaml'), 'the builds’ findings came from the cache'));
    assert.deepEqual(read.filter((path) => path.startsWith(root) && !path.endsWith('.stridelint-cache')), [], 'no file of the builds was read');
    // The same length and modification time, another ctime: the stamp no longer matches, the builds are done again.
    const patch = join(root, 'overlays/prod/security.yaml');
    const stamp = Math.floor(statSync(patch).mtimeMs / 1000);
    utimesSync(patch, stamp, stamp);
    await sleep(SETTLE_MS);
    warm(root);
    rewriteCache(join(root, '.stridelint-cache'), forge);
    const before = statSync(patch, { bigint: true });
    writeFileSync(patch, RESTRICTED_PATCH.replace(/[a-z]/, (letter) => (letter === 'x' ? 'y' : 'x')));
    utimesSync(patch, stamp, stamp);
    assert.equal(statSync(patch, { bigint: true }).mtimeNs, before.mtimeNs, 'modification time as recorded');
    const after = readsDuring(() => warm(root));
    assert.ok(after.read.some((path) => path.endsWith('overlays/prod/security.yaml')), 'the builds’ files were read again');
    assert.ok(!fromCache(after.result.messages, 'base/deployment.yaml'), 'and the builds done again');
  });
});

