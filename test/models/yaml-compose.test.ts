import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Composer, Parser, isAlias, isDocument, isMap, isPair, isScalar, isSeq, type CST, type Document } from 'yaml';
import { composeYamlDocuments } from '../../rules/models/yaml-compose';
import { parseCst } from '../../rules/models/yaml-cst';
import { SHARED_DIR, SHARED_SKIP_REASON } from '../helpers/shared';

type Version = '1.1' | '1.2';
const optionsFor = (version: Version) => ({ prettyErrors: false as const, uniqueKeys: false, strict: false, version });

/** yaml's Composer over the same CST: the oracle (parseAllDocuments' result, the empty stream's list included). */
function oracle(tokens: CST.Token[], version: Version): Document.Parsed[] {
  const composer = new Composer(optionsFor(version));
  const documents = Array.from(composer.compose(tokens));
  if (documents.length > 0) return documents;
  return Object.assign([], { empty: true }, composer.streamInfo());
}

/** The node kind as yaml's own type guards see it (the non-enumerable type symbol). */
function kind(node: unknown): string {
  if (isDocument(node)) return 'document';
  if (isMap(node)) return 'map';
  if (isSeq(node)) return 'seq';
  if (isPair(node)) return 'pair';
  if (isScalar(node)) return 'scalar';
  if (isAlias(node)) return 'alias';
  return typeof node;
}

/** Walks both trees: class, type guard and every own field, recursively (deepStrictEqual sees enumerable fields only). */
function walk(mine: unknown, theirs: unknown, path: string): void {
  assert.equal(kind(mine), kind(theirs), `${path}: kind`);
  if (!mine || typeof mine !== 'object') return;
  assert.equal(Object.getPrototypeOf(mine), Object.getPrototypeOf(theirs), `${path}: class`);
  if (isDocument(mine) || isMap(mine) || isSeq(mine) || isPair(mine) || isScalar(mine) || isAlias(mine)) {
    const a = mine as unknown as Record<string, unknown>;
    const b = theirs as unknown as Record<string, unknown>;
    assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort(), `${path}: fields`);
    for (const key of ['items', 'key', 'value', 'contents']) if (key in a) walk(a[key], b[key], `${path}.${key}`);
  } else if (Array.isArray(mine)) {
    assert.equal(mine.length, (theirs as unknown[]).length, `${path}: length`);
    mine.forEach((item, index) => walk(item, (theirs as unknown[])[index], `${path}[${index}]`));
  }
}

/** What `f` answers, or the message it throws (unresolved aliases throw in toJS, some documents in toString). */
function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (error) {
    return `throws ${(error as Error).message}`;
  }
}

/**
 * Our Documents equal yaml's Composer's from the same CST (both schemas), or ours gave up. Returns how many of the two
 * versions composed.
 */
function assertConforms(text: string, where: string): number {
  const tokens = parseCst(text);
  let composed = 0;
  for (const version of ['1.2', '1.1'] as const) {
    const mine = composeYamlDocuments(tokens, optionsFor(version));
    if (mine === undefined) continue;
    composed++;
    const theirs = oracle(tokens, version);
    const label = `${where} (YAML ${version})`;
    assert.deepStrictEqual(mine, theirs, label);
    walk(mine, theirs, label);
    for (let i = 0; i < mine.length; i++) {
      assert.equal(mine[i].errors.length + mine[i].warnings.length, 0, `${label}: composed a document with errors`);
      assert.deepStrictEqual(outcome(() => mine[i].toJS({ maxAliasCount: -1 })), outcome(() => theirs[i].toJS({ maxAliasCount: -1 })), `${label}: toJS`);
      assert.equal(outcome(() => String(mine[i])), outcome(() => String(theirs[i])), `${label}: String(doc)`);
    }
  }
  return composed;
}

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

function* textsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') {
    if (value.includes('\n') || value.includes(': ')) yield value;
  } else if (Array.isArray(value)) for (const item of value) yield* textsIn(item);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) yield* textsIn(item);
}

/** The YAML texts of the shared corpora, as yaml-cst.test.ts reads them. */
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

/** How many runs a property gets: COMPOSE_FUZZ_RUNS for the long conformance runs, else a quick default. */
const RUNS = Number(process.env.COMPOSE_FUZZ_RUNS) || 2000;

describe('rules/models/yaml-compose: our Composer against yaml\'s', () => {
  it('composes the same Documents for manifests: maps, sequences, scalars of every kind, comments, anchors', () => {
    const texts = [
      'a: 1 # c\n  # indented\nb: |\n  foo\n\n # y\nc:\n- x\n- &q y\n---\nd: [1, {e: f}]\n...\n',
      '# head\n\nkind: Pod\nmetadata:\n  name: x\n  labels: {app: web, tier: "front"}\nspec:\n  containers:\n    - name: a\n      image: \'nginx\'\n      args: [--x, "--y"]\n\n# trailing\n',
      'key:\n\n\nnext: 1\nempty:\n# comment\nlast: *q\n',
      'plain\n...\n# between\n---\n"quoted"\n',
      'a: [ [1, 2], [3] ]\nb: {}\nc: []\nd: [a: 1, b]\n',
      '',
      '# only a comment\n',
      'n: ~\nb: [true, false, True, FALSE, yes, no, on, off, y, n]\ni: [0, -12, +3, 0o17, 0x1F, 0755, 0b101, 1_000, 1:30]\nf: [1.5, -.5, 1e3, .inf, -.Inf, .nan, 6.02e+23, 1_0.5]\nt: 2001-12-14t21:59:43.10-05:00\n',
      'q: "tab\\there \\u00e9 \\x41 \\U0001F600 \\\\ \\" \\/ \\0"\ns: \'it\'\'s\'\nf: "folded\n  line\n\n  para"\np: plain\n  continued\n\n  para\n',
      'l: |+\n  keep\n\n\nf: >-\n  folded\n  text\n\n   more\n  back\ni: |2\n    indented\n',
      '- a\n-\n- - b\n  - c\n- k: v\n  j: w\n',
      '--- # doc comment\na: 1\n--- \n- 2\n...\n# after\n',
      'a: &anchor\n  b: 1\nc: *anchor\n',
      'x: "a" # q\ny: {a: 1, # c\n  b: 2}\n',
    ];
    let composed = 0;
    for (const text of texts) composed += assertConforms(text, JSON.stringify(text));
    assert.equal(composed, texts.length * 2, 'every sample composed by ours under both schemas');
  });

  it('resolves plain scalars as the core and YAML 1.1 schemas do', () => {
    const words = ['null', 'Null', 'NULL', '~', 'true', 'True', 'TRUE', 'tRue', 'yes', 'Yes', 'YES', 'y', 'Y', 'n', 'N', 'no', 'on', 'On', 'off', 'OFF', 'false', 'nginx', 'food', 'otter',
      '0', '00', '007', '-0', '+12', '0o7', '0o8', '0x', '0xFf', '0xg', '0b1', '0b2', '1_000', '_1', '1__0', '1:20', '1:70', '-1:20:30.5', '190:20:30', '.5', '5.', '-.5e-3', '1e5', '1E+5', '1.2.3',
      '.inf', '.Inf', '.INF', '+.inf', '-.inf', '.iNf', '.nan', '.NaN', '.NAN', '-.nan', '2001-12-14', '2001-12-14 21:59:43.10 -5', '2002-1-1', '<<', '<', '=', '$x', '%x', '12abc', '0.1.2', '1,000'];
    let composed = 0;
    for (const word of words) {
      composed += assertConforms(`v: ${word}\n`, word);
      composed += assertConforms(`${word}: v\n`, `${word} as a key`);
      composed += assertConforms(`- [${word}]\n`, `${word} in a flow sequence`);
    }
    // Everything but the merge key `<<` (left to yaml under YAML 1.1, and `%x`, which starts a directive) composes.
    assert.ok(composed >= (words.length - 2) * 6, `composed ${composed}`);
  });

  it('gives up on what it does not cover, leaving it to yaml\'s Composer', () => {
    const options = optionsFor('1.2');
    for (const text of ['? a\n: b\n', 'a: !!str 1\n', '%YAML 1.2\n---\na: 1\n', 'a: 1\na: b: c\n', 'k: "unterminated\n', '[a, b\n', 'a: "\\q"\n', 'a:\n\t- b\n', '<<: {a: 1}\n']) {
      const tokens = parseCst(text);
      if (text.startsWith('<<')) {
        assert.ok(composeYamlDocuments(tokens, optionsFor('1.1')) === undefined, JSON.stringify(text));
        assertConforms(text, JSON.stringify(text));
      } else assert.equal(composeYamlDocuments(tokens, options), undefined, JSON.stringify(text));
    }
    // Options other than the engine's.
    assert.equal(composeYamlDocuments(parseCst('a: 1\n'), { ...options, uniqueKeys: true }), undefined);
    assert.equal(composeYamlDocuments(parseCst('a: 1\n'), { ...options, keepSourceTokens: true }), undefined);
  });

  it('does not change the CST it reads (yaml\'s Composer may read it after a give-up)', () => {
    const text = 'a: [1, {b: c}] # x\nd: |\n  e\nf: *g\n';
    const tokens = parseCst(text);
    const copy = structuredClone(tokens);
    composeYamlDocuments(tokens, optionsFor('1.2'));
    assert.deepStrictEqual(tokens, copy);
    assert.deepStrictEqual(tokens, Array.from(new Parser().parse(text)));
  });

  it('gives up, without throwing, on nesting too deep for its recursion', () => {
    const text = `${'- '.repeat(1)}${'['.repeat(5_000)}${']'.repeat(5_000)}\n`;
    const tokens = Array.from(new Parser().parse(text));
    const mine = composeYamlDocuments(tokens, optionsFor('1.2'));
    if (mine !== undefined) assert.deepStrictEqual(mine, oracle(tokens, '1.2'));
  });

  for (const set of ['realworld', 'peers', 'helm', 'kustomize']) {
    it(`conforms on every YAML text of the ${set} corpus`, { skip: SHARED_SKIP_REASON }, () => {
      const texts = corpusTexts(set);
      assert.ok(texts.length > 0, `no texts under corpus/${set}`);
      let composed = 0;
      let yamlTexts = 0;
      for (const { where, text } of texts) {
        const count = assertConforms(text, where);
        if (where.includes('/templates/')) continue;
        yamlTexts += 2;
        composed += count;
      }
      // Nearly all of it composes (the rest: invalid YAML, tags, directives, merge keys).
      assert.ok(composed >= yamlTexts * 0.9, `${set}: composed ${composed} of ${yamlTexts}`);
    });
  }
});

const PIECES = [
  'a', 'key', 'b c', ':', ': ', ' ', '  ', '    ', '\t', '\n', '\r\n', '- ', '-', '# c', ' # c', '[', ']', '{', '}', ', ', ',',
  '"q"', '"a\nb"', '"a\\nb\\x4"', '"\\u00e9 \\', "'s'", "'it''s'", "'a\n\n b'", '|', '|-', '>', '>+2', '|2-', '&a ', '*a', '!t ', '---', '---\n', '...', '...\n',
  '%YAML 1.2\n', '?', '? ', 'x: y', 'x:', '"k": v', '@', '`', '1', '0x1F', '0o17', '0755', '1_000', '1:20', '-.5', '1e3', '.inf', '.NaN', 'true', 'yes', 'Off', 'n', '~', 'null', '<<: ',
  '2001-12-14', '\n  ', '\n- ', '\n  - ', '\n    ', '#', 'a: |\n  line\n', 'a: >-\n  x\n\n  y\n', 'b: |+\n\n  z\n\n', '\n\n',
];

describe('rules/models/yaml-compose on generated and mutated YAML', () => {
  it('composes yaml\'s Documents or gives up, on texts made of YAML pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        assertConforms(text, JSON.stringify(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('composes yaml\'s Documents or gives up, on scalars made of number, escape and fold characters', () => {
    const chars = fc.constantFrom('0', '1', '7', '9', 'a', 'e', 'E', 'f', 'x', 'o', 'b', 'n', 'N', 'y', 'T', '.', '-', '+', '_', ':', ' ', '  ', '\t', '\\', '\\n', '\\x', '\\u', '\\ ', '"', "'", "''", '\n', '\n\n', '\n  ', '#', ' #', 'inf', 'nan', 'null', 'true', 'ue');
    const scalar = fc.array(chars, { maxLength: 12 }).map((parts) => parts.join(''));
    const shape = fc.constantFrom('v: |+\n  %\n\n', 'v: >+2\n   %\n \n', 'v: %\n', 'v: "%"\n', "v: '%'\n", '- %\n', '[%]\n', '{k: %}\n', 'v: |\n  %\n', 'v: >\n  %\n', 'v: |-\n   %\n\n', '%: v\n', '"%": v\n', 'k:\n  %\n');
    fc.assert(
      fc.property(shape, scalar, (template, value) => {
        const text = template.replace('%', value);
        assertConforms(text, JSON.stringify(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('composes yaml\'s Documents or gives up, on corpus manifests with random edits', { skip: SHARED_SKIP_REASON }, () => {
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
      { numRuns: RUNS },
    );
  });
});
