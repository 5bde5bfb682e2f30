import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Parser, parseAllDocuments } from 'yaml';
import { buildCst, parseCst, parseYamlDocuments } from '../../rules/models/yaml-cst';
import { SHARED_DIR, SHARED_SKIP_REASON } from '../helpers/shared';

/** yaml's own Parser: the oracle. */
function oracle(text: string): unknown[] {
  return Array.from(new Parser().parse(text));
}

/** The builder's CST equals the Parser's, or the builder gave up. Returns whether it built. */
function assertConforms(text: string, where: string): boolean {
  const built = buildCst(text);
  if (built === undefined) return false;
  assert.deepStrictEqual(built, oracle(text), where);
  return true;
}

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/** Every string of a JSON value that may be a YAML text (the kustomize and Helm oracles' inputs and outputs). */
function* textsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') {
    if (value.includes('\n') || value.includes(': ')) yield value;
  } else if (Array.isArray(value)) for (const item of value) yield* textsIn(item);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) yield* textsIn(item);
}

/** The YAML texts of the shared corpora: files, and the texts inside the kustomize and Helm case files. */
function corpusTexts(set: string): Array<{ where: string; text: string }> {
  const texts: Array<{ where: string; text: string }> = [];
  for (const path of filesUnder(join(SHARED_DIR, 'corpus', set))) {
    if (/\.(ya?ml|txt|snap|tpl|template)$/i.test(path)) texts.push({ where: path, text: readFileSync(path, 'utf8') });
    else if (path.endsWith('.json') && (set === 'kustomize' || set === 'helm')) {
      let index = 0;
      for (const text of textsIn(JSON.parse(readFileSync(path, 'utf8')))) texts.push({ where: `${path} #${index++}`, text });
    }
  }
  return texts;
}

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

  for (const set of ['realworld', 'peers', 'helm', 'kustomize']) {
    it(`conforms on every YAML text of the ${set} corpus`, { skip: SHARED_SKIP_REASON }, () => {
      const texts = corpusTexts(set);
      assert.ok(texts.length > 0, `no texts under corpus/${set}`);
      let built = 0;
      let yamlTexts = 0;
      for (const { where, text } of texts) {
        const isBuilt = assertConforms(text, where);
        // Chart templates are not YAML before rendering; the builder rightly gives up on most of them.
        if (where.includes('/templates/')) continue;
        yamlTexts++;
        if (isBuilt) built++;
      }
      // The rest is nearly all in the subset (the builder gives up on invalid YAML and on non-YAML case texts).
      assert.ok(built >= yamlTexts * 0.9, `${set}: built ${built} of ${yamlTexts}`);
    });
  }
});

/** Pieces of YAML (and of what breaks it) for generated texts. */
const PIECES = [
  'a', 'key', 'b c', ':', ': ', ' ', '  ', '    ', '\t', '\n', '\r\n', '- ', '-', '# c', ' # c', '[', ']', '{', '}', ', ', ',',
  '"q"', '"a\nb"', "'s'", "'it''s'", '|', '|-', '>', '>+2', '&a ', '*a', '!t ', '!!str ', '---', '---\n', '...', '...\n',
  '%YAML 1.2\n', '%TAG ! tag:x,2000:\n', '?', '? ', 'x: y', 'x:', '"k": v', '\ufeff', '@', '`', '1', 'true', '~', '{{ .x }}',
  '\n  ', '\n- ', '\n  - ', '\n    ', '#', 'a: |\n  line\n', 'a: >-\n  x\n\n  y\n',
];

describe('rules/models/yaml-cst on generated and mutated YAML', () => {
  it('builds the Parser\'s CST (errors included) or gives up, on texts made of YAML pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        assertConforms(text, JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('builds the Parser\'s CST or gives up, on corpus manifests with random edits', { skip: SHARED_SKIP_REASON }, () => {
    const samples = [...filesUnder(join(SHARED_DIR, 'corpus', 'realworld'))].filter((path) => /\.ya?ml$/.test(path) && !path.includes('/templates/')).slice(0, 300).map((path) => readFileSync(path, 'utf8').slice(0, 3000));
    const edit = fc.tuple(fc.nat(), fc.nat({ max: 20 }), fc.constantFrom(...PIECES, ''));
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.array(edit, { minLength: 1, maxLength: 4 }), (sample, edits) => {
        let text = sample;
        for (const [at, removed, inserted] of edits) {
          const offset = at % (text.length + 1);
          text = text.slice(0, offset) + inserted + text.slice(offset + removed);
        }
        assertConforms(text, JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  });
});
