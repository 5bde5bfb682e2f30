import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, emptyConfig, indexOfTexts, type Finding, type Rule, type Severity, type WorkspaceFacts } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import type { FileKind } from '../../rules/engine/types';

/** The file name a case is linted under when it names none. */
export const DEFAULT_PATHS: Record<FileKind, string> = {
  dockerfile: 'Dockerfile',
  compose: 'compose.yaml',
  daemon: 'daemon.json',
  kubernetes: 'manifest.yaml',
  systemd: 'docker.service.d/override.conf',
  'env-file': 'etc/default/docker',
  audit: 'etc/audit/rules.d/docker.rules',
  dotenv: '.env',
  'docker-config': 'config.json',
};

export interface ValidCase {
  code: string;
  /** Shown as the test name; defaults to the code's first lines. */
  name?: string;
  path?: string;
  options?: Record<string, unknown>;
  workspace?: WorkspaceFacts;
  /** Other files of the workspace (path → text): with them, the case is linted against their facts and its own. */
  files?: Record<string, string>;
  /** Lint as this kind instead of the rule's (a daemon rule on a unit's dockerd flags). */
  kind?: FileKind;
}

export interface ExpectedFinding {
  /** 1-based, as users read them. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message?: string | RegExp;
  severity?: Severity;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** The text after applying the first fix of every finding; `null` when the rule offers no fix here. */
  output?: string | null;
}

function caseName(testCase: ValidCase): string {
  if (testCase.name) return testCase.name;
  const lines = testCase.code.split(/\r?\n/).filter((line) => line.trim() !== '');
  const shown = lines.slice(0, 3).join(' ⏎ ');
  return shown.length > 100 ? `${shown.slice(0, 97)}…` : shown;
}

function run(rule: Rule, testCase: ValidCase, code = testCase.code): Finding[] {
  const config = emptyConfig();
  // No configured severity (which would win over the rule's own per-finding escalation), unless the rule is off by default.
  config.rules[rule.meta.id] = { ...(rule.meta.enabledByDefault === false ? { severity: rule.meta.severity } : {}), options: testCase.options ?? {} };
  const kind = testCase.kind ?? (rule.meta.kind as FileKind);
  const path = testCase.path ?? DEFAULT_PATHS[kind];
  const workspace = testCase.files ? { ...testCase.workspace, index: indexOfTexts({ ...testCase.files, [path]: code }).view() } : testCase.workspace;
  const result = lintFile(code, path, { config, rules: [rule], workspace, kind });
  const broken = result.findings.filter((finding) => finding.ruleId === 'stridelint/internal-error' || finding.ruleId === 'stridelint/parse-error');
  assert.deepEqual(broken.map((finding) => finding.message), [], 'the case must parse and the rule must not throw');
  return result.findings.filter((finding) => finding.ruleId === rule.meta.id);
}

/** Applies the first fix of each finding, as a user accepting every quick fix would (overlaps are a test failure). */
export function applyFirstFixes(code: string, findings: readonly Finding[]): string {
  return applyEdits(code, findings.flatMap((finding) => finding.fixes[0]?.edits ?? []));
}

/**
 * ESLint-RuleTester-style cases that read as examples of the rule: valid code stays quiet, invalid code
 * reports exactly the listed findings, and a fix produces exactly `output`, which re-parses and clears them.
 */
export function testRule(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    for (const testCase of cases.valid) {
      it(`valid: ${caseName(testCase)}`, () => {
        const findings = run(rule, testCase);
        assert.deepEqual(findings.map((finding) => `${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.message}`), []);
      });
    }
    for (const testCase of cases.invalid) {
      it(`invalid: ${caseName(testCase)}`, () => {
        const findings = run(rule, testCase);
        const actual = findings.map((finding) => ({ line: finding.range.start.line + 1, column: finding.range.start.character + 1 }));
        assert.deepEqual(actual, testCase.errors.map((error) => ({ line: error.line, column: error.column })), 'finding positions');
        testCase.errors.forEach((error, index) => {
          const finding = findings[index];
          if (error.endLine !== undefined) assert.equal(finding.range.end.line + 1, error.endLine, 'end line');
          if (error.endColumn !== undefined) assert.equal(finding.range.end.character + 1, error.endColumn, 'end column');
          if (typeof error.message === 'string') assert.equal(finding.message, error.message);
          else if (error.message) assert.match(finding.message, error.message);
          if (error.severity) assert.equal(finding.severity, error.severity, 'severity');
          assert.match(finding.message, /\.$/, 'messages are sentences ending with a period');
        });
        const fixable = findings.some((finding) => finding.fixes.length > 0);
        if (testCase.output === undefined) {
          assert.ok(!fixable, `the rule offers a fix here: give the expected \`output\` (got ${JSON.stringify(applyFirstFixes(testCase.code, findings))})`);
          return;
        }
        if (testCase.output === null) {
          assert.ok(!fixable, 'expected no fix');
          return;
        }
        assert.ok(fixable, 'expected a fix');
        const fixed = applyFirstFixes(testCase.code, findings);
        assert.equal(fixed, testCase.output);
        // Files a fix creates (a default-deny NetworkPolicy) join the workspace, beside the linted file.
        const path = testCase.path ?? DEFAULT_PATHS[testCase.kind ?? (rule.meta.kind as FileKind)];
        const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
        const created = Object.fromEntries(findings.flatMap((finding) => finding.fixes[0]?.newFiles ?? []).map((file) => [folder + file.path, file.text]));
        const after = run(rule, Object.keys(created).length > 0 ? { ...testCase, files: { ...testCase.files, ...created } } : testCase, fixed);
        const fixedCount = findings.filter((finding) => finding.fixes.length > 0).length;
        assert.ok(after.length <= findings.length - fixedCount, `the fix must clear its finding (before ${findings.length}, after ${after.length})`);
      });
    }
  });
}
