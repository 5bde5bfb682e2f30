import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { applyFixes, selectFixes } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { KUBERNETES_CONTROL_PLANE_RULES } from '../../rules/kubernetes/control-plane';
import { REPO_ROOT } from '../helpers/shared';

const FOLDER = join(REPO_ROOT, 'examples', 'kubernetes', 'control-plane');

function yamlFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** The kubeadm-style example node: every control-plane rule trips on it, and fix-all leaves valid, quieter files. */
describe('examples/kubernetes/control-plane', () => {
  const files = yamlFiles(FOLDER).map((path) => ({ path: relative(REPO_ROOT, path), text: readFileSync(path, 'utf8') }));

  it('trips every control-plane rule that is on by default', () => {
    const reported = new Set(files.flatMap((file) => lintFile(file.text, file.path).findings.map((finding) => finding.ruleId)));
    const expected = KUBERNETES_CONTROL_PLANE_RULES.filter((rule) => rule.meta.enabledByDefault !== false).map((rule) => rule.meta.id);
    assert.deepEqual(expected.filter((id) => !reported.has(id)), []);
  });

  for (const file of files) {
    it(`${file.path}: safe fixes re-parse and only remove findings`, () => {
      const before = lintFile(file.text, file.path).findings;
      const fixed = applyFixes(file.text, selectFixes(file.text, before, { safeOnly: true }));
      const after = lintFile(fixed, file.path).findings;
      assert.deepEqual(after.filter((finding) => finding.ruleId.startsWith('stridelint/')).map((finding) => finding.message), []);
      assert.ok(after.length < before.length || before.every((finding) => !finding.fixes.some((fix) => fix.safe)), `${before.length} findings before, ${after.length} after`);
    });
  }
});
