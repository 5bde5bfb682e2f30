// Stat stamps in the scan cache (server/shared/file-stamp.ts, facts-by-stamp.ts): a file whose size, mtime, ctime,
// inode and device are those recorded is taken as unchanged without reading it; any write (even one that
// restores the mtime) changes the stamp; a file changed less than RACY_MS ago gets no stamp.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { answerByStamp } from '../../server/lsp/facts-by-stamp';
import { entryStamp, fileStamp, RACY_MS, stampOfStats } from '../../server/shared/file-stamp';
import { stampOfRead, startRead } from '../../server/shared/source-stamp';
import { readTree } from '../../server/shared/source-tree';
import type { FactsItem, FactsOutcome } from '../../server/lsp/scan-task';
import { LintCache } from '../../server/shared/lint-cache';

/** As if RACY_MS had passed since the file was written (ctime cannot be set back). */
const later = () => Date.now() + RACY_MS + 1000;

describe('scan cache: stat stamps', () => {
  const cleanup: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'stridelint-stamp-'));
    cleanup.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const path of cleanup.splice(0)) rmSync(path, { recursive: true, force: true });
  });

  it('gives no stamp to a file changed less than RACY_MS ago, a folder or a missing file', () => {
    const dir = folder();
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, 'FROM alpine\n');
    assert.equal(fileStamp(file, 's'), '');
    assert.notEqual(fileStamp(file, 's', later()), '');
    assert.equal(fileStamp(dir, 's', later()), '');
    assert.equal(fileStamp(join(dir, 'gone'), 's', later()), '');
  });

  it('changes when the content changes though size and mtime were restored (ctime moves), and with the settings', () => {
    const file = join(folder(), 'Dockerfile');
    writeFileSync(file, 'FROM alpine:3.20\n');
    // A whole second as mtime, so that it can be put back exactly (utimes takes seconds as a double).
    const second = 1_700_000_000;
    utimesSync(file, second, second);
    const before = fileStamp(file, 's', later());
    const deadline = Date.now() + 20;
    while (Date.now() < deadline); // past the file system's timestamp tick
    writeFileSync(file, 'FROM alpine:3.21\n'); // the same length
    utimesSync(file, second, second); // and the old mtime put back: only ctime (and the bytes) tell
    assert.equal(statSync(file).size, 17);
    assert.equal(statSync(file, { bigint: true }).mtimeNs, BigInt(second) * 1_000_000_000n);
    assert.notEqual(fileStamp(file, 's', later()), before);
    assert.notEqual(fileStamp(file, 'other settings', later()), fileStamp(file, 's', later()));
  });

  it("the cache keeps a stamp with its entry across a save; answerByStamp answers only files that still have theirs", async () => {
    const dir = folder();
    const items: FactsItem[] = ['a', 'b', 'c'].map((name) => ({ path: join(dir, name), config: {} as FactsItem['config'], settingsKey: 's' }));
    for (const item of items) writeFileSync(item.path, 'FROM alpine\n');
    const cacheFile = join(dir, 'cache');
    const cache = new LintCache(cacheFile, 'test');
    // a: stamped (as if hashed long after its last change); b: stamped, then touched; c: stored without a stamp.
    const stampNow = fileStamp(items[0].path, 's', later());
    cache.set(items[0].path, 'key-a', { v: 1 }, stampNow);
    cache.set(items[1].path, 'key-b', { v: 1 }, fileStamp(items[1].path, 's', later()));
    cache.set(items[2].path, 'key-c', { v: 1 });
    cache.save();
    assert.match(readFileSync(cacheFile, 'utf8'), new RegExp(`key-a\\t${stampNow}\\t`));
    const reloaded = new LintCache(cacheFile, 'test');
    assert.equal(reloaded.discarded, '');
    utimesSync(items[1].path, new Date(), new Date(Date.now() + 5000));
    // What fileStamp gives at this moment: files written this instant have none; stamp them as `later()` would.
    const answered: Array<[string, FactsOutcome]> = [];
    const stampAt = later();
    // d: never stored — not even stat'ed.
    const stranger: FactsItem = { path: join(dir, 'd'), config: {} as FactsItem['config'], settingsKey: 's' };
    const statted: string[] = [];
    const stampOf = (path: string, settingsKey: string) => (statted.push(path), fileStamp(path, settingsKey, stampAt));
    const unread = await answerByStamp([...items, stranger], reloaded, (item, outcome) => answered.push([item.path, outcome]), stampOf);
    assert.deepEqual(answered, [[items[0].path, { key: 'key-a', unchanged: true, stamp: stampNow }]]);
    assert.deepEqual(unread.map((item) => item.path), [items[1].path, items[2].path, stranger.path]);
    assert.deepEqual(statted, items.map((item) => item.path));
  });

  it('without a cache every item is read', async () => {
    const items: FactsItem[] = [{ path: '/nowhere', config: {} as FactsItem['config'], settingsKey: 's' }];
    assert.deepEqual(await answerByStamp(items, undefined, () => assert.fail('nothing answered')), items);
  });
  it("a unit's stamp from the stats its read took equals the stamp of a second stat, and a change after the read moves it", () => {
    const dir = folder();
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'Chart.yaml'), 'name: a\n');
    writeFileSync(join(dir, 'templates', 'a.yaml'), 'kind: Pod\n');
    writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(100));
    symlinkSync(join(dir, 'templates'), join(dir, 'linked')); // a folder behind a symlink: not read, as before
    const read = startRead();
    const files = new Map<string, string | Uint8Array>();
    readTree(dir, { maxBytes: 50, maxFiles: 100 }, files, read.listed, read.statted);
    assert.deepEqual([...files.keys()].sort(), [join(dir, 'Chart.yaml'), join(dir, 'templates', 'a.yaml')]);
    assert.deepEqual([...read.statted.keys()].sort(), [...files.keys()].sort(), 'stats of the files read, only');
    const now = later();
    for (const [path, stats] of read.statted) assert.equal(stampOfStats(stats, now), entryStamp(path, now));
    const finished = { ...read.finish(), startedAt: now };
    const withStats = stampOfRead(finished, 's');
    const statAgain = stampOfRead({ ...finished, statted: undefined }, 's');
    assert.notEqual(withStats.stamp, '');
    assert.equal(withStats.stamp, statAgain.stamp);
    writeFileSync(join(dir, 'templates', 'a.yaml'), 'kind: Job\n'); // the same length, after the read
    assert.notEqual(stampOfRead({ ...finished, statted: undefined, startedAt: later() }, 's').stamp, withStats.stamp);
  });
});
