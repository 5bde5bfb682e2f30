import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../rules/engine';
import { lint } from '../../rules/registry-lint';

describe('LineIndex: offsets ↔ zero-based positions', () => {
  it('counts \\n, \\r\\n and a lone \\r as line breaks, as LSP does', () => {
    const lines = new LineIndex('a\nbb\r\nccc\rd');
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(lines.positionAt(2), { line: 1, character: 0 });
    assert.deepEqual(lines.positionAt(7), { line: 2, character: 1 });
    assert.deepEqual(lines.positionAt(10), { line: 3, character: 0 });
    assert.equal(lines.lineText(1), 'bb');
    assert.equal(lines.lineText(2), 'ccc');
    assert.equal(lines.offsetAt({ line: 2, character: 99 }), 9, 'a character past the end clamps to the line end');
  });

  it('round-trips every offset', () => {
    const text = 'x\r\n\ry\n\nzz';
    const lines = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const position = lines.positionAt(offset);
      const back = lines.offsetAt(position);
      // Offsets inside a \r\n pair map to the end of the line's content.
      assert.ok(back === offset || (text[offset - 1] === '\r' && text[offset] === '\n'), `offset ${offset}`);
    }
  });

  it('keeps only its own text’s lines when built after a longer text', () => {
    const long = new LineIndex('1\n2\n3\n4\n5\n6');
    const short = new LineIndex('a\nb');
    assert.equal(short.lineCount, 2);
    assert.equal(short.lineText(1), 'b');
    assert.deepEqual(short.positionAt(99), { line: 1, character: 1 });
    assert.equal(long.lineCount, 6, 'an index built earlier is not changed by a later one');
    assert.equal(long.lineText(5), '6');
  });

  it('picks the document’s own line break for inserted lines', () => {
    assert.equal(new LineIndex('a\r\nb').eol, '\r\n');
    assert.equal(new LineIndex('a\nb').eol, '\n');
    assert.equal(new LineIndex('a').eol, '\n');
  });
});

describe('ranges in real findings', () => {
  // Clean but for the ADD on line 2.
  const dockerfile = 'FROM alpine:3.20\nADD app/ /srv/\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n';

  it('are exact with \\n', () => {
    const [finding] = lint(dockerfile, 'Dockerfile');
    assert.deepEqual(finding.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
  });

  it('are the same with CRLF line endings', () => {
    const [finding] = lint(dockerfile.replace(/\n/g, '\r\n'), 'Dockerfile');
    assert.deepEqual(finding.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
  });

  it('do not count a BOM as a column', () => {
    const [finding] = lint(`\uFEFF${dockerfile}`, 'Dockerfile');
    assert.deepEqual(finding.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
  });
});
