import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { factsOfFile } from '../../rules/engine';
import type { ComposeFacts, KubernetesFacts } from '../../rules/facts/file-facts';

const MANIFESTS = [
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
  'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop\nautomountServiceAccountToken: false\n',
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: shop\nspec:\n  podSelector: {}\n',
  'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\n  namespace: shop\nrules:\n  - apiGroups: [""]\n    resources: [secrets]\n    verbs: [get]\n',
  'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: web-reads\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: web\nroleRef:\n  kind: Role\n  name: reader\n',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      serviceAccountName: web\n      automountServiceAccountToken: true\n      containers:\n        - name: web\n          image: web:1\n',
  'apiVersion: v1\nkind: Pod\nmetadata: {}\nspec:\n  containers:\n    - name: x\n      image: x:1\n',
];

describe('file facts: one shape per kind of fact', () => {
  it("every Kubernetes object's facts have the same keys in the same order, whatever its kind (the relation rules read thousands)", () => {
    const facts = factsOfFile(MANIFESTS.join('---\n'), 'all.yaml') as KubernetesFacts;
    assert.equal(facts.objects.length, MANIFESTS.length);
    const keys = facts.objects.map((object) => Object.keys(object).join(','));
    assert.deepEqual(new Set(keys).size, 1, keys.join('\n'));
    const workloads = facts.objects.flatMap((object) => (object.workload ? [Object.keys(object.workload).join(',')] : []));
    assert.equal(workloads.length, 2);
    assert.equal(new Set(workloads).size, 1, workloads.join('\n'));
  });

  it('the absent facts are undefined, so their JSON is the JSON of the facts alone', () => {
    const facts = factsOfFile(MANIFESTS[0], 'ns.yaml') as KubernetesFacts;
    assert.equal(JSON.stringify(facts.objects[0]), '{"kind":"Namespace","name":"shop","range":{"start":{"line":3,"character":8},"end":{"line":3,"character":12}},"labels":{}}');
  });

  it("a compose build has the same keys with and without a target", () => {
    const facts = factsOfFile('services:\n  a:\n    build: ./a\n  b:\n    build:\n      context: ./b\n      target: Prod\n', 'compose.yaml') as ComposeFacts;
    assert.deepEqual(facts.builds.map((build) => build.target), [undefined, 'prod']);
    assert.equal(Object.keys(facts.builds[0]).join(','), Object.keys(facts.builds[1]).join(','));
  });
});
