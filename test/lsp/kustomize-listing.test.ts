import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { emptyConfig } from '../../rules/engine';
import { KustomizeUnits } from '../../server/lsp/kustomize-units';

/** A listing entry as readdirSync({ withFileTypes: true }) gives it. */
const entry = (name: string, directory: boolean) => ({ name, isDirectory: () => directory, isFile: () => !directory }) as Dirent;

describe("KustomizeUnits: the scan's listing spares the search for kustomizations a second walk", () => {
  it('folders in the listing are taken from it, the others read from disk; without it, all from disk', () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'sl-kustomize-listing-')));
    try {
      for (const dir of ['a', 'z']) {
        mkdirSync(join(root, dir));
        writeFileSync(join(root, dir, 'kustomization.yaml'), 'resources: []\n');
      }
      const units = new KustomizeUnits({ openDocuments: () => new Map(), publishClosed: () => {}, relintOpen: () => {}, relintUnit: () => {} }, () => root);
      // The listing as the scan read it: the root held a and c (z came later); c held a kustomization (gone since).
      units.useListing(
        new Map([
          [root, [entry('a', true), entry('c', true)]],
          [`${root}/c`, [entry('kustomization.yaml', false)]],
        ]),
      );
      assert.deepEqual(units.scanRequest(root, emptyConfig()).dirs, [`${root}/a`, `${root}/c`]);
      units.useListing(undefined);
      units.rescan();
      assert.deepEqual(units.scanRequest(root, emptyConfig()).dirs, [`${root}/a`, `${root}/z`]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
