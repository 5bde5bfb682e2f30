import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
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
