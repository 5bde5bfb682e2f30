import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Lexer } from 'yaml';
import { lexYaml } from '../../rules/models/yaml-lex';
import { SHARED_SKIP_REASON } from '../helpers/shared';
import { FUZZ_RUNS, YAML_CORPORA, conformance, YAML_PIECES, conformsOnCorpus, editedManifests } from '../helpers/yaml-texts';

/** yaml's own Lexer: the oracle. */
function oracle(text: string): string[] {
  return Array.from(new Lexer().lex(text));
}

/** Our lexemes equal the Lexer's, or our lexer gave up. Returns whether it lexed. */
const assertConforms = conformance(lexYaml, oracle);

describe('rules/models/yaml-lex: our lexer against yaml\'s Lexer', () => {
  it('yields the Lexer\'s lexemes for the YAML manifests are written in', () => {
    const texts = [
      'a: 1 # c\n  # indented\nb: |\n  foo\n\n # y\nc:\n- x\n- &q y\n---\nd: [1, {e: f}]\n...\n',
      '%YAML 1.2\n---\n# head\nkind: Pod\nmetadata:\n  name: x\n  labels: {app: web, tier: "front"}\nspec:\n  containers:\n    - name: a\n      image: \'nginx\'\n      args: [--x, "--y"]\n\n# trailing\n',
      'key:\n\n\nnext: 1\nempty:\n# comment\nlast: *q\n',
      '- - a\n  - b\n- !!map {x: 1}\n- >-\n  folded\n  text\n- ? \n',
      'plain\n...\n# between\n--- !tag\n"quoted"\n',
      'a: [ [1, 2], [3] ]\nb: {}\nc: []\n',
      'a: "multi\n  line \\" quoted"\nb: \'it\'\'s\n  two\'\nc: plain\n  continued # c\n',
      'a: |2+\n    kept\n\n\nb: >-\n\tx\n',
      'k: !<tag:x,2000:y> v\nl: !%41b &a1 v\nm: *a1\n',
      'a:\r\n  - b\r\n  - "c"\r\nd: |\r\n  e\r\n',
      '',
      '\n\n  \n',
      '# only a comment\n',
      'a: |',
      '\tkey: v\n',
    ];
    for (const text of texts) assert.ok(assertConforms(text, JSON.stringify(text)), `gave up on ${JSON.stringify(text)}`);
  });

  it('gives up where it is not sure (BOM, lone CR, unterminated or cut quotes, cut flow collections)', () => {
    for (const text of ['\ufeffa: 1\n', 'a: 1\rb: 2\n', 'a: "open\n', "a: 'open", 'a:\n  b: "x\nc: y"\n', 'a:\n  b: [1,\nc: 2]\n', '[a,\n---\n]\n']) {
      assert.equal(lexYaml(text), undefined, JSON.stringify(text));
    }
  });

  it('lexes very long lines, deep nesting and alias bombs in one pass, without throwing', () => {
    const texts = [
      `a: ${'x'.repeat(1_000_000)}\n`,
      `${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
      Array.from({ length: 2_000 }, (_, depth) => `${' '.repeat(depth)}k${depth}:\n`).join(''),
      `a: &a ["lol","lol"]\n${Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`).join('\n')}\n`,
    ];
    for (const text of texts) assert.ok(assertConforms(text, `${text.length} characters`));
  });

  for (const set of YAML_CORPORA) {
    it(`yields the Lexer's lexemes for every YAML text of the ${set} corpus`, { skip: SHARED_SKIP_REASON }, () => {
      const { taken: lexed, yamlTexts } = conformsOnCorpus(set, assertConforms);
      // It gives up on a few texts only (chart templates aside): broken quotes and non-YAML case texts.
      assert.ok(lexed >= yamlTexts * 0.98, `${set}: lexed ${lexed} of ${yamlTexts}`);
    });
  }
});

/** More pieces than the CST test's: what the lexer's states turn on (escapes, tags, indentation indicators, CR). */
const PIECES = [
  ...YAML_PIECES,
  '\r', '"a\\"b"', '"\\\\"', "'a\n b'", '"x\n  y"', '!<tag:x>', '!%41', '!a%4', '&a', '&', '*', '|2', '|+', '>1-', '|-3 # h',
  '\n\t', '  #', 'a:b', 'a :', ':x', ':,', '- - ', '? x\n: y\n', '[a, b]:', '{a: 1}', '"x":y', '[a]:b', '{"k":v}', '*a ',
  '- |\n   x\n  \n', '\n\n', ' \n', '--- |\n', '...x', '---x', '%', ' %x', '\u2028', 'é', '\t# t', 'a #b', '::', '-\t', '?\t',
];

describe('rules/models/yaml-lex on generated and mutated YAML', () => {
  it('yields the Lexer\'s lexemes or gives up, on texts made of YAML pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        assertConforms(text, JSON.stringify(text));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('yields the Lexer\'s lexemes or gives up, on texts of YAML\'s significant characters', () => {
    const chars = [...' \t\n\r-?:,[]{}#&*!|>\'"%@`.a1\\'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 60 }), (picked) => {
        const text = picked.join('');
        assertConforms(text, JSON.stringify(text));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('yields the Lexer\'s lexemes or gives up, on corpus manifests with random edits', { skip: SHARED_SKIP_REASON }, () => {
    fc.assert(
      fc.property(editedManifests(PIECES), (text) => {
        assertConforms(text, JSON.stringify(text));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
