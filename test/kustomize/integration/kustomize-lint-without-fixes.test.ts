import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KustomizeLintResult } from '../../../rules/engine/kustomize/lint-kustomizations';
import { lintKustomizations } from '../../../rules/registry-lint';
import { defineRule } from '../../../rules/engine/rule';
import { regularContainers } from '../../../rules/models/kubernetes';
import { setIn } from '../../../rules/models/yaml-edit';
import readonlyRootFilesystem from '../../../rules/kubernetes/workloads/readonly-root-filesystem';
import type { SourceSet } from '../../../rules/models/helm/source-map';
import { realworldIndex, SHARED_SKIP_REASON } from '../../helpers/shared';
import { realworldRepository } from '../realworld-kustomizations';
import { BASE_DEPLOYMENT, BASE_KUSTOMIZATION, overlayWorkspace, sourceSet, twoOverlays } from './overlay-fixture';

// `fixes: 'none'` (the workspace scan) maps a build's fixes only as far as the messages need: every finding
// must be the one the eager lint gives, without its fixes — the "(no quick fix: …)" suffix included.

function withoutFixes(result: KustomizeLintResult): Array<[string, unknown[]]> {
  return [...result.findings].map(([file, list]) => [file, list.map((finding) => ({ ...finding, fixes: [] }))]);
}

function assertSameMessages(sources: SourceSet): { findings: number; suffixes: number } {
  const eager = lintKustomizations(sources);
  const none = lintKustomizations(sources, { fixes: 'none' });
  assert.deepEqual(withoutFixes(none), withoutFixes(eager));
  for (const list of none.findings.values()) for (const finding of list) assert.deepEqual(finding.fixes, []);
  const all = [...eager.findings.values()].flat();
  return { findings: all.length, suffixes: all.filter((finding) => /\(no quick fix: /.test(finding.message)).length };
}

/** Reports every container (on its name); its fix, a function, counts the times it is built. */
function countingRule() {
  const built = { count: 0 };
  const rule = defineRule({
    meta: { ...readonlyRootFilesystem.meta, id: 'kubernetes/test-counted-fix', title: 'Counted' },
    check(context) {
      for (const pod of context.model.podSpecs) {
        for (const container of regularContainers(pod)) {
          context.report({
            span: container.nameSpan,
            message: 'A container.',
            fixes: () => {
              built.count++;
              const edit = setIn(context.text, container.node, ['securityContext', 'readOnlyRootFilesystem'], 'true');
              return edit ? [{ title: 'Set `readOnlyRootFilesystem: true`', safe: false, edits: [edit] }] : [];
            },
          });
        }
      }
    },
  });
  return { rule, built };
}

describe("lintKustomizations with fixes: 'none'", () => {
  it("builds a rule's fixes once per source location, not once per overlay that found it", () => {
    // Two overlays take the base as it is: both builds find its one container.
    const asItIs = 'resources:\n  - ../../base\n';
    const sources = sourceSet({ 'base/kustomization.yaml': BASE_KUSTOMIZATION, 'base/deployment.yaml': BASE_DEPLOYMENT, 'overlays/dev/kustomization.yaml': asItIs, 'overlays/staging/kustomization.yaml': asItIs });
    const eager = countingRule();
    const [found] = [...lintKustomizations(sources, { rules: [eager.rule] }).findings.values()].flat();
    assert.deepEqual(found.related?.map((related) => related.path), ['/ws/overlays/dev/kustomization.yaml', '/ws/overlays/staging/kustomization.yaml']);
    assert.equal(found.fixes.length, 1, 'the fix maps onto the base');
    assert.equal(eager.built.count, 2);
    const none = countingRule();
    const [withoutFixes] = [...lintKustomizations(sources, { rules: [none.rule], fixes: 'none' }).findings.values()].flat();
    assert.equal(none.built.count, 1);
    assert.deepEqual(withoutFixes, { ...found, fixes: [] });
  });

  it('gives the eager messages where an overlay patches the path (the reason suffix)', () => {
    const { suffixes } = assertSameMessages(twoOverlays());
    assert.ok(suffixes > 0, 'the case has a finding whose fix is withheld with a reason');
  });

  it('gives the eager messages where the base is fixed (no suffix) and where a patch is', () => {
    assertSameMessages(overlayWorkspace());
    assertSameMessages(overlayWorkspace((text) => text.replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: true\n            privileged: true')));
    assertSameMessages(sourceSet({ 'app/kustomization.yaml': BASE_KUSTOMIZATION, 'app/deployment.yaml': BASE_DEPLOYMENT }));
  });

  it('gives the eager messages where overlay fields and generators write the values', () => {
    const fields = 'resources:\n  - ../../base\nnamespace: team\nnamePrefix: dev-\ncommonLabels:\n  tier: web\nimages:\n  - name: nginx\n    newTag: "1.27"\nreplicas:\n  - name: web\n    count: 3\n';
    assertSameMessages(twoOverlays(undefined, { 'overlays/dev/kustomization.yaml': fields }));
    assertSameMessages(twoOverlays('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n'));
  });

  it('gives the eager messages on every realworld repository with kustomizations', { skip: SHARED_SKIP_REASON }, () => {
    const repositories = [...new Set(realworldIndex().filter((file) => /(^|\/)(kustomization\.ya?ml|Kustomization)$/.test(file.path)).map((file) => file.path.split('/')[0]))].sort();
    let findings = 0;
    for (const repository of repositories) findings += assertSameMessages(realworldRepository(repository)).findings;
    assert.ok(findings > 50, `findings compared: ${findings}`);
  });
});
