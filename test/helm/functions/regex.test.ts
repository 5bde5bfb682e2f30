import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileRegexp } from '../../../rules/models/helm/functions/regexp-machine';
import { regexFunctionTable } from '../../../rules/models/helm/functions/sprig-regex';
import type { GoValue } from '../../../rules/models/helm/value';

const call = { budget: { steps: 1e9, outputChars: 1e9, deadline: Date.now() + 60_000 } };
const run = (name: string, ...args: GoValue[]) => regexFunctionTable[name].fn(args, call);

describe('sprig regex functions with Go (RE2) semantics', () => {
  it('matches, finds and finds all (leftmost-first, no empty match after a match)', () => {
    assert.equal(run('regexMatch', '^[a-z]+\\[[0-9]+\\]$', 'abc[123]'), true);
    assert.deepEqual(run('regexFindAll', 'a.', 'paranormal', -1n), ['ar', 'an', 'al']);
    assert.deepEqual(run('regexFindAll', 'a.', 'paranormal', 2n), ['ar', 'an']);
    assert.equal(run('regexFind', '[a-zA-Z][1-9]', 'abcd1234'), 'd1');
    assert.deepEqual(run('regexFindAll', '(a|ab)(c|bcd)(d*)', 'abcd', -1n), ['abcd']);
    assert.equal(run('regexFind', 'a+?', 'aaa'), 'a');
    assert.equal(run('regexFind', '(?U)a+', 'aaa'), 'a');
    assert.deepEqual(run('regexFindAll', '\\bfoo\\b', 'foo foobar foo', -1n), ['foo', 'foo']);
    assert.deepEqual(run('regexFindAll', '.', 'héllo', 2n), ['h', 'é']);
  });
  it('supports flags, Perl, POSIX and Unicode classes', () => {
    assert.equal(run('regexMatch', '(?i)HELLO', 'say hello'), true);
    assert.equal(run('regexMatch', '^\\d{3}-\\w+$', '123-ab_c'), true);
    assert.equal(run('regexMatch', '[[:alpha:]]+x', 'abcx'), true);
    assert.equal(run('regexMatch', '^\\p{Greek}+$', 'αβγ'), true);
    assert.equal(run('regexMatch', '(?s)a.b', 'a\nb'), true);
    assert.equal(run('regexMatch', 'a.b', 'a\nb'), false);
    assert.equal(run('regexMatch', '^x{2,3}$', 'xxxx'), false);
    assert.equal(run('regexMatch', '^x{2,}$', 'xxxx'), true);
  });
  it('replaces with $1/${name} expansion, literally, and splits as Go does', () => {
    assert.equal(run('regexReplaceAll', 'a(x*)b', '-ab-axxb-', '${1}W'), '-W-xxW-');
    assert.equal(run('regexReplaceAll', 'a(x*)b', '-ab-axxb-', '$1W'), '---');
    assert.equal(run('regexReplaceAllLiteral', 'a(x*)b', '-ab-axxb-', '${1}'), '-${1}-${1}-');
    assert.equal(run('regexReplaceAll', 'a*', 'baaac', 'X'), 'XbXcX');
    assert.equal(run('regexReplaceAll', '(?m)^', 'a\nb', '> '), '> a\n> b');
    assert.equal(run('regexReplaceAll', '(?P<first>\\w+)\\s(?P<last>\\w+)', 'Alan Turing', '$last ${first}'), 'Turing Alan');
    assert.deepEqual(run('regexSplit', 'z+', 'pizza', -1n), ['pi', 'a']);
    assert.deepEqual(run('regexSplit', 'a*', 'abaabaccadaaae', 5n), ['', 'b', 'b', 'c', 'cadaaae']);
    assert.deepEqual(run('regexSplit', '', 'abc', -1n), ['a', 'b', 'c']);
    assert.equal(run('regexQuoteMeta', '1.2.3'), '1\\.2\\.3');
  });
  it('reports Go syntax errors', () => {
    assert.throws(() => run('regexMatch', '(', 'x'), /error parsing regexp: missing closing \)/);
    assert.throws(() => run('mustRegexMatch', 'a**', 'x'), /invalid nested repetition operator/);
    assert.throws(() => run('regexMatch', '\\8', 'x'), /invalid escape sequence/);
  });
  it('finds the leftmost-first match wherever it starts (JavaScript agrees on patterns without its extensions)', () => {
    // Random patterns over a small alphabet, many of them only startable at a few characters (the matcher skips
    // positions no match can start at); JavaScript's backtracking picks the same leftmost-first match for these.
    let seed = 14;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const atoms = ['a', 'b', '-', '[ab]', '[^a]', '.', '(a|b-)', '(?:ab)', '\\b', '^', '$'];
    const quantifiers = ['', '', '*', '+', '?', '{1,2}', '*?', '+?'];
    const pattern = () => Array.from({ length: 1 + random(4) }, () => {
      const atom = atoms[random(atoms.length)];
      return /^[$^]|\\b/.test(atom) ? atom : atom + quantifiers[random(quantifiers.length)];
    }).join('');
    let startable = 0;
    for (let i = 0; i < 400; i++) {
      const source = pattern();
      const text = Array.from({ length: random(40) }, () => 'ab- x'[random(5)]).join('');
      const expected = new RegExp(source).exec(text)?.[0] ?? '';
      assert.equal(run('regexFind', source, text), expected, `regexFind ${JSON.stringify(source)} in ${JSON.stringify(text)}`);
      if (!new RegExp(source).test('')) startable++;
    }
    assert.ok(startable > 100, `only ${startable} patterns that cannot match empty`);
  });
  it('never backtracks: catastrophic patterns for JavaScript run in linear time', () => {
    const input = 'a'.repeat(20_000) + '!';
    const started = Date.now();
    assert.equal(run('regexMatch', '(a+)+$', input), false);
    assert.equal(run('regexMatch', '^(a|aa)*b$', input), false);
    assert.equal(run('regexMatch', '(x+x+)+y', 'x'.repeat(5000)), false);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });
  it('compiles every kind of instruction to one object shape (the matcher\'s optimised code sees one)', () => {
    // char, split (alternation, `*?`, `{1,2}`), jump, save (the group), assert (`^`, `\b`, `$`), match.
    const { program } = compileRegexp('^(a|b)*?\\bc{1,2}$');
    assert.deepEqual(new Set(program.map((instruction) => instruction.op)), new Set(['char', 'split', 'jump', 'save', 'assert', 'match']));
    assert.deepEqual(new Set(program.map((instruction) => Object.keys(instruction).join(','))), new Set(['op,next,second,slot,test,holds']));
  });
});
