import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { YamlChunker, splitYamlDocuments, type YamlChunk } from '../../server/lsp/yaml-chunks';

const PIECES = ['---\n', '\n---', '--- # next\n', '---x\n', '-', '--', 'kind: Pod\n', 'kind: Service\n', 'apiVersion: v1\n', 'metadata:\n  name: a\n', 'a', ' ', '\n', '\r\n', '\r', '# stridelint-disable\n', '{{ x }}'];
const START = 'apiVersion: v1\nkind: Pod\n---\nkind: Service\nmetadata:\n  name: b\n---\nkind: ConfigMap\n--- # c\nkind: Secret\n';

/** What a chunk is, without the caches' bookkeeping. */
const shape = (chunks: readonly YamlChunk[]) => chunks.map(({ text, line, lineBreaks, kinds, wholeStreamReason, hasNul }) => ({ text, line, lineBreaks, kinds, wholeStreamReason, hasNul }));

describe('cutting an open document into YAML documents from keystroke to keystroke', () => {
  it('gives the cut of the whole text after every edit of a random sequence', () => {
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 12 }), insert: fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }).map((parts) => parts.join('')) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 15 }), (edits) => {
        const chunker = new YamlChunker();
        let text = START;
        chunker.split(text);
        for (const { at, remove, insert } of edits) {
          const from = at % (text.length + 1);
          text = text.slice(0, from) + insert + text.slice(from + remove);
          assert.deepEqual(shape(chunker.split(text)), shape(splitYamlDocuments(text)), JSON.stringify(text));
        }
      }),
      { numRuns: 600 },
    );
  });

  it('keeps the unchanged documents as the same objects when an edit keeps the line count', () => {
    const chunker = new YamlChunker();
    const before = chunker.split(START);
    const after = chunker.split(START.replace('name: b', 'name: c'));
    assert.equal(after.length, before.length);
    assert.deepEqual(
      after.map((chunk, index) => chunk === before[index]),
      [true, false, true, true],
    );
  });
});
