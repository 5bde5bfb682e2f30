import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { applyEdits, type Finding } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { realworldIndex, realworldPath, SHARED_AVAILABLE, SHARED_SKIP_REASON } from '../helpers/shared';

/**
 * Every compose file of the real-world corpus lints without an internal error, and every fix offered there
 * re-parses and clears its finding. Prints the findings per rule (the figure the compose issue asks for).
 */
describe('compose rules on the real-world corpus', { skip: SHARED_SKIP_REASON }, () => {
  const files = SHARED_AVAILABLE ? realworldIndex().filter((file) => file.kind === 'compose') : [];

  it('has compose files to lint', () => {
    assert.ok(files.length > 300, `expected the corpus's compose files, found ${files.length}`);
  });

  it('lints every compose file without internal errors; every fix re-parses and clears its finding', () => {
    const perRule = new Map<string, number>();
    const failures: string[] = [];
    let fixes = 0;
    for (const file of files) {
      const text = readFileSync(realworldPath(file), 'utf8');
      const result = lintFile(text, file.path, { kind: 'compose' });
      for (const finding of result.findings) {
        perRule.set(finding.ruleId, (perRule.get(finding.ruleId) ?? 0) + 1);
        if (finding.ruleId === 'stridelint/internal-error') failures.push(`${file.path}: ${finding.message}`);
      }
      // Re-lint once per rule with all that rule's first fixes applied (as fix-all for one rule would).
      const byRule = new Map<string, Finding[]>();
      for (const finding of result.findings) if (finding.fixes.length > 0) byRule.set(finding.ruleId, [...(byRule.get(finding.ruleId) ?? []), finding]);
      for (const [ruleId, fixable] of byRule) {
        fixes += fixable.length;
        const fixed = applyEdits(text, fixable.map((finding) => finding.fixes[0].edits).flat());
        const after = lintFile(fixed, file.path, { kind: 'compose' }).findings;
        const broken = after.filter((finding) => finding.ruleId.startsWith('stridelint/') && (finding.ruleId.endsWith('parse-error') || finding.ruleId.endsWith('internal-error')));
        if (broken.length > 0) failures.push(`${file.path}: fixing ${ruleId} breaks the file: ${broken[0].message}`);
        const before = result.findings.filter((finding) => finding.ruleId === ruleId).length;
        const remaining = after.filter((finding) => finding.ruleId === ruleId).length;
        if (remaining > before - fixable.length) failures.push(`${file.path}: fixing ${ruleId} leaves ${remaining} of ${before} findings`);
      }
    }
    const table = [...perRule.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, count]) => `  ${id.padEnd(36)} ${count}`);
    console.log(`compose realworld: ${files.length} files, ${fixes} fixes checked\n${table.join('\n')}`);
    assert.deepEqual(failures, []);
  });
});
