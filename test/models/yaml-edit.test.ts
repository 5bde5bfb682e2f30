import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMap, isSeq, parseDocument, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { SpanEdit } from '../../rules/engine/types';
import { appendMapItem, appendSeqItem, insertPair, moveSeqItemToEnd, removePair, removeSeqItem, setIn } from '../../rules/models/yaml-edit';
import { insertIntoScalar, renderScalar, replaceScalar } from '../../rules/models/yaml-scalar';
import { findPair } from '../../rules/models/yaml';

function apply(text: string, edit: SpanEdit | undefined): string {
  assert.ok(edit, 'an edit');
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

function at(text: string, ...path: string[]): YAMLMap | YAMLSeq {
  const node = parseDocument(text).getIn(path, true);
  assert.ok(isMap(node) || isSeq(node));
  return node as YAMLMap | YAMLSeq;
}

const root = (text: string) => parseDocument(text, { keepSourceTokens: true }).contents as YAMLMap;
const child = (map: YAMLMap, key: string) => findPair(map, key)!.value as YAMLMap;

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
    assert.equal(removePair(single, singleMap, pair(singleMap, 'x'), { keepShape: true }), undefined);
    assert.equal(apply(single, removePair(single, singleMap, pair(singleMap, 'x'))), 'a:\n');
  });

  it('removePair removes the parent entry when it was the only one, and moves the next entry onto a `- ` line', () => {
    const text = 'c:\n  securityContext:\n    privileged: true\n  image: x\n';
    const c = child(root(text), 'c');
    const sc = child(c, 'securityContext');
    assert.equal(apply(text, removePair(text, sc, findPair(sc, 'privileged')!, { parent: { map: c, pair: findPair(c, 'securityContext')! } })), 'c:\n  image: x\n');
    const item = '- hostPort: 80\n  containerPort: 80\n';
    const map = (parseDocument(item).contents as YAMLSeq).items[0] as YAMLMap;
    assert.equal(apply(item, removePair(item, map, findPair(map, 'hostPort')!)), '- containerPort: 80\n');
    assert.equal(removePair(item, map, findPair(map, 'hostPort')!, { keepShape: true }), undefined);
  });

  it('setIn replaces a scalar in place, keeping its comment', () => {
    const text = 'a:\n  b: true # keep\n';
    assert.equal(apply(text, setIn(text, root(text), ['a', 'b'], 'false')), 'a:\n  b: false # keep\n');
  });

  it('setIn creates the missing mappings at the end of the deepest one, in the file’s indentation step', () => {
    const text = 'spec:\n    containers: []\n    volumes:\n        - name: x\n';
    assert.equal(apply(text, setIn(text, child(root(text), 'spec'), ['securityContext', 'seccompProfile', 'type'], 'RuntimeDefault')), 'spec:\n    containers: []\n    volumes:\n        - name: x\n    securityContext:\n        seccompProfile:\n            type: RuntimeDefault\n');
  });

  it('setIn writes into an empty value, an empty flow map and a flow map, and keeps CRLF', () => {
    const empty = 'securityContext:\nname: x\n';
    assert.equal(apply(empty, setIn(empty, root(empty), ['securityContext', 'runAsNonRoot'], 'true')), 'securityContext:\n  runAsNonRoot: true\nname: x\n');
    const flowEmpty = 'securityContext: {}\n';
    assert.equal(apply(flowEmpty, setIn(flowEmpty, root(flowEmpty), ['securityContext', 'capabilities', 'drop'], '["ALL"]')), 'securityContext: {capabilities: {drop: ["ALL"]}}\n');
    const crlf = 'a:\r\n  b: 1\r\n';
    assert.equal(apply(crlf, setIn(crlf, root(crlf), ['a', 'c'], '2')), 'a:\r\n  b: 1\r\n  c: 2\r\n');
  });

  it('setIn keeps JSON style: quoted keys, one entry per line', () => {
    const json = '{\n  "kind": "KubeletConfiguration",\n  "authentication": {"anonymous": {"enabled": true}}\n}\n';
    assert.equal(apply(json, setIn(json, root(json), ['readOnlyPort'], '0')), '{\n  "kind": "KubeletConfiguration",\n  "authentication": {"anonymous": {"enabled": true}},\n  "readOnlyPort": 0\n}\n');
    assert.equal(apply(json, setIn(json, root(json), ['authentication', 'webhook', 'enabled'], 'true')), '{\n  "kind": "KubeletConfiguration",\n  "authentication": {"anonymous": {"enabled": true}, "webhook": {"enabled": true}}\n}\n');
  });

  it('setIn refuses what it cannot edit safely (an anchored value, a sequence where a mapping should be)', () => {
    const anchored = 'a: &x true\n';
    assert.equal(setIn(anchored, root(anchored), ['a'], 'false'), undefined);
    const seq = 'a: [1]\n';
    assert.equal(setIn(seq, root(seq), ['a', 'b'], '1'), undefined);
  });

  it('removeSeqItem and appendSeqItem in block and flow style', () => {
    const text = 'a:\n  - one   # first\n  - two\nb: [one, two]\n';
    assert.equal(apply(text, removeSeqItem(text, at(text, 'a') as YAMLSeq, 0)), 'a:\n  - two\nb: [one, two]\n');
    assert.equal(apply(text, removeSeqItem(text, at(text, 'b') as YAMLSeq, 1)), 'a:\n  - one   # first\n  - two\nb: [one]\n');
    assert.equal(apply(text, appendSeqItem(text, at(text, 'a') as YAMLSeq, 'three')), 'a:\n  - one   # first\n  - two\n  - three\nb: [one, two]\n');
    assert.equal(apply(text, appendSeqItem(text, at(text, 'b') as YAMLSeq, 'three')), 'a:\n  - one   # first\n  - two\nb: [one, two, three]\n');
    const empty = 'a: []\n';
    assert.equal(apply(empty, appendSeqItem(empty, at(empty, 'a') as YAMLSeq, 'x')), 'a: [x]\n');
    const comment = 'drop:\n  - NET_RAW # no ping\n';
    assert.equal(apply(comment, appendSeqItem(comment, at(comment, 'drop') as YAMLSeq, '"ALL"')), 'drop:\n  - NET_RAW # no ping\n  - "ALL"\n');
  });

  it('removeSeqItem removes a flag with its separate value; moveSeqItemToEnd moves all lines of an item', () => {
    const text = 'args:\r\n  - --a\r\n  - --port\r\n  - "80"\r\n  - --b\r\n';
    assert.equal(apply(text, removeSeqItem(text, at(text, 'args') as YAMLSeq, 1, 2)), 'args:\r\n  - --a\r\n  - --b\r\n');
    const flow = 'args: [--a, --port, "80"]\n';
    assert.equal(apply(flow, removeSeqItem(flow, at(flow, 'args') as YAMLSeq, 1, 2)), 'args: [--a]\n');
    const providers = 'providers:\n  - identity: {}\n  - aescbc:\n      keys: []';
    const moved = moveSeqItemToEnd(providers, at(providers, 'providers') as YAMLSeq, 0);
    assert.ok(moved);
    const [removal, insertion] = moved;
    const result = providers.slice(0, removal.start) + providers.slice(removal.end, insertion.start) + insertion.newText + providers.slice(insertion.end);
    assert.equal(result, 'providers:\n  - aescbc:\n      keys: []\n  - identity: {}');
  });

  it('appendMapItem adds a `- name: …` item in the layout of the last one', () => {
    const text = 'extraArgs:\n  - name: a\n    value: "1"\n';
    assert.equal(apply(text, appendMapItem(text, at(text, 'extraArgs') as YAMLSeq, [['name', 'b'], ['value', '"2"']])), 'extraArgs:\n  - name: a\n    value: "1"\n  - name: b\n    value: "2"\n');
    const scalars = 'a:\n  - x\n';
    assert.equal(appendMapItem(scalars, at(scalars, 'a') as YAMLSeq, [['name', 'b']]), undefined);
  });

  it('renderScalar quotes only what would not read back as the same string, and keeps a scalar’s quoting', () => {
    assert.deepEqual(['web', 'yes', '0755', 'a: b', ''].map((value) => renderScalar(value)), ['web', '"yes"', '"0755"', '"a: b"', '""']);
    const text = "a: 'x'\nb: \"y\"\n";
    const document = parseDocument(text);
    assert.equal(replaceScalar(document.get('a', true) as Node, "it's")?.newText, "'it''s'");
    assert.equal(replaceScalar(document.get('b', true) as Node, 'z')?.newText, '"z"');
  });

  it('insertIntoScalar: after the opening quote, never across escapes or into block scalars', () => {
    const text = 'a: "80:80"\nb: 80:80\nc: |\n  text\n';
    const document = parseDocument(text);
    assert.equal(apply(text, insertIntoScalar(text, document.get('a', true) as never, 0, '127.0.0.1:')), 'a: "127.0.0.1:80:80"\nb: 80:80\nc: |\n  text\n');
    assert.equal(apply(text, insertIntoScalar(text, document.get('b', true) as never, 0, 'x')), 'a: "80:80"\nb: x80:80\nc: |\n  text\n');
    assert.equal(insertIntoScalar(text, document.get('c', true) as never, 0, 'x'), undefined);
  });
});
