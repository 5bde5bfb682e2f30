import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSetInto, SetParseError } from '../../../rules/models/helm/chart/set-parser';
import type { GoMap, GoValue } from '../../../rules/models/helm/value';

function parse(expression: string, asString = false, into: GoMap = new Map()): GoValue {
  parseSetInto(expression, into, asString);
  return into;
}

const m = (entries: Record<string, GoValue>): GoMap => new Map(Object.entries(entries));

describe('--set parser (Helm strvals)', () => {
  it('types values as Helm does: int64 for integers, bool, null, strings for the rest', () => {
    assert.deepEqual(parse('a=1,b=true,c=FALSE,d=null,e=1.5,f=0,g=007,h=abc,i='), m({ a: 1n, b: true, c: false, d: null, e: '1.5', f: 0n, g: '007', h: 'abc', i: '' }));
    assert.deepEqual(parse('a=99999999999999999999'), m({ a: '99999999999999999999' }));
  });

  it('keeps everything a string with --set-string', () => {
    assert.deepEqual(parse('a=1,b=true,c=null', true), m({ a: '1', b: 'true', c: 'null' }));
  });

  it('nests keys, lists and indexes, and merges into existing maps', () => {
    const into = m({ a: m({ keep: 'x' }) });
    assert.deepEqual(parse('a.b.c=d,l={x,2,y},i[1].n=v', false, into), m({ a: m({ keep: 'x', b: m({ c: 'd' }) }), l: ['x', 2n, 'y'], i: [null, m({ n: 'v' })] }));
    assert.deepEqual(parse('x[0][1]=z'), m({ x: [[null, 'z']] }));
  });

  it('unescapes commas, dots and equals signs', () => {
    assert.deepEqual(parse('a\\.b=c\\,d,e=f\\=g'), m({ 'a.b': 'c,d', e: 'f=g' }));
    assert.deepEqual(parse('nodeSelector.kubernetes\\.io/role=master'), m({ nodeSelector: m({ 'kubernetes.io/role': 'master' }) }));
  });

  it('reports malformed expressions with Helm\'s messages', () => {
    assert.throws(() => parse('a'), new SetParseError('key "a" has no value'));
    assert.throws(() => parse('a,b=c'), new SetParseError('key "a" has no value (cannot end with ,)'));
    assert.throws(() => parse('a={x,y'), new SetParseError("list must terminate with '}'"));
    assert.throws(() => parse('a[-1]=x'), /negative -1 index not allowed/);
    assert.throws(() => parse('a[70000]=x'), /greater than maximum supported index/);
    assert.throws(() => parse(`${'a.'.repeat(40)}b=c`), /nested level/);
    assert.throws(() => parse('a=1,a.b=2'), /unable to parse key/);
  });
});
