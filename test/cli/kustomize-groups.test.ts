import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { emptyConfig } from '../../rules/engine';
import { lintKustomizations } from '../../rules/registry-lint';
import { independentGroups } from '../../server/cli/kustomize-groups';
import { lintKustomizeRun } from '../../server/cli/lint-kustomizations';
import { forDisplay } from '../../server/cli/unit-results';
import { toPosix } from '../../server/shared/config-loader';
import { readKustomizeSources } from '../../server/shared/kustomize-sources';
import { workspace } from '../helpers/cli';
import { BASE_DEPLOYMENT, BASE_KUSTOMIZATION } from '../kustomize/integration/overlay-fixture';

const OVERLAY = 'resources:\n  - ../../base\n';

/** Two projects of base + two overlays (the overlays share their base), and a lone kustomization. */
const FILES = {
  'shop/base/deployment.yaml': BASE_DEPLOYMENT,
  'shop/base/kustomization.yaml': BASE_KUSTOMIZATION,
  'shop/overlays/dev/kustomization.yaml': OVERLAY,
  'shop/overlays/prod/kustomization.yaml': `${OVERLAY}namePrefix: prod-\n`,
  'blog/base/deployment.yaml': BASE_DEPLOYMENT.replace(/web/g, 'blog'),
  'blog/base/kustomization.yaml': BASE_KUSTOMIZATION,
  'blog/overlays/prod/kustomization.yaml': `${OVERLAY}secretGenerator:\n  - name: db\n    literals:\n      - password=hunter2hunter2\n`,
  'lone/kustomization.yaml': 'resources:\n  - pod.yaml\n',
  'lone/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: lone\nspec:\n  hostNetwork: true\n  containers:\n    - name: app\n      image: nginx:1.27\n',
};

const KUSTOMIZATION_DIRS = ['blog/base', 'blog/overlays/prod', 'lone', 'shop/base', 'shop/overlays/dev', 'shop/overlays/prod'];

describe('kustomize groups: the CLI lints independent kustomizations a group at a time', () => {
  it('joins directories whose builds looked up a common path, transitively, keeping the order of the directories', () => {
    const lookups = new Map<string, Set<string>>([
      ['/a', new Set(['/a/k.yaml', '/shared/x.yaml'])],
      ['/b', new Set(['/b/k.yaml', '/other/y.yaml'])],
      ['/c', new Set(['/c/k.yaml'])],
      ['/d', new Set(['/d/k.yaml', '/other/y.yaml', '/shared/x.yaml'])],
    ]);
    assert.deepEqual(independentGroups(['/a', '/b', '/c', '/d', '/e'], lookups), [['/a', '/b', '/d'], ['/c'], ['/e']]);
    assert.deepEqual(independentGroups(['/c', '/a'], lookups), [['/c'], ['/a']]);
  });

  it('the reader keeps only the lookups of its last builds when asked, and they split the projects apart', () => {
    const root = workspace(FILES);
    try {
      const dirs = KUSTOMIZATION_DIRS.map((dir) => toPosix(join(root, dir)));
      const sources = readKustomizeSources(dirs, { maxBytes: 1_000_000, boundary: toPosix(root), build: {}, keep: 'lookups' });
      assert.equal(sources.builds, undefined);
      assert.ok(sources.lookups?.get(dirs[4])?.has(toPosix(join(root, 'shop/base/deployment.yaml'))), 'the overlay looked up its base resource');
      const shown = independentGroups(dirs, sources.lookups!).map((group) => group.map((dir) => dir.slice(toPosix(root).length + 1)));
      assert.deepEqual(shown, [['blog/base', 'blog/overlays/prod'], ['lone'], ['shop/base', 'shop/overlays/dev', 'shop/overlays/prod']]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("the reader's last builds tell the bases from the leaves: the lint builds only the leaves, with the same findings", () => {
    const root = workspace(FILES);
    try {
      const dirs = KUSTOMIZATION_DIRS.map((dir) => toPosix(join(root, dir)));
      const sources = readKustomizeSources(dirs, { maxBytes: 1_000_000, boundary: toPosix(root), build: {}, keep: 'lookups' });
      const baseFile = toPosix(join(root, 'shop/base/kustomization.yaml'));
      assert.ok(sources.reads?.get(dirs[5])?.kustomizations.includes(baseFile), 'the overlay read its base kustomization');
      // Reads of the shop base's kustomization file: each build of the base or of an overlay reads it.
      const lintCounting = (known: typeof sources.reads) => {
        let reads = 0;
        const counting = new (class extends Map<string, string | Uint8Array> {
          override get(path: string) {
            if (path === baseFile) reads++;
            return super.get(path);
          }
        })(sources.files);
        const result = lintKustomizations({ files: counting }, { dirs, known });
        return { reads, result };
      };
      const plain = lintCounting(undefined);
      const told = lintCounting(sources.reads);
      assert.deepEqual(told.result.builds.map((build) => build.dir), plain.result.builds.map((build) => build.dir));
      assert.deepEqual([...told.result.findings], [...plain.result.findings]);
      assert.deepEqual([...told.result.coveredFiles], [...plain.result.coveredFiles]);
      assert.ok(told.reads > 0 && told.reads < plain.reads, `the base is not built again (${told.reads} reads of its kustomization against ${plain.reads})`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('gives every file the findings one lint of all the kustomizations gives (a shared base names both overlays)', () => {
    const root = workspace(FILES);
    try {
      const walked = Object.keys(FILES).map((path) => toPosix(join(root, path)));
      const run = lintKustomizeRun(walked, { config: emptyConfig(), workspace: {}, fix: false, cwd: root })!;
      const dirs = KUSTOMIZATION_DIRS.map((dir) => toPosix(join(root, dir)));
      const whole = lintKustomizations(readKustomizeSources(dirs, { maxBytes: 1_000_000, boundary: toPosix(root), build: {} }), { dirs });
      const baseDeployment = toPosix(join(root, 'shop/base/deployment.yaml'));
      const related = (whole.findings.get(baseDeployment) ?? []).flatMap((finding) => finding.related ?? []).map((entry) => entry.path);
      assert.ok(related.some((path) => path.includes('overlays/dev')) && related.some((path) => path.includes('overlays/prod')), `both overlays named: ${related}`);
      assert.ok(whole.findings.size >= 3, 'findings in every project');
      for (const file of walked) {
        assert.deepEqual(run.findingsOf(file), (whole.findings.get(file) ?? []).map((finding) => forDisplay(finding, root)), file);
        assert.equal(run.covers(file), whole.coveredFiles.has(file), file);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
