// A workspace scan's facts do not replace those an open document gave (its unsaved text): a keystroke made while
// the scan ran (USER root typed in a Dockerfile a compose file builds) kept its effect on the files that read it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyConfig, factsOfFile, type FileFacts } from '../../rules/engine';
import { WorkspaceFactsStore } from '../../server/lsp/workspace-facts-store';

const DOCKERFILE = '/ws/api/Dockerfile';
const ON_DISK = 'FROM alpine:3.20\nUSER 10001\n';
const TYPED = 'FROM alpine:3.20\nUSER root\n';
const factsOf = (text: string) => factsOfFile(text, DOCKERFILE, { config: emptyConfig() });
const indexed = (store: WorkspaceFactsStore) => new Map(store.entries()).get(DOCKERFILE);

describe('workspace facts store: a scan and open documents', () => {
  it("an open document's own facts stay when a scan that read the file from disk loads", () => {
    const store = new WorkspaceFactsStore(() => undefined);
    const typed = factsOf(TYPED);
    store.set(DOCKERFILE, typed);
    store.loadScan(new Map<string, FileFacts | undefined>([[DOCKERFILE, factsOf(ON_DISK)]]), (path) => path === DOCKERFILE);
    assert.deepEqual(indexed(store), typed);
    assert.notDeepEqual(indexed(store), factsOf(ON_DISK));
  });

  it('a file not open takes the facts the scan read, whatever a lint gave before', () => {
    const store = new WorkspaceFactsStore(() => undefined);
    store.set(DOCKERFILE, factsOf(TYPED));
    store.loadScan(new Map<string, FileFacts | undefined>([[DOCKERFILE, factsOf(ON_DISK)]]), () => false);
    assert.deepEqual(indexed(store), factsOf(ON_DISK));
  });

  it('an open document that has given no facts yet takes the facts the scan read', () => {
    const store = new WorkspaceFactsStore(() => undefined);
    store.loadScan(new Map<string, FileFacts | undefined>([[DOCKERFILE, factsOf(ON_DISK)]]), (path) => path === DOCKERFILE);
    assert.deepEqual(indexed(store), factsOf(ON_DISK));
  });
});
