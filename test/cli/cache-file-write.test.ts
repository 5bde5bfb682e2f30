import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LintCache } from '../../server/shared/lint-cache';

const isAny = (value: unknown): value is unknown => value !== undefined;

describe('LintCache file writing', () => {
  it('writes values larger than its write buffer (multi-byte text split anywhere, bytes with newlines) byte for byte in the file format, and reads them back', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sl-cache-write-'));
    const file = join(folder, 'cache');
    // 'a' first: the surrogate pairs do not line up with any power-of-two piece boundary.
    const text = `a${'🚀é“x”'.repeat(30_000)}`;
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, index) => (index % 97 === 0 ? 10 : index % 251)));
    const small = Array.from({ length: 2_000 }, (_, index) => [`/w/${index}.yaml`, { findings: [index, 'ü'.repeat(index % 50)] }] as const);
    const cache = new LintCache(file, 'tool-1');
    cache.set('/w/big.json', 'k1', { message: text }, 'stamp-1');
    cache.setBytes('/w/out', 'k2', bytes);
    for (const [path, value] of small) cache.set(path, `k-${path}`, value);
    cache.save();

    // The format, written independently here: one header line with the body's SHA-256, one line per entry.
    const lines = [
      Buffer.from(`k1\tstamp-1\t"/w/big.json"\t${JSON.stringify({ message: text })}\n`),
      Buffer.concat([Buffer.from(`k2\t\t"/w/out"\t#${bytes.length}:`), bytes, Buffer.from('\n')]),
      ...small.map(([path, value]) => Buffer.from(`k-${path}\t\t${JSON.stringify(path)}\t${JSON.stringify(value)}\n`)),
    ];
    const body = Buffer.concat(lines);
    const header = JSON.stringify({ format: 'stridelint-cache', version: 2, tool: 'tool-1', checksum: createHash('sha256').update(body).digest('hex') });
    assert.ok(readFileSync(file).equals(Buffer.concat([Buffer.from(`${header}\n`), body])), 'the file holds exactly the format');
    assert.deepEqual(readdirSync(folder), ['cache'], 'no temporary file left');

    const again = new LintCache(file, 'tool-1');
    assert.equal(again.discarded, '');
    assert.deepEqual(again.get('/w/big.json', 'k1', isAny), { message: text });
    assert.ok(again.getBytes('/w/out', 'k2')?.equals(bytes));
    for (const [path, value] of small) assert.deepEqual(again.get(path, `k-${path}`, isAny), value);
  });

  it('writes a value set in pieces (text and views of a larger buffer) as the pieces one after the other, and gives them back as one', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sl-cache-pieces-'));
    const file = join(folder, 'cache');
    const batch = Buffer.from('[{"m":"é"}][{"d":"🚀"}]');
    const pieces = ['{"count":1}\n', batch.subarray(0, 12), Buffer.from("\n"), batch.subarray(12)];
    const whole = Buffer.concat(pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece)));
    const cache = new LintCache(file, 'tool-1');
    cache.setBytes('/w/a.yaml', 'k', pieces, 'stamp');
    assert.ok(cache.getBytes('/w/a.yaml', 'k')?.equals(whole), 'read back before the save');
    cache.save();
    const body = Buffer.concat([Buffer.from(`k\tstamp\t"/w/a.yaml"\t#${whole.length}:`), whole, Buffer.from('\n')]);
    const header = JSON.stringify({ format: 'stridelint-cache', version: 2, tool: 'tool-1', checksum: createHash('sha256').update(body).digest('hex') });
    assert.ok(readFileSync(file).equals(Buffer.concat([Buffer.from(`${header}\n`), body])));
    assert.ok(new LintCache(file, 'tool-1').getBytes('/w/a.yaml', 'k')?.equals(whole));
  });
});

describe('LintCache saved in slices (the language server, keystrokes answered between them)', () => {
  const fill = (cache: LintCache, count: number) => {
    for (let index = 0; index < count; index++) cache.setBytes(`/w/${index}.yaml`, `k${index}`, [`{"n":${index}}\n`, Buffer.from(`[${'é'.repeat(index % 7)}]`), '\n', '[]'], `s${index}`);
  };

  it('writes the same file as a save in one piece, pausing between entries, through a temporary file of its own that is gone after', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sl-cache-slices-'));
    const whole = new LintCache(join(folder, 'whole'), 'tool-1');
    fill(whole, 50);
    whole.save();
    const sliced = new LintCache(join(folder, 'sliced'), 'tool-1');
    fill(sliced, 50);
    const seen: string[][] = [];
    await sliced.saveInSlices(async () => {
      seen.push(readdirSync(folder).filter((name) => name.startsWith('sliced')));
    }, 0);
    assert.ok(seen.length >= 49, `paused between entries (${seen.length} pauses)`);
    assert.ok(seen.every((names) => names.length === 1 && /^sliced\.\d+\.\d+\.tmp$/.test(names[0])), 'only its temporary file while it writes');
    assert.deepEqual(readdirSync(folder).sort(), ['sliced', 'whole']);
    assert.ok(readFileSync(join(folder, 'sliced')).equals(readFileSync(join(folder, 'whole'))));
    assert.equal(sliced.modified, false);
  });

  it('two saves of one file under way at once both finish and leave a whole file; an entry set meanwhile goes out with the next save', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sl-cache-slices-'));
    const file = join(folder, 'cache');
    const first = new LintCache(file, 'tool-1');
    fill(first, 30);
    const second = new LintCache(file, 'tool-1');
    fill(second, 40);
    let late = false;
    const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
    await Promise.all([
      first.saveInSlices(async () => {
        if (!late) first.setBytes('/w/late.yaml', 'late', 'bytes');
        late = true;
        await pause();
      }, 0),
      second.saveInSlices(pause, 0),
    ]);
    assert.deepEqual(readdirSync(folder), ['cache'], 'no temporary file left');
    const loaded = new LintCache(file, 'tool-1');
    assert.equal(loaded.discarded, '');
    assert.ok(loaded.size === 30 || loaded.size === 40, `one save's entries (${loaded.size})`);
    assert.equal(first.modified, true, 'the entry set during its save is still to be written');
    first.save();
    assert.equal(new LintCache(file, 'tool-1').getBytes('/w/late.yaml', 'late')?.toString(), 'bytes');
  });

  it('a save that fails removes its temporary file and leaves the cache to be saved again', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sl-cache-slices-'));
    const file = join(folder, 'cache');
    mkdirSync(join(file, 'in-the-way'), { recursive: true }); // a folder where the file would go: the rename fails
    const cache = new LintCache(file, 'tool-1');
    fill(cache, 5);
    await assert.rejects(cache.saveInSlices(async () => {}, 0));
    assert.deepEqual(readdirSync(folder), ['cache']);
    assert.deepEqual(readdirSync(file), ['in-the-way']);
    assert.equal(cache.modified, true);
  });

  it('a process that exits in the middle of a sliced save leaves no temporary file behind', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sl-cache-slices-'));
    const script = `
      const { LintCache } = require(${JSON.stringify(require.resolve('../../server/shared/lint-cache'))});
      const cache = new LintCache(${JSON.stringify(join(folder, 'cache'))}, 'tool-1');
      for (let index = 0; index < 20; index++) cache.setBytes('/w/' + index, 'k' + index, 'bytes');
      let pauses = 0;
      cache.saveInSlices(async () => { if (++pauses === 5) process.exit(3); }, 0);
    `;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(child.status, 3, child.stderr);
    assert.deepEqual(readdirSync(folder), [], 'neither a cache nor its temporary file');
  });
});
