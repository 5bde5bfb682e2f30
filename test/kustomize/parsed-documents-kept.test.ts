import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildKustomization } from '../../rules/models/kustomize/build';
import { keepingParsedDocuments, parseDocuments } from '../../rules/models/kustomize/parse';
import type { KMap } from '../../rules/models/kustomize/tree';
import { BASE_DEPLOYMENT, BASE_KUSTOMIZATION, OVERLAY_KUSTOMIZATION, RESTRICTED_PATCH } from './integration/overlay-fixture';

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: &l {app: web}\nspec:\n  template:\n    metadata:\n      labels: *l\n---\n---\nkind: Service\n';

describe('kustomize: texts parsed once inside keepingParsedDocuments', () => {
  it('gives each caller its own trees, equal to a fresh parse, whatever an earlier caller changed', () => {
    const fresh = parseDocuments(DEPLOYMENT, '/r/deploy.yaml');
    keepingParsedDocuments(() => {
      const first = parseDocuments(DEPLOYMENT, '/r/deploy.yaml');
      assert.deepEqual(first, fresh);
      // A build changes what it is given (patches, name prefixes): the next caller must not see it.
      const metadata = (first[0] as KMap).entries.find((entry) => entry.key === 'metadata')!.value as KMap;
      metadata.entries.push({ key: 'namespace', keyOrigin: metadata.origin, value: { kind: 'scalar', value: 'changed', origin: metadata.origin } });
      (first[1] as KMap).entries.length = 0;
      const second = parseDocuments(DEPLOYMENT, '/r/deploy.yaml');
      assert.deepEqual(second, fresh);
      assert.notEqual(second[0], first[0]);
    });
  });

  it('keeps a text apart per file (the nodes carry their file) and still reports a malformed text each time', () => {
    keepingParsedDocuments(() => {
      parseDocuments(DEPLOYMENT, '/r/a.yaml');
      const other = parseDocuments(DEPLOYMENT, '/r/b.yaml');
      assert.equal(other[0].origin?.file, '/r/b.yaml');
      for (let round = 0; round < 2; round++) assert.throws(() => parseDocuments('a: [1\n', '/r/bad.yaml'), /MalformedYAMLError.*\/r\/bad\.yaml/);
    });
  });

  it('builds an overlay with a shared base exactly as without it', () => {
    const files = new Map([
      ['/w/base/deployment.yaml', BASE_DEPLOYMENT],
      ['/w/base/kustomization.yaml', BASE_KUSTOMIZATION],
      ['/w/overlays/prod/kustomization.yaml', OVERLAY_KUSTOMIZATION],
      ['/w/overlays/prod/security.yaml', RESTRICTED_PATCH],
    ]);
    const builds = () => ['/w/base', '/w/overlays/prod', '/w/overlays/prod', '/w/base'].map((dir) => buildKustomization({ files }, dir));
    const alone = builds();
    assert.equal(alone[1].problems.length, 0);
    assert.deepEqual(keepingParsedDocuments(builds), alone);
  });
});
