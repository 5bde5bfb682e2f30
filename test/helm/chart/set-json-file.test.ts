import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSetInto, setFilePaths, SetParseError } from '../../../rules/models/helm/chart/set-parser';
import { renderChart } from '../../../rules/models/helm/chart/render';
import type { GoMap, GoValue } from '../../../rules/models/helm/value';
import { sourceSet } from './chart-source';

const m = (entries: Record<string, GoValue>): GoMap => new Map(Object.entries(entries));

function json(expression: string, into: GoMap = new Map()): GoMap {
  parseSetInto(expression, into, 'json');
  return into;
}

/** The cases of Helm's pkg/strvals TestParseJSON / TestParseIntoFile and pkg/cli/values TestMergeValuesCLI (helm e9b85e4). */
describe('--set-json and --set-file parsing (Helm strvals)', () => {
  it('sets JSON scalars (numbers float64, as Go\'s json), replacing an existing key', () => {
    const got = json('outer.inner1="1",outer.inner3=3,outer.inner4=true,outer.inner5="true"', m({ outer: m({ inner1: 'overwrite', inner2: 'value2' }) }));
    assert.deepEqual(got, m({ outer: m({ inner1: '1', inner2: 'value2', inner3: 3, inner4: true, inner5: 'true' }) }));
  });

  it('sets JSON objects and arrays', () => {
    const got = json('outer.inner1={"a":"1","b":2,"c":[1,2,3]},outer.inner3=["new value 1","new value 2"],outer.inner5=[{"A":"1","B":2}]', m({ outer: m({ inner1: m({ x: 'overwrite' }), inner2: 'value2', inner3: ['overwrite'] }) }));
    assert.deepEqual(got, m({ outer: m({ inner1: m({ a: '1', b: 2, c: [1, 2, 3] }), inner2: 'value2', inner3: ['new value 1', 'new value 2'], inner5: [m({ A: '1', B: 2 })] }) }));
  });

  it('an empty value is null; a later key can index into a JSON value set before', () => {
    const got = json('outer.inner1=,outer.inner3={"aa":"1","cc":[1,2,3]},outer.inner3.cc[1]=null', m({ outer: m({ inner1: m({ x: 'overwrite' }), inner2: 'value2' }) }));
    assert.deepEqual(got, m({ outer: m({ inner1: null, inner2: 'value2', inner3: m({ aa: '1', cc: [1, null, 3] }) }) }));
  });

  it('rejects what is not JSON', () => {
    assert.throws(() => json('outer.inner5={"A":"1"}]'), SetParseError);
    assert.throws(() => json('a=abc'), SetParseError);
  });

  it('--set-file sets each named file\'s text, list items too; the paths can be listed first', () => {
    const texts: Record<string, string> = { path1: 'value1', 'b c': 'two\n' };
    const into: GoMap = new Map();
    parseSetInto('name1=path1,l={path1,b c}', into, 'file', (path) => texts[path]);
    assert.deepEqual(into, m({ name1: 'value1', l: ['value1', 'two\n'] }));
    assert.deepEqual(setFilePaths('name1=path1,l={path1,b c}'), ['path1', 'path1', 'b c']);
    assert.throws(() => parseSetInto('a=missing', new Map(), 'file'), new SetParseError('open missing: no such file or directory'));
  });
});

describe('--set-json and --set-file in a render (Helm MergeValues order)', () => {
  const chart = sourceSet({ '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n', '/c/values.yaml': 'keep: 1\n', '/c/templates/cm.yaml': 'v: {{ toJson .Values }}\n' });
  const render = (set: Array<{ expression: string; asString: boolean; kind?: 'json' | 'file' }>, setFiles?: Record<string, string>) => {
    const result = renderChart(chart, '/c', { set, ...(setFiles ? { setFiles } : {}) });
    return { output: result.templates[0]?.output.text, problems: result.problems.map((problem) => problem.message) };
  };

  it('merges a JSON object; applies --set-json, then --set, --set-string, --set-file whatever the command-line order', () => {
    const { output, problems } = render([
      { expression: 'a=file-wins', asString: false, kind: 'file' },
      { expression: 'a=string,b=string', asString: true },
      { expression: 'a=1,b=2,c=3', asString: false },
      { expression: '{"foo": {"bar": "baz"}, "a": 0, "b": 0, "c": 0, "d": [1,2]}', asString: false, kind: 'json' },
    ], { 'file-wins': 'from the file' });
    assert.deepEqual(problems, []);
    assert.equal(output, 'v: {"a":"from the file","b":"string","c":3,"d":[1,2],"foo":{"bar":"baz"},"keep":1}\n');
  });

  it('reports Helm\'s messages: --set-json names the expression, --set-file the missing file', () => {
    assert.deepEqual(render([{ expression: '{invalid', asString: false, kind: 'json' }]).problems, ['failed parsing --set-json data JSON: {invalid']);
    assert.deepEqual(render([{ expression: 'x=abc', asString: false, kind: 'json' }]).problems, ['failed parsing --set-json data x=abc']);
    assert.deepEqual(render([{ expression: 'x=nope.txt', asString: false, kind: 'file' }]).problems, ['failed parsing --set-file data: open nope.txt: no such file or directory']);
  });
});
