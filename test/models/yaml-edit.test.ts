import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMap, isSeq, parseDocument, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { SpanEdit } from '../../rules/engine/types';
import { appendSeqItem, insertIntoScalar, insertPair, removePair, removeSeqItem } from '../../rules/models/yaml-edit';

function apply(text: string, edit: SpanEdit | undefined): string {
  assert.ok(edit, 'an edit');
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

function at(text: string, ...path: string[]): YAMLMap | YAMLSeq {
  const node = parseDocument(text).getIn(path, true);
  assert.ok(isMap(node) || isSeq(node));
  return node as YAMLMap | YAMLSeq;
}

function pair(map: YAMLMap, key: string): Pair {
  return map.items.find((item) => String((item.key as { value: unknown }).value) === key) as Pair;
}

describe('yaml-edit', () => {
  it('insertPair: block mapping, after a trailing comment, at the first key’s indentation', () => {
    const text = 'a:\n   x: 1 # one\n   y:\n     - 2\n# after\nb: 3\n';
    assert.equal(apply(text, insertPair(text, at(text, 'a') as YAMLMap, 'z', '[ALL]')), 'a:\n   x: 1 # one\n   y:\n     - 2\n   z: [ALL]\n# after\nb: 3\n');
  });

  it('insertPair: CRLF stays CRLF; flow mappings, empty ones too', () => {
    const crlf = 'a:\r\n  x: 1\r\n';
    assert.equal(apply(crlf, insertPair(crlf, at(crlf, 'a') as YAMLMap, 'y', '2')), 'a:\r\n  x: 1\r\n  y: 2\r\n');
    const flow = 'a: {x: 1}\nb: {}\n';
    assert.equal(apply(flow, insertPair(flow, at(flow, 'a') as YAMLMap, 'y', '2')), 'a: {x: 1, y: 2}\nb: {}\n');
    assert.equal(apply(flow, insertPair(flow, at(flow, 'b') as YAMLMap, 'y', '2')), 'a: {x: 1}\nb: {y: 2}\n');
  });

  it('insertPair: a mapping inside a sequence item keeps the item’s key column', () => {
    const text = 'list:\n  - name: a\n    port: 1\n';
    const map = (at(text, 'list') as YAMLSeq).items[0] as YAMLMap;
    assert.equal(apply(text, insertPair(text, map, 'host', 'x')), 'list:\n  - name: a\n    port: 1\n    host: x\n');
  });

  it('removePair: whole lines in block style, one comma in flow style; never the only pair', () => {
    const text = 'a:\n  # keep me\n  x: 1 # gone too\n  y:\n    - 2\n  z: 3\n';
    const map = at(text, 'a') as YAMLMap;
    assert.equal(apply(text, removePair(text, map, pair(map, 'x'))), 'a:\n  # keep me\n  y:\n    - 2\n  z: 3\n');
    assert.equal(apply(text, removePair(text, map, pair(map, 'y'))), 'a:\n  # keep me\n  x: 1 # gone too\n  z: 3\n');
    const flow = 'a: { x: 1, y: 2, z: 3 }\n';
    const flowMap = at(flow, 'a') as YAMLMap;
    assert.equal(apply(flow, removePair(flow, flowMap, pair(flowMap, 'x'))), 'a: { y: 2, z: 3 }\n');
    assert.equal(apply(flow, removePair(flow, flowMap, pair(flowMap, 'z'))), 'a: { x: 1, y: 2 }\n');
    const single = 'a:\n  x: 1\n';
    const singleMap = at(single, 'a') as YAMLMap;
    assert.equal(removePair(single, singleMap, pair(singleMap, 'x')), undefined);
  });

  it('removeSeqItem and appendSeqItem in block and flow style', () => {
    const text = 'a:\n  - one   # first\n  - two\nb: [one, two]\n';
    assert.equal(apply(text, removeSeqItem(text, at(text, 'a') as YAMLSeq, 0)), 'a:\n  - two\nb: [one, two]\n');
    assert.equal(apply(text, removeSeqItem(text, at(text, 'b') as YAMLSeq, 1)), 'a:\n  - one   # first\n  - two\nb: [one]\n');
    assert.equal(apply(text, appendSeqItem(text, at(text, 'a') as YAMLSeq, 'three')), 'a:\n  - one   # first\n  - two\n  - three\nb: [one, two]\n');
    assert.equal(apply(text, appendSeqItem(text, at(text, 'b') as YAMLSeq, 'three')), 'a:\n  - one   # first\n  - two\nb: [one, two, three]\n');
    const empty = 'a: []\n';
    assert.equal(apply(empty, appendSeqItem(empty, at(empty, 'a') as YAMLSeq, 'x')), 'a: [x]\n');
  });

  it('insertIntoScalar: after the opening quote, never across escapes or into block scalars', () => {
    const text = 'a: "80:80"\nb: 80:80\nc: |\n  text\n';
    const document = parseDocument(text);
    assert.equal(apply(text, insertIntoScalar(text, document.get('a', true) as never, 0, '127.0.0.1:')), 'a: "127.0.0.1:80:80"\nb: 80:80\nc: |\n  text\n');
    assert.equal(apply(text, insertIntoScalar(text, document.get('b', true) as never, 0, 'x')), 'a: "80:80"\nb: x80:80\nc: |\n  text\n');
    assert.equal(insertIntoScalar(text, document.get('c', true) as never, 0, 'x'), undefined);
  });
});
