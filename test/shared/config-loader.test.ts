import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigResolver } from '../../server/shared/config-loader';

const CONFIG = 'rules:\n  dockerfile/no-root-user: off\n';

describe('the configuration in force for a folder', () => {
  it("with a scan's listing, a folder's .stridelint.yaml is looked up in its listed entries (a linked one followed); unlisted folders still on disk", () => {
    const root = mkdtempSync(join(tmpdir(), 'stridelint-config-'));
    try {
      for (const dir of ['app', 'linked', 'stale', 'plain']) mkdirSync(join(root, dir));
      writeFileSync(join(root, 'app', '.stridelint.yaml'), CONFIG);
      writeFileSync(join(root, 'shared.yaml'), CONFIG);
      symlinkSync(join(root, 'shared.yaml'), join(root, 'linked', '.stridelint.yml'));
      const listing = new Map<string, Dirent[]>();
      for (const dir of ['app', 'linked', 'plain']) listing.set(join(root, dir), readdirSync(join(root, dir), { withFileTypes: true }));
      // Written after the listing was taken: the listing is what the scan saw (as an existsSync then would have).
      writeFileSync(join(root, 'plain', '.stridelint.yaml'), CONFIG);
      writeFileSync(join(root, 'stale', '.stridelint.yaml'), CONFIG);
      const resolver = new ConfigResolver();
      resolver.useListing(listing);
      const source = (dir: string) => resolver.forFile(join(root, dir, 'Dockerfile')).source;
      assert.equal(source('app'), join(root, 'app', '.stridelint.yaml'));
      assert.equal(source('linked'), join(root, 'linked', '.stridelint.yml'));
      assert.equal(source('plain'), undefined, 'not in the listing: the defaults');
      assert.equal(source('stale'), join(root, 'stale', '.stridelint.yaml'), 'a folder the listing lacks is looked up on disk');
      resolver.useListing(undefined);
      assert.equal(new ConfigResolver().forFile(join(root, 'plain', 'Dockerfile')).source, join(root, 'plain', '.stridelint.yaml'), 'without a listing, the disk');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
