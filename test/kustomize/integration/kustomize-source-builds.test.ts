import assert from 'node:assert/strict';
import fs, { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it, mock } from 'node:test';
import { lintKustomizations } from '../../../rules/registry-lint';
import { buildKustomization, printedBuild } from '../../../rules/models/kustomize/build';
import { readKustomizeSources } from '../../../server/shared/kustomize-sources';
import { BASE_DEPLOYMENT, BASE_KUSTOMIZATION, OVERLAY_KUSTOMIZATION, RESTRICTED_PATCH } from './overlay-fixture';

/** The overlay fixture on disk: the overlay's folder is the only kustomization directory asked for, its base is fetched. */
function onDisk(): { root: string; overlay: string } {
  const root = mkdtempSync(join(tmpdir(), 'stridelint-kustomize-builds-'));
  const files: Record<string, string> = {
    'base/deployment.yaml': BASE_DEPLOYMENT,
    'base/kustomization.yaml': BASE_KUSTOMIZATION,
    'overlays/prod/kustomization.yaml': OVERLAY_KUSTOMIZATION,
    'overlays/prod/security.yaml': RESTRICTED_PATCH,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { root, overlay: join(root, 'overlays/prod') };
}

describe("kustomize sources: the reader's last builds serve the lint", () => {
  it('hands out the builds of its final set (after fetching the base), equal to fresh builds of that set', () => {
    const { root, overlay } = onDisk();
    try {
      const sources = readKustomizeSources([overlay], { maxBytes: 1_000_000, boundary: root, build: {} });
      assert.ok(sources.fetched.some((path) => path.endsWith('/base')), `the base was fetched: ${sources.fetched}`);
      assert.deepEqual([...(sources.builds?.keys() ?? [])], [overlay]);
      const fresh = buildKustomization(sources, overlay, {});
      const kept = sources.builds!.get(overlay)!;
      // Kept unprinted (most builds of the rounds are never printed); printed, it is the fresh build's output.
      assert.equal(kept.output.text, '');
      assert.equal(printedBuild(kept).output.text, fresh.output.text);
      assert.deepEqual(printedBuild(kept).output.spans, fresh.output.spans);
      assert.deepEqual([kept.problems, kept.kustomizations, kept.inputs], [fresh.problems, fresh.kustomizations, fresh.inputs]);
      assert.deepEqual(lintKustomizations(sources, { dirs: [overlay], built: sources.builds }).findings, lintKustomizations(sources, { dirs: [overlay] }).findings);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('the lint takes a build it is given instead of building that directory again', () => {
    const { root, overlay } = onDisk();
    try {
      const sources = readKustomizeSources([overlay], { maxBytes: 1_000_000, boundary: root, build: {} });
      // A build of the overlay without its hardening patch stands in for the one the lint would make.
      const unpatched = { files: new Map([...sources.files, [join(overlay, 'kustomization.yaml'), 'resources:\n  - ../../base\n']]) };
      const given = new Map([[overlay, buildKustomization(unpatched, overlay, {})]]);
      const rules = (result: ReturnType<typeof lintKustomizations>) => [...result.findings.values()].flat().map((finding) => finding.ruleId);
      const hardened = rules(lintKustomizations(sources, { dirs: [overlay] }));
      const fromGiven = rules(lintKustomizations(sources, { dirs: [overlay], built: given }));
      assert.ok(fromGiven.includes('kubernetes/allow-privilege-escalation') && !hardened.includes('kubernetes/allow-privilege-escalation'), `${fromGiven} vs ${hardened}`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('kustomize sources: a round builds again only what the files it added can change', () => {
  /** `a` lists `../lib` as a transformer folder (not there at first: a load-restriction error); `b`'s resource `../lib` makes the reader fetch it. */
  const FILES = {
    'a/kustomization.yaml': 'resources:\n  - pod.yaml\ntransformers:\n  - ../lib\n',
    'a/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n',
    'b/kustomization.yaml': 'resources:\n  - ../lib\n',
    'c/kustomization.yaml': 'resources:\n  - pod.yaml\n',
    'c/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: c\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n',
    'lib/kustomization.yaml': 'resources:\n  - labels.yaml\n',
    'lib/labels.yaml': 'apiVersion: builtin\nkind: LabelTransformer\nmetadata:\n  name: team\nlabels:\n  team: web\nfieldSpecs:\n  - path: metadata/labels\n    create: true\n',
  };

  it("builds again a directory that only probed the fetched folder, and each kept build equals a fresh build of the final set", () => {
    const root = mkdtempSync(join(tmpdir(), 'stridelint-kustomize-rounds-'));
    try {
      for (const [path, text] of Object.entries(FILES)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      }
      const dirs = ['a', 'b', 'c'].map((dir) => join(root, dir));
      const sources = readKustomizeSources(dirs, { maxBytes: 1_000_000, boundary: root, build: {} });
      assert.ok(sources.fetched.includes(join(root, 'lib')), `lib was fetched: ${sources.fetched}`);
      for (const dir of dirs) {
        const fresh = buildKustomization({ files: sources.files }, dir, {});
        const kept = sources.builds!.get(dir)!;
        assert.deepEqual([printedBuild(kept).output.text, kept.problems, kept.kustomizations, kept.inputs], [fresh.output.text, fresh.problems, fresh.kustomizations, fresh.inputs], dir);
      }
      // The transformer folder, once fetched, applies: a's build is not the first round's load-restriction error.
      assert.deepEqual(sources.builds!.get(dirs[0])!.problems, []);
      assert.match(printedBuild(sources.builds!.get(dirs[0])!).output.text, /team: web/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('kustomize sources: what the folders read answer is not asked of the disk again', () => {
  it('stats no kustomization file name a listed folder lacks, nor the base folder once read; the set and listing are the same', () => {
    const { root, overlay } = onDisk();
    const stat = mock.method(fs, 'statSync');
    try {
      const listed: string[] = [];
      const sources = readKustomizeSources([overlay], { maxBytes: 1_000_000, boundary: root, build: {}, listed });
      const statted = stat.mock.calls.map((call) => String(call.arguments[0]));
      // A build asks for each of kustomization.yaml, kustomization.yml and Kustomization, and for `../../base` as a file (each round).
      assert.deepEqual(statted.filter((path) => /\/(kustomization\.yml|Kustomization)$/.test(path)), []);
      assert.deepEqual(statted.filter((path) => path === join(root, 'base')), [join(root, 'base')]);
      assert.deepEqual(sources.fetched.filter((path) => path === join(root, 'base')).length, 2, 'asked for in both rounds');
      assert.deepEqual([...sources.files.keys()].sort(), ['base/deployment.yaml', 'base/kustomization.yaml', 'overlays/prod/kustomization.yaml', 'overlays/prod/security.yaml'].map((path) => join(root, path)));
      // The folders each missing path lies in, as a stamp must watch them (the base's own names once it was read).
      assert.deepEqual([...new Set(listed)].sort(), [overlay, join(overlay, 'kustomization.yaml'), join(overlay, 'security.yaml'), join(root, 'base'), join(root, 'base/deployment.yaml'), join(root, 'base/kustomization.yaml')].sort());
    } finally {
      stat.mock.restore();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
