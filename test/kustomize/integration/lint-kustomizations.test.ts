import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { KustomizeLintResult } from '../../../rules/engine/kustomize/lint-kustomizations';
import { lintFile, lintKustomizations } from '../../../rules/registry-lint';
import type { Finding } from '../../../rules/engine/types';
import { applyUnitFixes } from '../../../rules/engine/units/unit-fixes';
import type { SourceSet } from '../../../rules/models/helm/source-map';
import { BASE_DEPLOYMENT, BASE_KUSTOMIZATION, HARDENING_RULES, overlayWorkspace, ROOT, sourceSet, twoOverlays } from './overlay-fixture';

function all(result: KustomizeLintResult): Array<{ file: string; finding: Finding }> {
  return [...result.findings].flatMap(([file, list]) => list.map((finding) => ({ file, finding })));
}

function lineOf(sources: SourceSet, file: string, needle: string): number {
  return String(sources.files.get(file)).split('\n').findIndex((line) => line.includes(needle));
}

/** Applies one finding's first fix (the editor's quick fix) and returns the new source set. */
function applyFix(sources: SourceSet, file: string, finding: Finding): SourceSet {
  const changed = applyUnitFixes(new Map([[file, [{ ...finding, fixes: [{ ...finding.fixes[0], safe: true }] }]]]), (path) => sources.files.get(path) as string);
  assert.ok(changed.size > 0, 'the fix changes a file');
  for (const [path, text] of changed) {
    const documents = parseAllDocuments(text);
    assert.ok(Array.isArray(documents) && documents.every((document) => document.errors.length === 0), `${path} still parses:\n${text}`);
  }
  return { files: new Map([...sources.files, ...changed]) };
}

describe('lintKustomizations: the done-when cases', () => {
  it('a base with no securityContext hardened by the overlay patch has no workload-hardening finding anywhere', () => {
    const sources = overlayWorkspace();
    // The base alone has them (what single-file linting reported, and the base's own build would).
    const alone = lintFile(BASE_DEPLOYMENT, `${ROOT}/base/deployment.yaml`).findings.map((finding) => finding.ruleId);
    assert.ok(HARDENING_RULES.filter((id) => id !== 'kubernetes/no-privileged' && id !== 'kubernetes/run-as-user-root').every((id) => alone.includes(id)), alone.join(', '));
    const result = lintKustomizations(sources);
    assert.deepEqual(result.builds.map((build) => build.dir), [`${ROOT}/overlays/prod`], 'only the leaf is built');
    assert.deepEqual(all(result).filter(({ finding }) => HARDENING_RULES.includes(finding.ruleId)), []);
    assert.ok(result.coveredFiles.has(`${ROOT}/base/deployment.yaml`) && result.coveredFiles.has(`${ROOT}/overlays/prod/security.yaml`));
  });

  it('the same overlay with a patch setting privileged: true gives one error on the patch line, related to the overlay', () => {
    const sources = overlayWorkspace((text) => text.replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: true\n            privileged: true'));
    const result = lintKustomizations(sources);
    const privileged = all(result).filter(({ finding }) => finding.ruleId === 'kubernetes/no-privileged');
    assert.equal(privileged.length, 1);
    const [{ file, finding }] = privileged;
    assert.equal(file, `${ROOT}/overlays/prod/security.yaml`);
    assert.equal(finding.severity, 'error');
    assert.equal(finding.range.start.line, lineOf(sources, file, 'privileged: true'));
    assert.ok(finding.related?.some((entry) => entry.path === `${ROOT}/overlays/prod/kustomization.yaml` && /overlays\/prod/.test(entry.message)), JSON.stringify(finding.related));
    // Its fix edits the patch; applied, the overlay builds again without the finding.
    assert.equal(finding.fixes[0]?.edits[0]?.path, file);
    const fixed = applyFix(sources, file, finding);
    assert.equal(all(lintKustomizations(fixed)).filter(({ finding: other }) => other.ruleId === 'kubernetes/no-privileged').length, 0);
  });
});

describe('lintKustomizations: overlays, bases and fixes', () => {

  it('reports a base location found by several overlays once, naming each overlay', () => {
    const result = lintKustomizations(twoOverlays('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n'));
    const tokens = all(result).filter(({ finding }) => finding.ruleId === 'kubernetes/sa-token-automount');
    assert.equal(tokens.length, 1);
    assert.equal(tokens[0].file, `${ROOT}/base/deployment.yaml`);
    const overlays = (tokens[0].finding.related ?? []).map((entry) => entry.path).sort();
    assert.deepEqual(overlays, [`${ROOT}/overlays/dev/kustomization.yaml`, `${ROOT}/overlays/prod/kustomization.yaml`]);
  });

  it('a finding only one overlay has is related to that overlay alone', () => {
    const result = lintKustomizations(twoOverlays());
    const readonly = all(result).filter(({ finding }) => finding.ruleId === 'kubernetes/readonly-root-filesystem');
    assert.equal(readonly.length, 1);
    assert.deepEqual(readonly[0].finding.related?.map((entry) => entry.path), [`${ROOT}/overlays/dev/kustomization.yaml`]);
  });

  it('offers no base fix for a path another overlay patches, and says where to change it', () => {
    const readonly = all(lintKustomizations(twoOverlays())).find(({ finding }) => finding.ruleId === 'kubernetes/readonly-root-filesystem');
    assert.ok(readonly);
    assert.deepEqual(readonly.finding.fixes, []);
    assert.match(readonly.finding.message, /an overlay writes `spec\.template\.spec\.containers\[0\]\.securityContext/);
  });

  it('fixes the base where no overlay touches the path, keeping its indentation and comment', () => {
    const sources = twoOverlays();
    const token = all(lintKustomizations(sources)).find(({ finding }) => finding.ruleId === 'kubernetes/sa-token-automount');
    assert.ok(token && token.finding.fixes.length > 0);
    const fixed = applyFix(sources, token.file, token.finding);
    const base = String(fixed.files.get(`${ROOT}/base/deployment.yaml`));
    assert.match(base, /\n            automountServiceAccountToken: false\n/);
    assert.match(base, /# the web server/);
    assert.equal(all(lintKustomizations(fixed)).filter(({ finding }) => finding.ruleId === 'kubernetes/sa-token-automount').length, 0);
  });

  it('applies every offered fix of a build and rebuilds without those findings', () => {
    let sources = sourceSet({ 'app/kustomization.yaml': BASE_KUSTOMIZATION, 'app/deployment.yaml': BASE_DEPLOYMENT });
    const before = all(lintKustomizations(sources)).filter(({ finding }) => finding.fixes.length > 0);
    assert.ok(before.length >= 5, `fixable findings: ${before.map(({ finding }) => finding.ruleId).join(', ')}`);
    for (const { finding } of before) {
      const current = all(lintKustomizations(sources)).find(({ finding: other }) => other.ruleId === finding.ruleId && other.fixes.length > 0);
      if (!current) continue; // an earlier fix (a shared securityContext) cleared it too
      sources = applyFix(sources, current.file, current.finding);
      const after = all(lintKustomizations(sources)).map(({ finding: other }) => other.ruleId);
      assert.ok(!after.includes(finding.ruleId), `${finding.ruleId} is gone after its fix`);
    }
  });

  it('a patch adding a container maps the container findings onto the patch', () => {
    const sources = overlayWorkspace((text) => `${text}        - name: sidecar\n          image: busybox:1.36\n          securityContext:\n            privileged: true\n`);
    const result = lintKustomizations(sources);
    const privileged = all(result).filter(({ finding }) => finding.ruleId === 'kubernetes/no-privileged');
    assert.equal(privileged.length, 1);
    assert.equal(privileged[0].file, `${ROOT}/overlays/prod/security.yaml`);
  });
});
