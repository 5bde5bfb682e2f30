import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import type { SpanEdit } from '../../../../rules/engine/types';
import { appendToSeq, removePair, setIn, yamlString } from '../../../../rules/kubernetes/workloads/fix-helpers';
import { findPair } from '../../../../rules/models/yaml';

function apply(text: string, edit: SpanEdit | undefined): string | undefined {
  return edit && text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}
const root = (text: string) => parseDocument(text, { keepSourceTokens: true }).contents as YAMLMap;
const child = (map: YAMLMap, key: string) => findPair(map, key)!.value as YAMLMap;

describe('workload fix helpers', () => {
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

  it('setIn refuses what it cannot edit safely (an anchored value, a sequence where a mapping should be)', () => {
    const anchored = 'a: &x true\n';
    assert.equal(setIn(anchored, root(anchored), ['a'], 'false'), undefined);
    const seq = 'a: [1]\n';
    assert.equal(setIn(seq, root(seq), ['a', 'b'], '1'), undefined);
  });

  it('appendToSeq keeps block and flow style', () => {
    const block = 'drop:\n  - NET_RAW # no ping\nadd: []\n';
    assert.equal(apply(block, appendToSeq(block, findPair(root(block), 'drop')!.value as YAMLSeq, '"ALL"')), 'drop:\n  - NET_RAW # no ping\n  - "ALL"\nadd: []\n');
    const flow = 'drop: []\n';
    assert.equal(apply(flow, appendToSeq(flow, findPair(root(flow), 'drop')!.value as YAMLSeq, 'ALL')), 'drop: [ALL]\n');
  });

  it('removePair removes the line, or the parent entry when it was the only one', () => {
    const text = 'c:\n  securityContext:\n    privileged: true\n  image: x\n';
    const c = child(root(text), 'c');
    const sc = child(c, 'securityContext');
    assert.equal(apply(text, removePair(text, sc, findPair(sc, 'privileged')!, { map: c, pair: findPair(c, 'securityContext')! })), 'c:\n  image: x\n');
    const item = '- hostPort: 80\n  containerPort: 80\n';
    const map = (parseDocument(item).contents as YAMLSeq).items[0] as YAMLMap;
    assert.equal(apply(item, removePair(item, map, findPair(map, 'hostPort')!)), '- containerPort: 80\n');
  });

  it('yamlString quotes what YAML 1.1 would read as something else', () => {
    assert.deepEqual(['web', 'yes', '0755', 'a b'].map(yamlString), ['web', '"yes"', '"0755"', '"a b"']);
  });
});
