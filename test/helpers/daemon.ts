import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTree, type ParseError } from 'jsonc-parser';
import { applyEdits, emptyConfig, type Finding, type Rule, type WorkspaceFacts } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { validate } from '../../rules/schemas/generated/daemon.validator';
import { testRule, type InvalidCase, type ValidCase } from './rule-tester';

/** The number of schema errors in a daemon.json text (0 for valid); throws when the text is not JSON. */
export function schemaErrorCount(text: string): number {
  if (text.trim() === '') return 0;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  assert.deepEqual(errors, [], `not valid JSON:\n${text}`);
  const value = JSON.parse(text) as unknown;
  assert.ok(root);
  return validate(value) ? 0 : ((validate as unknown as { errors?: unknown[] }).errors ?? []).length;
}

export function lintDaemon(rule: Rule, code: string, path = 'daemon.json', options: Record<string, unknown> = {}, workspace?: WorkspaceFacts): Finding[] {
  const config = emptyConfig();
  config.rules[rule.meta.id] = { severity: rule.meta.severity, options };
  return lintFile(code, path, { config, rules: [rule], kind: 'daemon', workspace }).findings.filter((finding) => finding.ruleId === rule.meta.id);
}

/**
 * Applies every fix of every finding on its own and checks that the result is JSON, is no worse against
 * the schema (and schema-valid when the input was), and clears the finding it was offered for. `curated`
 * inputs (test cases) hold at most one schema error, the one a fix is for: their fixed text must pass.
 */
export function assertFixesSound(rule: Rule, code: string, path = 'daemon.json', options: Record<string, unknown> = {}, curated = false, workspace?: WorkspaceFacts): number {
  const findings = lintDaemon(rule, code, path, options, workspace);
  const schemaBefore = schemaErrorCount(code);
  let applied = 0;
  for (const finding of findings) {
    for (const fix of finding.fixes) {
      const fixed = applyEdits(code, fix.edits);
      const label = `${rule.meta.id} "${fix.title}" on:\n${code}\ngave:\n${fixed}`;
      const schemaAfter = schemaErrorCount(fixed);
      // A valid file stays valid; a test case has at most the one schema error its fix is for, so it then passes.
      if (schemaBefore === 0 || (curated && schemaBefore === 1)) assert.equal(schemaAfter, 0, `the fixed file does not pass the schema: ${label}`);
      else assert.ok(schemaAfter <= schemaBefore, `the fix added schema errors: ${label}`);
      const after = lintDaemon(rule, fixed, path, options, workspace);
      assert.ok(after.length < findings.length, `the fix did not clear its finding: ${label}`);
      applied++;
    }
  }
  return applied;
}

/**
 * RuleTester cases for a daemon rule, plus two checks RuleTester cannot make: the severity of each finding
 * as users see it (RuleTester configures the rule, and configured severities win over a rule's own
 * escalation), and the soundness of every fix offered on each invalid case.
 */
export function testDaemonRule(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  testRule(rule, { valid: cases.valid, invalid: cases.invalid.map((testCase) => ({ ...testCase, errors: testCase.errors.map(({ severity: _severity, ...error }) => error) })) });
  describe(`${rule.meta.id}: default severities`, () => {
    for (const testCase of cases.invalid.filter((candidate) => candidate.errors.some((error) => error.severity))) {
      it(testCase.name ?? testCase.code.slice(0, 60), () => {
        // Options, but no severity: the rule's own severity and escalations apply, as for a user.
        const config = emptyConfig();
        config.rules[rule.meta.id] = { options: testCase.options ?? {} };
        const findings = lintFile(testCase.code, testCase.path ?? 'daemon.json', { kind: 'daemon', rules: [rule], config, workspace: testCase.workspace }).findings.filter((finding) => finding.ruleId === rule.meta.id);
        testCase.errors.forEach((error, index) => {
          if (error.severity) assert.equal(findings[index]?.severity, error.severity, `severity of finding ${index + 1}`);
        });
      });
    }
  });
  describe(`${rule.meta.id}: every fix is sound`, () => {
    // Examples written as a unit or environment file are daemon views, not daemon.json: their fixes are tested with them.
    const examples = rule.meta.examples.invalid.filter((example) => example.path === undefined || /\.json$/i.test(example.path));
    const inputs: ValidCase[] = [...cases.invalid, ...examples.map((example) => ({ code: example.code, path: example.path, workspace: example.workspace }))];
    inputs.forEach((input, index) => {
      it(`invalid input ${index + 1} of ${inputs.length}`, () => {
        assertFixesSound(rule, input.code, input.path, input.options, true, input.workspace);
      });
    });
  });
}
