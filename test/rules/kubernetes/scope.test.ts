import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubernetesObjectFacts } from '../../../rules/facts/file-facts';
import type { Located } from '../../../rules/facts/workspace-facts';
import { findObject } from '../../../rules/kubernetes/scope';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const object = (kind: string, name: string | undefined, path: string): Located<KubernetesObjectFacts> => ({ kind, ...(name !== undefined ? { name } : {}), range, labels: {}, path });

describe('findObject', () => {
  it('answers as list.find by kind and name would: the first match, none for another kind or a missing name', () => {
    const list = [object('ServiceAccount', 'web', 'a.yaml'), object('Role', 'web', 'b.yaml'), object('ServiceAccount', 'web', 'c.yaml'), object('ServiceAccount', undefined, 'd.yaml')];
    for (const [kind, name] of [['ServiceAccount', 'web'], ['Role', 'web'], ['ClusterRole', 'web'], ['ServiceAccount', 'api'], ['ServiceAccount', '']]) {
      assert.equal(findObject(list, kind, name), list.find((candidate) => candidate.kind === kind && candidate.name === name), `${kind} ${name}`);
    }
    assert.equal(findObject(list, 'ServiceAccount', 'web')?.path, 'a.yaml');
  });
});
