import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Parser, parseAllDocuments } from 'yaml';
import { buildCst, parseCst, parseYamlDocuments } from '../../rules/models/yaml-cst';
import { SHARED_SKIP_REASON } from '../helpers/shared';
import { FUZZ_RUNS, YAML_CORPORA, conformance, YAML_PIECES as PIECES, conformsOnCorpus, editedManifests } from '../helpers/yaml-texts';

/** yaml's own Parser: the oracle. */
function oracle(text: string): unknown[] {
  return Array.from(new Parser().parse(text));
}

/** The builder's CST equals the Parser's, or the builder gave up. Returns whether it built. */
const assertConforms = conformance<unknown[]>(buildCst, oracle);

describe('rules/models/yaml-cst: our CST stage against yaml\'s Parser', () => {
  it('builds the Parser\'s CST for block and flow collections, scalars, comments, documents and directives', () => {
    const texts = [
      'a: 1 # c\n  # indented\nb: |\n  foo\n\n # y\nc:\n- x\n- &q y\n---\nd: [1, {e: f}]\n...\n',
      '%YAML 1.2\n---\n# head\nkind: Pod\nmetadata:\n  name: x\n  labels: {app: web, tier: "front"}\nspec:\n  containers:\n    - name: a\n      image: \'nginx\'\n      args: [--x, "--y"]\n\n# trailing\n',
      'key:\n\n\nnext: 1\nempty:\n# comment\nlast: *q\n',
      '- - a\n  - b\n- !!map {x: 1}\n- >-\n  folded\n  text\n- ? \n',
      'plain\n...\n# between\n--- !tag\n"quoted"\n',
      'a: [ [1, 2], [3] ]\nb: {}\nc: []\n',
      '',
      '# only a comment\n',
    ];
    let built = 0;
    for (const text of texts) if (assertConforms(text, JSON.stringify(text))) built++;
    // All but the explicit key (`? `) are in the builder's subset.
    assert.equal(built, texts.length - 1);
  });

  it('gives up on what it does not cover, and parseCst then answers with the Parser\'s CST', () => {
    for (const text of ['? a\n: b\n', 'a: b: c\n', '{[a]: b}\n', '\ufeffa: 1\n', ': x\n', 'a:\n  - b\n  c\n[unclosed\n', 'a: - b\n']) {
      assert.equal(buildCst(text), undefined, JSON.stringify(text));
      assert.deepStrictEqual(parseCst(text), oracle(text));
    }
  });

  it('reads each text\'s own lexemes only (the lexeme array is kept from text to text), after a longer text and after giving up', () => {
    const long = Array.from({ length: 400 }, (_, i) => `key${i}:\n  - item: "v${i}"\n    # note\n`).join('');
    const texts = [long, 'a: 1\n', long, '"cut\nb: 2\n', 'x:\n  - y\n', '', long.slice(0, 997) + '\n', '# c\n'];
    for (const text of texts) {
      assertConforms(text, JSON.stringify(text.slice(0, 40)));
      assert.deepStrictEqual(parseCst(text), oracle(text));
    }
    assert.ok(buildCst('a: 1\n'), 'the short text builds');
  });

  it('gives up, without throwing, on nesting too deep for its recursion', () => {
    const text = `${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
    assert.equal(buildCst(text), undefined);
  });

  it('parseYamlDocuments composes the same documents as parseAllDocuments, errors and empty streams included', () => {
    const options = { prettyErrors: false as const, uniqueKeys: false, strict: false, version: '1.1' as const };
    const texts = ['a: &x 1\nb: *x\nc: [1, 2] # c\n--- # two\n- yes\n- 0755\n', '', '# only a comment\n', 'a: 1\na: 2\nb: [1\n', '? a\n: b\n', 'k: "unterminated\n'];
    const view = (documents: unknown) =>
      (documents as Array<{ toJS(): unknown; range: unknown; errors: Array<{ code: string; pos: unknown }>; commentBefore?: unknown; comment?: unknown }>).map((doc) => [doc.toJS(), doc.range, doc.errors.map((error) => [error.code, error.pos]), doc.commentBefore, doc.comment, doc.errors.length > 0 ? null : String(doc)]);
    for (const text of texts) {
      const mine = parseYamlDocuments(text, options);
      const theirs = parseAllDocuments(text, options);
      assert.ok(Array.isArray(theirs));
      assert.deepStrictEqual(view(mine), view(theirs), JSON.stringify(text));
      assert.deepStrictEqual({ ...mine }, { ...theirs }, JSON.stringify(text));
    }
  });

  for (const set of YAML_CORPORA) {
    it(`conforms on every YAML text of the ${set} corpus`, { skip: SHARED_SKIP_REASON }, () => {
      // Chart templates are not YAML before rendering; the builder rightly gives up on most of them.
      const { taken: built, yamlTexts } = conformsOnCorpus(set, assertConforms);
      // The rest is nearly all in the subset (the builder gives up on invalid YAML and on non-YAML case texts).
      assert.ok(built >= yamlTexts * 0.9, `${set}: built ${built} of ${yamlTexts}`);
    });
  }
});

describe('rules/models/yaml-cst on generated and mutated YAML', () => {
  it('builds the Parser\'s CST (errors included) or gives up, on texts made of YAML pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        assertConforms(text, JSON.stringify(text));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('builds the Parser\'s CST or gives up, on corpus manifests with random edits', { skip: SHARED_SKIP_REASON }, () => {
    fc.assert(
      fc.property(editedManifests(PIECES), (text) => {
        assertConforms(text, JSON.stringify(text));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
