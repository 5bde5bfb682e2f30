import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules';
import { applyEdits, type Finding } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { realworldIndex, realworldPath, SHARED_SKIP_REASON } from '../helpers/shared';

const BROKEN = new Set(['stridelint/internal-error', 'stridelint/parse-error']);

/**
 * Every Dockerfile of the real-world corpus lints without an internal error, and every fix offered on it
 * (safe or suggested) yields text that lints cleanly again with fewer findings of that rule.
 */
describe('real-world Dockerfiles', { skip: SHARED_SKIP_REASON }, () => {
  it('lint without internal errors, and every fix re-parses and clears its finding', () => {
    const files = realworldIndex().filter((file) => file.kind === 'dockerfile');
    assert.ok(files.length > 0, 'the corpus lists Dockerfiles');
    const texts = files.map((file) => readFileSync(realworldPath(file), 'utf8'));
    // First pass: the engine alone, timed.
    const started = performance.now();
    const results = texts.map((text) => lintFile(text, 'Dockerfile', { kind: 'dockerfile' }).findings);
    const elapsed = performance.now() - started;
    let findingCount = 0;
    let fixCount = 0;
    const failures: string[] = [];
    files.forEach((file, index) => {
      const findings = results[index];
      findingCount += findings.length;
      for (const finding of findings.filter((candidate) => BROKEN.has(candidate.ruleId))) failures.push(`${file.path}: ${finding.message}`);
      for (const finding of findings) {
        for (const fix of finding.fixes) {
          fixCount++;
          const before = findings.filter((candidate) => candidate.ruleId === finding.ruleId).length;
          const problem = checkFix(texts[index], finding, fix.edits, before);
          if (problem) failures.push(`${file.path}:${finding.range.start.line + 1} ${finding.ruleId} "${fix.title}": ${problem}`);
        }
      }
    });
    console.log(`real-world Dockerfiles: ${files.length} files, ${findingCount} findings, ${fixCount} fixes checked; engine time ${elapsed.toFixed(0)} ms`);
    assert.deepEqual(failures, []);
  });
});

function checkFix(text: string, finding: Finding, edits: Finding['fixes'][number]['edits'], before: number): string | undefined {
  const rule = ALL_RULES.find((candidate) => candidate.meta.id === finding.ruleId);
  if (!rule) return undefined; // engine findings (unused suppressions) are covered by the engine tests
  const lintWith = (code: string) => lintFile(code, 'Dockerfile', { kind: 'dockerfile', rules: [rule] }).findings;
  const fixed = applyEdits(text, edits);
  if (fixed === text) return 'the fix changes nothing';
  const after = lintWith(fixed);
  const broken = after.filter((candidate) => BROKEN.has(candidate.ruleId));
  if (broken.length > 0) return `the fixed text does not lint cleanly (${broken[0].message})`;
  const remaining = after.filter((candidate) => candidate.ruleId === rule.meta.id).length;
  return remaining < before ? undefined : `the finding is not cleared (${before} before, ${remaining} after)`;
}
