import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { Composer, Parser, isAlias, isDocument, isMap, isPair, isScalar, isSeq, parseDocument, type CST, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { loadYaml } from '../../rules/models/helm/chart/values-yaml';
import { ValueOrigins } from '../../rules/models/helm/chart/value-origins';
import type { GoValue } from '../../rules/models/helm/value';
import { composeYamlDocuments } from '../../rules/models/yaml-compose';
import { parseCst, parseYamlDocument } from '../../rules/models/yaml-cst';
import { SHARED_DIR, SHARED_SKIP_REASON } from '../helpers/shared';
import { YAML_CORPORA, corpusTexts, filesUnder, manifestSamples } from '../helpers/yaml-texts';

type Version = '1.1' | '1.2';
type Options = ParseOptions & DocumentOptions & SchemaOptions;
const optionsFor = (version: Version) => ({ prettyErrors: false as const, uniqueKeys: false, strict: false, version });
/** Helm's values files and Chart.yaml (values-yaml.ts). */
const HELM_OPTIONS: Options = { schema: 'yaml-1.1', merge: true, uniqueKeys: false, prettyErrors: false };

/**
 * The option sets the engine parses with, each held to yaml: the compose/Kubernetes models' (both versions), Helm's
 * values files, chart manifests' (`strict` and `prettyErrors` on by default) and yaml's defaults (Chart.yaml's fields).
 */
const OPTION_SETS: Array<{ name: string; options: Options }> = [
  { name: 'YAML 1.2', options: optionsFor('1.2') },
  { name: 'YAML 1.1', options: optionsFor('1.1') },
  { name: 'Helm values', options: HELM_OPTIONS },
  { name: 'yaml-1.1 schema, strict', options: { schema: 'yaml-1.1', uniqueKeys: false } },
  { name: 'defaults', options: {} },
];

/** yaml's Composer over the same CST: the oracle (parseAllDocuments' result, the empty stream's list included). */
function oracle(tokens: CST.Token[], options: Options): Document.Parsed[] {
  const composer = new Composer(options);
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

/** A merge key's value is a new Symbol per parse (never deep-equal to another parse's): its description instead. */
function mergeKeysNamed(node: unknown): void {
  if (isScalar(node)) {
    if (typeof node.value === 'symbol') node.value = `symbol ${node.value.description}`;
  } else if (isPair(node)) {
    mergeKeysNamed(node.key);
    mergeKeysNamed(node.value);
  } else if (isMap(node) || isSeq(node)) for (const item of node.items) mergeKeysNamed(item);
}

/** The same Documents: fields, classes, errors (code, position, message), toJS and String. */
function assertSameDocuments(mine: Document.Parsed[], theirs: Document.Parsed[], label: string): void {
  assert.equal(mine.length, theirs.length, `${label}: documents`);
  for (let i = 0; i < mine.length; i++) {
    const errors = (doc: Document.Parsed) => [...doc.errors, ...doc.warnings].map(({ code, pos, message }) => ({ code, pos, message }));
    assert.deepStrictEqual(errors(mine[i]), errors(theirs[i]), `${label}: errors`);
    // A Document with syntax errors is yaml's own (ours composes none): its toJS would only hold yaml to itself, and
    // it warns (process warnings retained by the test runner) on every template's `{{ }}` key.
    if (mine[i].errors.every((error) => error.code === 'MULTIPLE_DOCS')) {
      assert.deepStrictEqual(outcome(() => mine[i].toJS({ maxAliasCount: -1 })), outcome(() => theirs[i].toJS({ maxAliasCount: -1 })), `${label}: toJS`);
      assert.equal(outcome(() => String(mine[i])), outcome(() => String(theirs[i])), `${label}: String(doc)`);
    }
    mergeKeysNamed(mine[i].contents);
    mergeKeysNamed(theirs[i].contents);
  }
  // A failing deepStrictEqual prints a diff of both trees: too large for a corpus file, so it is asked only then.
  if (!isDeepStrictEqual(mine, theirs)) {
    if (JSON.stringify(label).length + String(mine).length < 5000) assert.deepStrictEqual(mine, theirs, label);
    assert.fail(`${label}: the Documents differ`);
  }
  walk(mine, theirs, label);
}

/**
 * Our Documents equal yaml's Composer's from the same CST under every option set, or ours gave up; and
 * parseYamlDocument equals yaml's parseDocument (first Document, MULTIPLE_DOCS, the empty text's Document) whether or
 * not ours gave up. Returns how many of the option sets composed.
 */
function assertConforms(text: string, where: string): number {
  const tokens = parseCst(text);
  let composed = 0;
  for (const { name, options } of OPTION_SETS) {
    const label = `${where} (${name})`;
    assertSameDocuments([parseYamlDocument(text, options)], [parseDocument(text, options) as Document.Parsed], `${label}: parseDocument`);
    const mine = composeYamlDocuments(tokens, options);
    if (mine === undefined) continue;
    composed++;
    for (const doc of mine) assert.equal(doc.errors.length + doc.warnings.length, 0, `${label}: composed a document with errors`);
    assertSameDocuments(mine, oracle(tokens, options), label);
  }
  return composed;
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
    assert.equal(composed, texts.length * OPTION_SETS.length, 'every sample composed by ours under every option set');
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
    assert.ok(composed >= (words.length - 2) * 3 * OPTION_SETS.length, `composed ${composed}`);
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
    // Options it does not cover.
    for (const other of [{ keepSourceTokens: true }, { uniqueKeys: () => false }, { schema: 'json' as const }, { version: 'next' as const }, { intAsBigInt: true }, { stringKeys: true }]) {
      assert.equal(composeYamlDocuments(parseCst('a: 1\n'), { ...options, ...other }), undefined, JSON.stringify(other));
    }
    assert.notEqual(composeYamlDocuments(parseCst('a: 1\n'), HELM_OPTIONS), undefined);
  });

  it('gives up on the errors `strict` and `uniqueKeys` add (yaml\'s defaults), composing the same texts without them', () => {
    const strictOnly = ['a: |#c\n  x\n', 'a: "x"#c\n', '[ "a\n  b": c ]\n', '[a\n : b]\n', `${'k'.repeat(1100)}: v\n`, `[${'k'.repeat(1100)}: v]\n`, '- [a]#c\n'];
    for (const text of strictOnly) {
      const label = JSON.stringify(text.slice(0, 40));
      // The error is yaml's under `strict` only: otherwise this would test nothing.
      assert.ok(parseDocument(text, { strict: true, prettyErrors: false }).errors.length > 0, `${label}: an error under strict`);
      assert.equal(parseDocument(text, { strict: false, prettyErrors: false }).errors.length, 0, `${label}: no error without strict`);
      assert.equal(composeYamlDocuments(parseCst(text), { strict: true }), undefined, label);
      assertConforms(text, label);
    }
    for (const text of ['a: 1\nb: 2\na: 3\n', '{a: 1, "a": 2}\n', 'x:\n  1: a\n  0x1: b\n', 'n: {~: 1, null: 2}\n']) {
      const label = JSON.stringify(text);
      assert.ok(parseDocument(text, { prettyErrors: false }).errors.some((error) => error.code === 'DUPLICATE_KEY'), `${label}: a duplicate key`);
      assert.equal(composeYamlDocuments(parseCst(text), { uniqueKeys: true }), undefined, label);
      assert.notEqual(composeYamlDocuments(parseCst(text), { uniqueKeys: false }), undefined, label);
      assertConforms(text, label);
    }
    // Keys that only look alike are not duplicates: ours composes them.
    const distinct = 'a: 1\n"b": 2\nc: {d: 1, e: 2}\n1: x\n"1": y\n? [a]\n';
    assert.notEqual(composeYamlDocuments(parseCst(distinct.slice(0, distinct.indexOf('?'))), {}), undefined);
    assertConforms(distinct, JSON.stringify(distinct));
  });

  it('parses one Document as yaml\'s parseDocument does: the first, MULTIPLE_DOCS after it, an empty text\'s Document', () => {
    for (const text of ['', '\n\n', '# only a comment\n\n# more\n', 'a: 1\n---\nb: 2\n', '--- a\n--- b\n--- c\n', 'a: 1\n...\n# after\n---\n[b]\n', 'a: 1\n---\nb: !!str 2\n', 'a: !!str 1\n---\nb\n', '%YAML 1.1\n---\na: yes\n', '\uFEFFa: 1\n', '\uFEFF# c\n', 'a: 1\n---\n\uFEFFb: 2\n']) {
      for (const { name, options } of [...OPTION_SETS, { name: 'pretty errors', options: { prettyErrors: true } }, { name: 'silent', options: { prettyErrors: false, logLevel: 'silent' as const } }]) {
        assertSameDocuments([parseYamlDocument(text, options)], [parseDocument(text, options) as Document.Parsed], `${JSON.stringify(text)} (${name})`);
      }
    }
    assert.equal(parseYamlDocument('a: 1\n---\nb: 2\n', HELM_OPTIONS).errors[0]?.code, 'MULTIPLE_DOCS');
    assert.deepEqual(parseYamlDocument('# c\n', HELM_OPTIONS).range, [0, 4, 4]);
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
    if (mine !== undefined) assert.deepStrictEqual(mine, oracle(tokens, optionsFor('1.2')));
  });

  for (const set of YAML_CORPORA) {
    it(`conforms on every YAML text of the ${set} corpus`, { skip: SHARED_SKIP_REASON }, () => {
      const texts = corpusTexts(set);
      assert.ok(texts.length > 0, `no texts under corpus/${set}`);
      let composed = 0;
      let yamlTexts = 0;
      for (const { where, text } of texts) {
        const count = assertConforms(text, where);
        if (where.includes('/templates/')) continue;
        yamlTexts += OPTION_SETS.length;
        composed += count;
      }
      // Nearly all of it composes (the rest: invalid YAML, tags, directives, merge keys).
      assert.ok(composed >= yamlTexts * 0.9, `${set}: composed ${composed} of ${yamlTexts}`);
    });
  }
});

/** Both values trees equal, and every map, list and entry has the same origin (file, place, path) in both. */
function assertSameOrigins(mine: GoValue, theirs: GoValue, ours: ValueOrigins, yamls: ValueOrigins, path: string): void {
  if (!(mine instanceof Map) && !Array.isArray(mine)) return;
  assert.deepStrictEqual(ours.of(mine), yamls.of(theirs), `${path}: origin`);
  const keys = mine instanceof Map ? [...mine.keys()] : mine.map((_, index) => index);
  for (const key of keys) {
    assert.deepStrictEqual(ours.entry(mine, key), yamls.entry(theirs as typeof mine, key), `${path}.${key}: origin`);
    const get = (container: GoValue, at: string | number) => (container instanceof Map ? container.get(at as string) : (container as GoValue[])[at as number]);
    assertSameOrigins(get(mine, key) ?? null, get(theirs, key) ?? null, ours, yamls, `${path}.${key}`);
  }
}

describe('rules/models/yaml-compose: Helm\'s values files and Chart.yaml', () => {
  it('loads every values file and Chart.yaml of the corpora as yaml\'s parseDocument does: values, errors, origins', { skip: SHARED_SKIP_REASON }, () => {
    const paths = ['realworld', 'helm'].flatMap((set) => [...filesUnder(join(SHARED_DIR, 'corpus', set))]).filter((path) => /\/(values[^/]*\.ya?ml|Chart\.yaml)$/.test(path));
    assert.ok(paths.length >= 150, `${paths.length} files`);
    let composed = 0;
    for (const path of paths) {
      const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
      assertConforms(text, path);
      if (composeYamlDocuments(parseCst(text), HELM_OPTIONS)) composed++;
      // loadYaml parses through parseYamlDocument (values-yaml.ts); yaml's parseDocument is the oracle.
      const ours = new ValueOrigins();
      const yamls = new ValueOrigins();
      const mine = loadYaml(text, path, ours);
      const theirs = loadYaml(text, path, yamls, parseDocument(text, HELM_OPTIONS) as Document.Parsed);
      assert.deepStrictEqual(mine, theirs, path);
      assertSameOrigins(mine.value, theirs.value, ours, yamls, path);
    }
    // Nearly all compose with ours (the rest: merge keys, tags, invalid YAML).
    assert.ok(composed >= paths.length * 0.9, `composed ${composed} of ${paths.length}`);
  });
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
    const samples = manifestSamples();
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
