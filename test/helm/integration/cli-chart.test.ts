import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyUnitFixes } from '../../../rules/engine/units/unit-fixes';
import type { Finding } from '../../../rules/engine/types';
import { run, workspace } from '../../helpers/cli';
import { CHART_ROOT, chartSources } from './chart-fixture';

/** The fixture chart written to a temporary folder; returns the folder holding `web/`. */
function writeChart(overrides: Record<string, string> = {}, extra: Record<string, string> = {}): string {
  return workspace({ ...Object.fromEntries([...chartSources(overrides).files].map(([path, text]) => [`web${path.slice(CHART_ROOT.length)}`, String(text)])), ...extra });
}

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  message: string;
  related?: Array<{ path: string; line: number; message: string }>;
  fixes: Array<{ title: string; safe: boolean; edits: Array<{ path?: string; line: number; newText: string }> }>;
}

function jsonFindings(cwd: string, args: string[] = []): JsonFinding[] {
  const result = run(['--format', 'json', ...args, '.'], cwd);
  assert.equal(result.stderr, '');
  return (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
}

const CONTAINER_RULES = ['kubernetes/allow-privilege-escalation', 'kubernetes/capabilities-drop-all', 'kubernetes/readonly-root-filesystem', 'kubernetes/run-as-non-root'];

describe('stridelint on a Helm chart (issue 14: securityContext: {} consumed by toYaml)', () => {
  it('reports the container findings on the template line, related to the values line, and on values.yaml', () => {
    const cwd = writeChart();
    const findings = jsonFindings(cwd);
    assert.deepEqual(findings.filter((finding) => finding.path.endsWith('.yaml') && finding.ruleId === 'stridelint/not-analysed'), [], 'the chart renders');
    for (const ruleId of CONTAINER_RULES) {
      const onTemplate = findings.find((finding) => finding.ruleId === ruleId && finding.path === 'web/templates/deployment.yaml');
      assert.ok(onTemplate, `${ruleId} on the template`);
      assert.equal(onTemplate.line, 11, `${ruleId}: the container's line (- name: web)`);
      assert.match(onTemplate.message, /with the chart's default values/);
      assert.deepEqual(onTemplate.related?.map((entry) => [entry.path, entry.line]), [['web/values.yaml', 5]]);
      assert.ok(onTemplate.fixes.some((fix) => fix.edits.every((edit) => edit.path === 'web/values.yaml')), `${ruleId}: a fix in values.yaml`);
      assert.ok(findings.some((finding) => finding.ruleId === ruleId && finding.path === 'web/values.yaml' && finding.line === 5), `${ruleId} on values.yaml`);
    }
  });

  it('the quick fixes add the keys under securityContext in values.yaml; the chart then renders and those findings are gone', () => {
    const cwd = writeChart();
    const findings = jsonFindings(cwd).filter((finding) => CONTAINER_RULES.includes(finding.ruleId) && finding.path === 'web/templates/deployment.yaml');
    // Apply each finding's values.yaml fix, as a user picking the quick fixes one by one would.
    for (let pass = 0; pass < 10; pass++) {
      const current = runFindings(cwd).filter((finding) => CONTAINER_RULES.includes(finding.ruleId));
      if (current.length === 0) break;
      const valuesFixes = new Map([[join(cwd, 'web/templates/deployment.yaml'), current.map((finding) => ({ ...finding, fixes: finding.fixes.filter((fix) => fix.edits.every((edit) => edit.path?.endsWith('values.yaml'))).map((fix) => ({ ...fix, safe: true })) }))]]);
      for (const [file, text] of applyUnitFixes(valuesFixes, (file) => readFileSync(file, 'utf8'))) writeFileSync(file, text);
    }
    assert.equal(findings.length, CONTAINER_RULES.length);
    const values = readFileSync(join(cwd, 'web/values.yaml'), 'utf8');
    assert.match(values, /^# Container security settings, written as they are under the container\nsecurityContext: \{.*runAsNonRoot: true.*\}$/m);
    assert.match(values, /^# Image of the web container\nimage: web:2\.1$/m, 'comments and other keys kept');
    const after = jsonFindings(cwd);
    assert.deepEqual(after.filter((finding) => CONTAINER_RULES.includes(finding.ruleId) || finding.ruleId === 'stridelint/not-analysed'), []);
  });

  it('--fix applies a safe fix in values.yaml and re-renders: the finding is gone', () => {
    const cwd = writeChart({
      'values.yaml': 'image: web:2.1\nsecurityContext:\n  seccompProfile:\n    type: Unconfined # temporary\n',
    });
    assert.ok(jsonFindings(cwd).some((finding) => finding.ruleId === 'kubernetes/seccomp-unconfined' && finding.path === 'web/templates/deployment.yaml'));
    run(['--fix', '.'], cwd);
    assert.equal(readFileSync(join(cwd, 'web/values.yaml'), 'utf8'), 'image: web:2.1\nsecurityContext:\n  seccompProfile:\n    type: RuntimeDefault # temporary\n');
    assert.deepEqual(jsonFindings(cwd).filter((finding) => finding.ruleId === 'kubernetes/seccomp-unconfined' || finding.ruleId === 'stridelint/not-analysed'), []);
  });

  it('text and SARIF output carry the related values line', () => {
    const cwd = writeChart();
    const text = run(['.'], cwd).stdout;
    assert.match(text, /web\/templates\/deployment\.yaml:11:\d+ warning .*run-as-non-root\)\n {4}see also web\/values\.yaml:5:\d+ Set it under `securityContext` in values\.yaml\./);
    const sarif = JSON.parse(run(['--format', 'sarif', '.'], cwd).stdout) as { runs: Array<{ results: Array<{ ruleId: string; relatedLocations?: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    const result = sarif.runs[0].results.find((entry) => entry.ruleId === 'kubernetes/run-as-non-root' && entry.relatedLocations);
    assert.deepEqual(result?.relatedLocations?.map((entry) => [entry.physicalLocation.artifactLocation.uri, entry.physicalLocation.region.startLine]), [['web/values.yaml', 5]]);
  });

  it('a template the chart cannot render gets one not-analysed finding with the reason; the others are linted', () => {
    const cwd = writeChart({ 'templates/secret.yaml': 'apiVersion: v1\nkind: Secret\n{{ required "set .Values.password" .Values.password }}\n' });
    const findings = jsonFindings(cwd);
    const problems = findings.filter((finding) => finding.path === 'web/templates/secret.yaml');
    assert.deepEqual(problems.map((finding) => [finding.ruleId, finding.line]), [['stridelint/not-analysed', 3]]);
    assert.match(problems[0].message, /set \.Values\.password/);
    assert.ok(findings.some((finding) => finding.ruleId === 'kubernetes/run-as-non-root'));
  });

  it('a template outside any chart keeps today\'s behaviour: one not-analysed finding', () => {
    const cwd = writeChart({}, { 'loose/deploy.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    {{- include "web.labels" . | nindent 4 }}\n' });
    const loose = jsonFindings(cwd).filter((finding) => finding.path === 'loose/deploy.yaml');
    assert.deepEqual(loose.map((finding) => finding.ruleId), ['stridelint/not-analysed']);
  });

  it('.stridelint.yaml helm.valuesFiles applies a values file after values.yaml, named in the messages', () => {
    const cwd = writeChart({ 'values-prod.yaml': 'securityContext:\n  runAsNonRoot: true\n' }, { '.stridelint.yaml': 'helm:\n  valuesFiles:\n    web: [values-prod.yaml]\n' });
    const findings = jsonFindings(cwd);
    assert.equal(findings.filter((finding) => finding.ruleId === 'kubernetes/run-as-non-root').length, 0, 'values-prod.yaml sets runAsNonRoot');
    assert.match(findings.find((finding) => finding.ruleId === 'kubernetes/readonly-root-filesystem')!.message, /with values from values\.yaml, values-prod\.yaml/);
  });
});

/** The findings of the chart as the engine returns them (absolute paths), for applying fixes. */
function runFindings(cwd: string): Finding[] {
  const result = run(['--format', 'json', '.'], cwd);
  const findings = (JSON.parse(result.stdout) as { findings: Array<JsonFinding & { column: number; endLine: number; endColumn: number; stride: Finding['stride']; severity: Finding['severity']; kind: Finding['kind'] }> }).findings;
  return findings
    .filter((finding) => finding.path === 'web/templates/deployment.yaml')
    .map((finding) => ({
      ruleId: finding.ruleId,
      kind: finding.kind,
      stride: finding.stride,
      severity: finding.severity,
      message: finding.message,
      range: { start: { line: finding.line - 1, character: finding.column - 1 }, end: { line: finding.endLine - 1, character: finding.endColumn - 1 } },
      fixes: finding.fixes.map((fix) => ({
        title: fix.title,
        safe: fix.safe,
        edits: fix.edits.map((edit) => {
          const full = edit as typeof edit & { column: number; endLine: number; endColumn: number };
          return { path: join(cwd, edit.path ?? finding.path), range: { start: { line: edit.line - 1, character: full.column - 1 }, end: { line: full.endLine - 1, character: full.endColumn - 1 } }, newText: edit.newText };
        }),
      })),
    }));
}
