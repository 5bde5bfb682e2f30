import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ListedFolders } from '../../server/shared/listed-folders';

/** A read that listed `folders` (folder → entry names) and finished, or was stopped by its file limit. */
function listedBy(folders: Record<string, string[]>, complete = true): ListedFolders {
  const disk = new ListedFolders();
  disk.record((into) => {
    for (const [folder, names] of Object.entries(folders)) into.set(folder, names);
    return complete;
  });
  return disk;
}

describe('ListedFolders: what a read listed answers without the disk', () => {
  it('a name its listed folder lacks; not one it has, in any ASCII case, nor one in a folder never listed', () => {
    const disk = listedBy({ '/w/app': ['kustomization.yaml', 'Deploy.yaml', 'base'] });
    assert.equal(disk.lacks('/w/app/kustomization.yml'), true);
    assert.equal(disk.lacks('/w/app/Kustomization'), true);
    assert.equal(disk.lacks('/w/app/kustomization.yaml'), false);
    assert.equal(disk.lacks('/w/app/deploy.yaml'), false, 'a case-insensitive file system finds it');
    assert.equal(disk.lacks('/w/other/kustomization.yml'), false);
    assert.equal(disk.lacks('/w/app/.'), false);
  });

  it('no answer in a folder with a name outside ASCII, nor for such a name', () => {
    // U+212A KELVIN SIGN folds to `k` on case-insensitive file systems.
    assert.equal(listedBy({ '/w/app': ['\u212Austomization.yaml'] }).lacks('/w/app/kustomization.yaml'), false);
    assert.equal(listedBy({ '/w/app': ['a.yaml'] }).lacks('/w/app/caf\u00e9.yaml'), false);
  });

  it('folders read whole only when the read was not stopped by its file limit', () => {
    assert.equal(listedBy({ '/w/base': ['a.yaml'], '/w/base/sub': [] }).readWhole('/w/base/sub'), true);
    const stopped = listedBy({ '/w/base': ['a.yaml'] }, false);
    assert.equal(stopped.readWhole('/w/base'), false);
    assert.equal(stopped.lacks('/w/base/b.yaml'), true, "a folder's own listing is whole either way");
    assert.equal(stopped.listed('/w/base'), true);
  });
});
