import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { KUBERNETES_WORKLOAD_RULES } from '../../rules/kubernetes/workloads';
import { applyEdits, type Finding } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
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
      for (const rule of KUBERNETES_WORKLOAD_RULES) {
        const fixable = result.findings.filter((finding) => finding.ruleId === rule.meta.id && finding.fixes.length > 0);
        if (fixable.length === 0) continue;
        fixes += fixable.reduce((sum, finding) => sum + finding.fixes.length, 0);
        for (const problem of checkFixes(text, file.path, result.findings, fixable, rule)) problems.push(`${file.path}: ${problem}`);
      }
    }
    const total = performance.now() - started;
    const rows = [...perRule.entries()].sort((a, b) => b[1] - a[1]).map(([id, count]) => `  ${String(count).padStart(6)}  ${id}`);
    console.log(`kubernetes realworld: ${files.length} files (${analysedFiles} with workload findings), lint ${lintMs.toFixed(0)} ms, with ${fixes} fixes checked ${total.toFixed(0)} ms\n${rows.join('\n')}`);
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
  });
});

type WorkloadRule = (typeof KUBERNETES_WORKLOAD_RULES)[number];
type Edits = Finding['fixes'][number]['edits'];

/** Re-lints `text` with `edits` applied: undefined when it parses and `clears` holds, else what went wrong. */
function checkEdits(text: string, path: string, before: readonly Finding[], rule: WorkloadRule, edits: Edits, clears: (after: Finding[], mine: Finding[]) => boolean): string | undefined {
  const after = lintFile(applyEdits(text, edits), path, { kind: 'kubernetes', rules: [rule] }).findings;
  const broken = (entry: Finding) => entry.ruleId === 'stridelint/parse-error' || entry.ruleId === 'stridelint/internal-error';
  const brokenAfter = after.filter(broken);
  if (brokenAfter.length > before.filter(broken).length) return `the fixed text does not parse (${brokenAfter[0].message})`;
  const mine = (entry: Finding) => entry.ruleId === rule.meta.id;
  return clears(after.filter(mine), before.filter(mine)) ? undefined : 'the finding is still there after the fix';
}

function overlapping(edits: Edits): boolean {
  const spans = edits.map((edit) => [edit.range.start.line * 1e6 + edit.range.start.character, edit.range.end.line * 1e6 + edit.range.end.character]).sort((a, b) => a[0] - b[0]);
  return spans.some((span, index) => index > 0 && span[0] <= spans[index - 1][1]);
}

/**
 * Every fix a rule offers in one file must re-parse and clear its finding. The first fixes of all findings are
 * applied together (one re-lint, as a user accepting each would); alternatives (pod-level fixes) are checked one
 * by one, once per distinct edit; when the batch fails, each first fix is checked alone to name the culprit.
 */
function checkFixes(text: string, path: string, before: readonly Finding[], fixable: Finding[], rule: WorkloadRule): string[] {
  const problems: string[] = [];
  const single = (finding: Finding, fix: Finding['fixes'][number]) => {
    const problem = checkEdits(text, path, before, rule, fix.edits, (after, mine) => after.filter((entry) => entry.message === finding.message).length < mine.filter((entry) => entry.message === finding.message).length);
    if (problem) problems.push(`${finding.range.start.line + 1} ${finding.ruleId} "${fix.title}": ${problem}`);
  };
  const firsts = fixable.flatMap((finding) => finding.fixes[0].edits);
  const batch = overlapping(firsts) ? 'overlap' : checkEdits(text, path, before, rule, firsts, (after, mine) => after.length <= mine.length - fixable.length);
  if (batch) for (const finding of fixable) single(finding, finding.fixes[0]);
  const seen = new Set<string>();
  for (const finding of fixable) {
    for (const fix of finding.fixes.slice(1)) {
      const key = JSON.stringify(fix.edits);
      if (seen.has(key)) continue;
      seen.add(key);
      single(finding, fix);
    }
  }
  return problems;
}
