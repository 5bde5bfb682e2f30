// The scan's read of a file (server/lsp/stamped-read.ts): one open gives the text readText gives and the stamp
// fileStamp gives, taken before the bytes are read; a file over the size limit is skipped by its size.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { readStamped } from '../../server/lsp/stamped-read';
import { fileStamp, RACY_MS } from '../../server/shared/file-stamp';
import { readText } from '../../server/shared/read-text';

const later = () => Date.now() + RACY_MS + 1000;

describe('scan: a file read with its stamp', () => {
  const cleanup: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'stridelint-stamped-'));
    cleanup.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const path of cleanup.splice(0)) rmSync(path, { recursive: true, force: true });
  });

  it('gives the text and bytes readText gives and the stamp fileStamp gives', () => {
    const file = join(folder(), 'Dockerfile');
    writeFileSync(file, '\uFEFFFROM alpine\nUSER root # é\n');
    const now = later();
    const { read, stamp } = readStamped(file, 1000, 'settings', now);
    assert.deepEqual(read, readText(file, 1000));
    assert.equal(stamp, fileStamp(file, 'settings', now));
    assert.match(stamp, /:settings$/);
    assert.equal(readStamped(file, 1000, 'settings').stamp, '', 'a file changed less than RACY_MS ago gets no stamp');
  });

  it('says why a file is not text, in readText\'s words', () => {
    const dir = folder();
    const cases = { large: 'x'.repeat(101), exact: 'x'.repeat(100), nul: 'a\0b', latin1: Buffer.from([0x66, 0xe9, 0x0a]) };
    for (const [name, content] of Object.entries(cases)) {
      writeFileSync(join(dir, name), content);
      assert.deepEqual(readStamped(join(dir, name), 100, 's').read, readText(join(dir, name), 100), name);
    }
    assert.ok('skipped' in readStamped(join(dir, 'large'), 100, 's').read);
    assert.ok('text' in readStamped(join(dir, 'exact'), 100, 's').read);
  });

  it('throws for a missing file and a folder, as readText does', () => {
    const dir = folder();
    assert.throws(() => readStamped(join(dir, 'gone'), 100, 's'), /ENOENT/);
    assert.throws(() => readStamped(dir, 100, 's'), /EISDIR/);
  });

  it('reads a file whose stat has no size to its end (Linux /proc files)', { skip: !existsSync('/proc/self/status') && 'no /proc here' }, () => {
    const { read } = readStamped('/proc/self/status', 1_000_000, 's');
    assert.ok('text' in read && /^Name:/m.test(read.text));
    assert.ok('skipped' in readStamped('/proc/self/status', 10, 's').read, 'a size-less file past the limit is skipped');
  });
});
