import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseModel } from '../../rules/engine/parse-model';
import { KeptParses } from '../../server/lsp/kept-parses';

const MANIFEST = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: c\n      image: nginx\n';

describe("a scan worker's kept parses", () => {
  it("gives the facts phase's parse to the lint of the same text, once", () => {
    const parses = new KeptParses();
    const kept = parses.keep('kubernetes', MANIFEST, '/w/pod.yaml');
    assert.equal(parses.size, 1);
    assert.equal(parses.take('kubernetes', MANIFEST, '/w/pod.yaml'), kept);
    assert.equal(parses.size, 0);
    const again = parses.take('kubernetes', MANIFEST, '/w/pod.yaml');
    assert.notEqual(again, kept);
    assert.deepEqual(again.model, parseModel('kubernetes', MANIFEST, '/w/pod.yaml').model);
  });

  it('parses again when the file changed between the phases or is read as another kind', () => {
    const parses = new KeptParses();
    const kept = parses.keep('kubernetes', MANIFEST, '/w/pod.yaml');
    const changed = MANIFEST.replace('nginx', 'redis');
    const taken = parses.take('kubernetes', changed, '/w/pod.yaml');
    assert.notEqual(taken, kept);
    assert.match(JSON.stringify(taken.model), /redis/);
    parses.keep('kubernetes', MANIFEST, '/w/pod.yaml');
    assert.notEqual(parses.take('compose', MANIFEST, '/w/pod.yaml'), kept);
    assert.equal(parses.size, 0);
  });

  it('keeps no Dockerfile (the facts phase lints those in the same parse)', () => {
    const parses = new KeptParses();
    parses.keep('dockerfile', 'FROM alpine\n', '/w/Dockerfile');
    assert.equal(parses.size, 0);
  });
});
