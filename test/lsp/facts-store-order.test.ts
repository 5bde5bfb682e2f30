// The workspace facts a scan loads are indexed in path order, whatever order its worker threads finished in:
// answers that list several files (namespaces, cluster objects) and their digests, which the persistent scan
// cache compares from one server run to the next, do not depend on thread timing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyConfig, factsOfFile, type FileFacts } from '../../rules/engine';
import { WorkspaceFactsStore } from '../../server/lsp/workspace-facts-store';

const object = (kind: string, name: string, namespace?: string) =>
  `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}`;
const FILES: Array<[string, string]> = [
  ['/ws/a/ns-shop.yaml', object('Namespace', 'shop')],
  ['/ws/b/ns-web.yaml', object('Namespace', 'web')],
  ['/ws/c/role.yaml', 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules: []\n'],
  ['/ws/d/cm.yaml', object('ConfigMap', 'settings', 'shop')],
  ['/ws/e/cm.yaml', object('ConfigMap', 'other', 'shop')],
];
const KEYS = ['namespaces', 'cluster', 'ns:shop', 'host'];

function loaded(order: Array<[string, string]>): WorkspaceFactsStore {
  const store = new WorkspaceFactsStore(() => undefined);
  const config = emptyConfig();
  store.loadScan(new Map<string, FileFacts | undefined>(order.map(([path, text]) => [path, factsOfFile(text, path, { config })])), () => false);
  return store;
}

describe('workspace facts store: a scan loads in path order', () => {
  it('the same files loaded in two orders give the same digests and entries', () => {
    const forward = loaded(FILES);
    const backward = loaded([...FILES].reverse());
    for (const key of KEYS) assert.equal(forward.digestOf([key]), backward.digestOf([key]), key);
    assert.deepEqual(backward.entries().map(([path]) => path), FILES.map(([path]) => path));
  });
});
