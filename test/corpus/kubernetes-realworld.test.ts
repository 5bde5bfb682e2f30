import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { KUBERNETES_WORKLOAD_RULES } from '../../rules/kubernetes/workloads';
import { applyEdits, lintFile, type Finding } from '../../rules/engine';
import { realworldIndex, realworldPath, SHARED_SKIP_REASON } from '../helpers/shared';

/**
 * Every Kubernetes manifest and Helm template of the realworld corpus: no rule throws, a template costs at most
 * one not-analysed finding, and every fix a workload rule offers re-parses and clears its finding.
 */
describe('kubernetes realworld corpus', { skip: SHARED_SKIP_REASON }, () => {
  it('lints every kubernetes and helm-template file; fixes re-parse and clear their findings', () => {
    const files = realworldIndex().filter((file) => file.kind === 'kubernetes' || file.kind === 'helm-template');
    assert.ok(files.length > 1000, 'the corpus is there');
    const perRule = new Map<string, number>();
    const problems: string[] = [];
    let fixes = 0;
    let analysedFiles = 0;
    let lintMs = 0;
    const started = performance.now();
    for (const file of files) {
      const text = readFileSync(realworldPath(file), 'utf8');
      const before = performance.now();
      const result = lintFile(text, file.path, { kind: 'kubernetes' });
      lintMs += performance.now() - before;
      const engine = result.findings.filter((finding) => finding.ruleId === 'stridelint/internal-error');
      if (engine.length > 0) problems.push(`${file.path}: ${engine.map((finding) => finding.message).join('; ')}`);
      const notAnalysed = result.findings.filter((finding) => finding.ruleId === 'stridelint/not-analysed').length;
      if (notAnalysed > 1) problems.push(`${file.path}: ${notAnalysed} not-analysed findings`);
      if (result.findings.some((finding) => finding.ruleId.startsWith('kubernetes/'))) analysedFiles++;
      for (const finding of result.findings) perRule.set(finding.ruleId, (perRule.get(finding.ruleId) ?? 0) + 1);
      for (const finding of result.findings) {
        const rule = KUBERNETES_WORKLOAD_RULES.find((candidate) => candidate.meta.id === finding.ruleId);
        if (!rule) continue;
        for (const fix of finding.fixes) {
          fixes++;
          const problem = checkFix(text, file.path, result.findings, finding, fix.edits, rule);
          if (problem) problems.push(`${file.path}:${finding.range.start.line + 1} ${finding.ruleId} "${fix.title}": ${problem}`);
        }
      }
    }
    const total = performance.now() - started;
    const rows = [...perRule.entries()].sort((a, b) => b[1] - a[1]).map(([id, count]) => `  ${String(count).padStart(6)}  ${id}`);
    console.log(`kubernetes realworld: ${files.length} files (${analysedFiles} with workload findings), lint ${lintMs.toFixed(0)} ms, with ${fixes} fixes checked ${total.toFixed(0)} ms\n${rows.join('\n')}`);
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
  });
});

function checkFix(text: string, path: string, before: readonly Finding[], finding: Finding, edits: Finding['fixes'][number]['edits'], rule: (typeof KUBERNETES_WORKLOAD_RULES)[number]): string | undefined {
  const after = lintFile(applyEdits(text, edits), path, { kind: 'kubernetes', rules: [rule] }).findings;
  const broken = (entry: Finding) => entry.ruleId === 'stridelint/parse-error' || entry.ruleId === 'stridelint/internal-error';
  const brokenAfter = after.filter(broken);
  if (brokenAfter.length > before.filter(broken).length) return `the fixed text does not parse (${brokenAfter[0].message})`;
  const same = (entry: Finding) => entry.ruleId === finding.ruleId && entry.message === finding.message;
  return after.filter(same).length < before.filter(same).length ? undefined : 'the finding is still there after the fix';
}
