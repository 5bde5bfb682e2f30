import assert from 'node:assert/strict';
import { it } from 'node:test';
import { type Rule } from '../../../../rules/engine';
import { lintFile } from '../../../../rules/registry-lint';

/**
 * The rule tester configures each rule's severity, and configuration wins over a finding's own escalation;
 * this checks the per-finding severities a user with no configuration sees.
 */
export function itReportsSeverities(rule: Rule, name: string, code: string, expected: Array<[line: number, severity: string]>): void {
  it(`severity: ${name}`, () => {
    const findings = lintFile(code, 'manifest.yaml', { kind: 'kubernetes', rules: [rule] }).findings.filter((finding) => finding.ruleId === rule.meta.id);
    assert.deepEqual(findings.map((finding) => [finding.range.start.line + 1, finding.severity]), expected);
  });
}
