import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { functionLibrary } from '../../../rules/models/helm/functions';
import { type GoValue } from '../../../rules/models/helm/value';

const library = functionLibrary();
const call = { budget: { steps: 1e9, outputChars: 1e9, deadline: Date.now() + 60_000 } };
const run = (name: string, ...args: GoValue[]) => library.get(name)!.fn(args, call);
const map = (entries: Record<string, GoValue>) => new Map(Object.entries(entries));
const toYaml = (value: GoValue) => run('toYaml', value);

describe('toYaml as Helm (sigs.k8s.io/yaml: JSON, then go-yaml v2)', () => {
  it('quotes strings that YAML 1.1 would read as something else, and only those', () => {
    const cases: [string, string][] = [
      ['true', 'v: "true"'], ['yes', 'v: "yes"'], ['on', 'v: "on"'], ['N', 'v: "N"'], ['null', 'v: "null"'], ['~', 'v: "~"'], ['', 'v: ""'],
      ['123', 'v: "123"'], ['1.0', 'v: "1.0"'], ['0777', 'v: "0777"'], ['0x1F', 'v: "0x1F"'], ['1e3', 'v: "1e3"'], ['.5', 'v: ".5"'],
      ['2024-01-01', 'v: "2024-01-01"'], ['12:30', 'v: "12:30"'], ['1_000', 'v: "1_000"'],
      ['foo: bar', "v: 'foo: bar'"], ['#x', "v: '#x'"], ['- x', "v: '- x'"], ['x #y', "v: 'x #y'"], [' lead', "v: ' lead'"],
      ['trail ', "v: 'trail '"], ["'a", "v: '''a'"], ['*', "v: '*'"], ['-', "v: '-'"], ['@x', "v: '@x'"],
      ["a'b", "v: a'b"], ['a:b', 'v: a:b'], ['nginx:1.27', 'v: nginx:1.27'], ['1.2.3', 'v: 1.2.3'], ['-x', 'v: -x'], ['y1', 'v: y1'],
      ['a\tb', 'v: "a\\tb"'], ['y', 'v: "y"'], ['😀', 'v: "\\U0001F600"'], ['é', 'v: é'],
    ];
    for (const [text, expected] of cases) assert.equal(toYaml(map({ v: text })), expected, JSON.stringify(text));
  });
  it('writes numbers as their JSON text re-read: integral floats as integers', () => {
    assert.equal(toYaml(map({ a: 1000000, b: 1.5, c: 3n, d: 1e21, e: 0.000001, f: -0, g: 1e20 })), 'a: 1000000\nb: 1.5\nc: 3\nd: 1e+21\ne: 1e-06\nf: 0\ng: 1e+20');
    assert.equal(toYaml(map({ nan: NaN })), '', 'json.Marshal fails on NaN: toYaml gives ""');
    assert.throws(() => run('mustToYaml', map({ nan: NaN })));
  });
  it('writes block collections: sequences at their key\'s indent, maps in sequences on the dash line, empty ones inline', () => {
    const value = map({
      list: [1n, map({ name: 'a', port: 80n }), [true, null]],
      nested: map({ deeper: map({ x: 'z' }) }),
      empty: map({}),
      none: [],
      nil: null,
    });
    assert.equal(
      toYaml(value),
      'empty: {}\nlist:\n- 1\n- name: a\n  port: 80\n- - true\n  - null\nnested:\n  deeper:\n    x: z\nnil: null\nnone: []',
    );
  });
  it('sorts keys in go-yaml\'s natural order (digit runs as numbers) and quotes keys like values', () => {
    assert.equal(toYaml(map({ b: 1n, a10: 1n, a2: 1n, 'true': 1n, A: 1n, '1': 1n })), '"1": 1\nA: 1\na2: 1\na10: 1\nb: 1\n"true": 1');
  });
  it('writes multi-line strings as literals with Go\'s chomping indicators', () => {
    assert.equal(toYaml(map({ s: 'a\nb' })), 's: |-\n  a\n  b');
    assert.equal(toYaml(map({ s: 'a\nb\n' })), 's: |\n  a\n  b');
    assert.equal(toYaml(map({ s: 'a\n\n' })), 's: |+\n  a\n', 'Marshal ends with the blank line; Helm trims one newline');
    assert.equal(toYaml(map({ s: '  indented\nx' })), 's: |2-\n    indented\n  x');
    assert.equal(toYaml(map({ s: 'a \nb' })), 's: "a \\nb"', 'a space before a line break rules out literal and plain');
    assert.equal(toYaml(['x\ny']), '- |-\n  x\n  y');
    assert.equal(toYaml('top\nlevel'), '|-\n  top\n  level');
  });
  it('folds long plain strings at a space after column 80, indented under the key', () => {
    const words = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');
    assert.equal(
      toYaml(map({ description: words })),
      'description: word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11\n  word12 word13 word14 word15 word16 word17 word18 word19',
    );
    assert.equal(String(toYaml(map({ [words]: 1n }))).split('\n').length, 1, 'keys never fold');
  });
  it('toYamlPretty is go-yaml v3: sequences indented, floats as Go prints them', () => {
    assert.equal(run('toYamlPretty', map({ baz: [1n, 2n], f: 1000000, s: 'yes' })), 'baz:\n  - 1\n  - 2\nf: 1e+06\ns: "yes"');
  });
});

describe('fromYaml / fromJson as Helm', () => {
  it('reads YAML 1.1 into Go values: numbers are float64, yes/no booleans, timestamps stay strings, merges resolve', () => {
    const value = run('fromYaml', 'a: 1\nb: yes\nc: 0777\nd: 2001-12-14\ne: [x, 2.5]\nbase: &b {k: v}\nmerged:\n  <<: *b\n  own: 1\n') as Map<string, GoValue>;
    assert.equal(value.get('a'), 1);
    assert.equal(value.get('b'), true);
    assert.equal(value.get('c'), 511);
    assert.equal(value.get('d'), '2001-12-14');
    assert.deepEqual(value.get('e'), ['x', 2.5]);
    assert.deepEqual(value.get('merged'), map({ k: 'v', own: 1 }));
  });
  it('puts errors in the Error key (map) or the only element (list), and gives each caller its own copy', () => {
    const bad = run('fromYaml', '- one\n- two\n') as Map<string, GoValue>;
    assert.equal(bad.get('Error'), 'error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}');
    assert.match(String((run('fromYaml', 'a: [') as Map<string, GoValue>).get('Error')), /^error converting YAML to JSON: yaml: /);
    assert.deepEqual(run('fromYamlArray', 'hello: world'), ['error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}']);
    const first = run('fromYaml', 'a: {b: 1}') as Map<string, GoValue>;
    (first.get('a') as Map<string, GoValue>).set('b', 2);
    assert.deepEqual(run('fromYaml', 'a: {b: 1}'), map({ a: map({ b: 1 }) }));
  });
  it('toJson escapes HTML like Go and prints floats like Go; toRawJson does not escape', () => {
    assert.equal(run('toJson', map({ h: '<a&b>', f: 1e21, g: 1e-7, i: 0.000001, n: null, l: [1n, 'x'] })), '{"f":1e+21,"g":1e-7,"h":"\\u003ca\\u0026b\\u003e","i":0.000001,"l":[1,"x"],"n":null}');
    assert.equal(run('toRawJson', map({ h: '<a>' })), '{"h":"<a>"}');
    assert.equal(run('toPrettyJson', map({ a: [], b: map({ c: 1n }) })), '{\n  "a": [],\n  "b": {\n    "c": 1\n  }\n}');
    assert.equal(run('fromJson', '{"a": 1}') instanceof Map, true);
    assert.match(String((run('fromJson', 'nope') as Map<string, GoValue>).get('Error')), /^invalid character 'o'/);
    assert.equal((run('fromJson', '{"a":') as Map<string, GoValue>).get('Error'), 'unexpected end of JSON input');
  });
  it('toToml writes plain keys, then indented tables; fromToml reads tables and arrays of tables', () => {
    assert.equal(run('toToml', map({ b: 1.0, a: 'x', t: map({ k: [1n, 2n], sub: map({ z: true }) }) })), 'a = "x"\nb = 1.0\n\n[t]\n  k = [1, 2]\n  [t.sub]\n    z = true\n');
    assert.deepEqual(run('fromToml', 'a = 1\n[t]\nk = "v"\n[[arr]]\nx = 1.5\n'), map({ a: 1n, t: map({ k: 'v' }), arr: [map({ x: 1.5 })] }));
  });
});
