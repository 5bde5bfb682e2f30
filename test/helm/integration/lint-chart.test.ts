import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../../rules';
import { applyUnitFixes } from '../../../rules/engine/units/unit-fixes';
import { lintChart, type ChartRenderer } from '../../../rules/engine/chart/lint-chart';
import type { Finding } from '../../../rules/engine/types';
import type { SourceSet } from '../../../rules/models/helm/source-map';
import { CHART_ROOT, chartSources } from './chart-fixture';
import { scriptedRender } from './scripted-renderer';

const TEMPLATE = `${CHART_ROOT}/templates/deployment.yaml`;
const VALUES = `${CHART_ROOT}/values.yaml`;
const HELPERS = `${CHART_ROOT}/templates/_helpers.tpl`;

function lint(sources: SourceSet, render: ChartRenderer = scriptedRender) {
  return lintChart(sources, CHART_ROOT, { render, rules: ALL_RULES });
}

function byRule(findings: readonly Finding[] | undefined, ruleId: string): Finding | undefined {
  return findings?.find((finding) => finding.ruleId === ruleId);
}

function lineOf(sources: SourceSet, file: string, needle: string): number {
  return String(sources.files.get(file)).split('\n').findIndex((line) => line.includes(needle));
}

/** The fixture chart with its Deployment template edited (each pair: text to find, its replacement). */
function withDeployment(replacements: Array<[string, string]>, files: Record<string, string> = {}): SourceSet {
  const template = String(chartSources().files.get(TEMPLATE));
  return chartSources({ ...files, 'templates/deployment.yaml': replacements.reduce((text, [from, to]) => text.replace(from, to), template) });
}

/** Applies every fix of one finding (the editor's quick fix) to the sources. */
function applyFix(sources: SourceSet, file: string, finding: Finding, fixIndex = 0): SourceSet {
  const changed = applyUnitFixes(new Map([[file, [{ ...finding, fixes: [{ ...finding.fixes[fixIndex], safe: true }] }]]]), (path) => sources.files.get(path) as string);
  return { files: new Map([...sources.files, ...changed]) };
}

describe('lintChart: findings mapped back onto the chart', () => {
  const sources = chartSources();
  const result = lint(sources);

  it('puts a container finding on the template line that wrote the container, related to the values line', () => {
    const finding = byRule(result.findings.get(TEMPLATE), 'kubernetes/run-as-non-root');
    assert.ok(finding, 'run-as-non-root reported on the template');
    assert.equal(finding.range.start.line, lineOf(sources, TEMPLATE, '- name: web'));
    assert.match(finding.message, /with the chart's default values\)\.$/);
    const related = finding.related?.find((entry) => entry.path === VALUES);
    assert.ok(related, 'related to values.yaml');
    assert.equal(related.range.start.line, lineOf(sources, VALUES, 'securityContext: {}'));
    assert.match(related.message, /`securityContext` in values\.yaml/);
  });

  it("without fixes (a workspace scan): the same findings with no fixes, the values line a fix decides included", () => {
    const eager = lint(sources);
    const none = lintChart(sources, CHART_ROOT, { render: scriptedRender, rules: ALL_RULES, fixes: 'none' });
    const stripped = [...eager.findings].map(([file, list]) => [file, list.map((finding) => ({ ...finding, fixes: [] }))]);
    assert.ok([...eager.findings.values()].flat().some((finding) => finding.fixes.length > 0), 'the fixture has fixes to leave out');
    assert.deepEqual([...none.findings], stripped);
    const finding = byRule(none.findings.get(TEMPLATE), 'kubernetes/run-as-non-root');
    assert.match(finding?.related?.find((entry) => entry.path === VALUES)?.message ?? '', /^Set it under `securityContext` in values\.yaml/);
  });

  it('shows the same finding on the values line, pointing back at the template', () => {
    const finding = byRule(result.findings.get(VALUES), 'kubernetes/run-as-non-root');
    assert.ok(finding);
    assert.equal(finding.range.start.line, lineOf(sources, VALUES, 'securityContext: {}'));
    assert.equal(finding.related?.[0].path, TEMPLATE);
  });

  it('keeps the rendered snippet that was judged (for the hover)', () => {
    const finding = byRule(result.findings.get(TEMPLATE), 'kubernetes/run-as-non-root');
    assert.match(String(finding?.data?.renderedSnippet), /- name: web\n\s+image: web:2\.1\n/);
    assert.equal(finding?.data?.helmTemplate, 'web/templates/deployment.yaml');
  });

  it('offers a fix that adds the key under securityContext in values.yaml, comments kept', () => {
    const finding = byRule(result.findings.get(TEMPLATE), 'kubernetes/run-as-non-root');
    const fix = finding?.fixes[0];
    assert.ok(fix);
    assert.deepEqual(fix.edits.map((edit) => edit.path), [VALUES]);
    const fixed = applyFix(sources, TEMPLATE, finding!);
    assert.equal(fixed.files.get(VALUES), String(sources.files.get(VALUES)).replace('securityContext: {}', 'securityContext: {runAsNonRoot: true}'));
  });

  it('every fix offered, applied and re-rendered, leaves a chart that renders and clears its finding', () => {
    let checked = 0;
    for (const [file, findings] of result.findings) {
      for (const finding of findings) {
        finding.fixes.forEach((_, index) => {
          const fixed = applyFix(sources, file, finding, index);
          const again = lint(fixed);
          const rendered = scriptedRender(fixed, CHART_ROOT);
          assert.equal(rendered.problems.length, 0);
          const still = [...again.findings.values()].flat().filter((other) => other.ruleId === finding.ruleId && other.message === finding.message);
          assert.equal(still.length, 0, `${finding.ruleId} fix #${index} (${finding.fixes[index].title}) cleared its finding`);
          checked++;
        });
      }
    }
    assert.ok(checked >= 8, `fixes checked: ${checked}`);
  });

  it('a literal template value: finding and fix on the template text', () => {
    const withHostNetwork = withDeployment([['    spec:\n', '    spec:\n      hostPID: true\n']]);
    const linted = lint(withHostNetwork);
    const finding = byRule(linted.findings.get(TEMPLATE), 'kubernetes/no-host-pid');
    assert.ok(finding);
    assert.equal(finding.range.start.line, lineOf(withHostNetwork, TEMPLATE, 'hostPID: true'));
    assert.equal(finding.related, undefined);
    assert.ok(finding.fixes.length > 0 && finding.fixes.every((fix) => fix.edits.every((edit) => edit.path === TEMPLATE)));
    const fixed = applyFix(withHostNetwork, TEMPLATE, finding);
    assert.equal(byRule(lint(fixed).findings.get(TEMPLATE), 'kubernetes/no-host-pid'), undefined);
  });

  it('text written by an included helper: on the include call site, the helper line as related information', () => {
    const withHelper = withDeployment(
      [['    spec:\n', '    spec:\n      {{ include "web.hostNetwork" . }}\n'], ['    {{ include "web.labels" . }}', '    app: web']],
      { 'templates/_helpers.tpl': '{{- define "web.hostNetwork" -}}\nhostNetwork: true\n{{- end -}}\n' },
    );
    const finding = byRule(lint(withHelper).findings.get(TEMPLATE), 'kubernetes/no-host-network');
    assert.ok(finding);
    assert.equal(finding.range.start.line, lineOf(withHelper, TEMPLATE, 'include "web.hostNetwork"'));
    const helper = finding.related?.find((entry) => entry.path === HELPERS);
    assert.equal(helper?.range.start.line, lineOf(withHelper, HELPERS, 'hostNetwork: true'));
    assert.deepEqual(finding.fixes, [], 'no fix: the text is a helper shared by other templates');
  });

  it('a value printed from values.yaml: related to that value, the fix edits it there', () => {
    const withValue = withDeployment(
      [['          securityContext:\n', '          securityContext:\n            seccompProfile:\n              type: {{ .Values.seccomp }}\n'], ['            {{- toYaml .Values.securityContext | nindent 12 }}\n', '']],
      { 'values.yaml': 'image: web:2.1\nseccomp: Unconfined\nsecurityContext: {}\n' },
    );
    const finding = byRule(lint(withValue).findings.get(TEMPLATE), 'kubernetes/seccomp-unconfined');
    assert.ok(finding);
    assert.equal(finding.range.start.line, lineOf(withValue, TEMPLATE, '{{ .Values.seccomp }}'));
    assert.equal(finding.related?.[0].range.start.line, lineOf(withValue, VALUES, 'seccomp: Unconfined'));
    assert.equal(finding.fixes[0].safe, true);
    const fixed = applyFix(withValue, TEMPLATE, finding);
    assert.equal(fixed.files.get(VALUES), 'image: web:2.1\nseccomp: RuntimeDefault\nsecurityContext: {}\n');
    assert.equal(byRule(lint(fixed).findings.get(TEMPLATE), 'kubernetes/seccomp-unconfined'), undefined);
  });

  it('a key inside a values collection: related to that exact key', () => {
    const privileged = chartSources({ 'values.yaml': 'image: web:2.1\nsecurityContext:\n  runAsNonRoot: true\n  privileged: true\n' });
    const finding = byRule(lint(privileged).findings.get(TEMPLATE), 'kubernetes/no-privileged');
    assert.ok(finding);
    assert.equal(finding.related?.find((entry) => entry.path === VALUES)?.range.start.line, lineOf(privileged, VALUES, 'privileged: true'));
    const fixed = applyFix(privileged, TEMPLATE, finding);
    assert.equal(byRule(lint(fixed).findings.get(TEMPLATE), 'kubernetes/no-privileged'), undefined);
    assert.equal(fixed.files.get(VALUES), 'image: web:2.1\nsecurityContext:\n  runAsNonRoot: true\n');
  });
});

describe('lintChart: what could not be analysed', () => {
  it('each render problem is one not-analysed finding where it happened; other templates are still linted', () => {
    const sources = chartSources({ 'templates/secret.yaml': 'apiVersion: v1\nkind: Secret\n{{ fail "set a password" }}\n' });
    const result = lint(sources);
    const problems = result.findings.get(`${CHART_ROOT}/templates/secret.yaml`) ?? [];
    assert.deepEqual(problems.map((finding) => [finding.ruleId, finding.range.start.line]), [['stridelint/not-analysed', 2]]);
    assert.match(problems[0].message, /^Not analysed: the template calls `fail` \(.*set a password\)\.$/);
    assert.ok(byRule(result.findings.get(TEMPLATE), 'kubernetes/run-as-non-root'));
  });

  it('a problem inside a helper is reported on the template it stopped, the helper line related', () => {
    const inHelper: ChartRenderer = (sources, root, options) => {
      const result = scriptedRender(sources, root, options);
      const location = { file: HELPERS, start: 4, end: 4 };
      return { ...result, templates: [], problems: [{ reason: 'exec-error', message: 'nil pointer evaluating interface {}.name', location, template: TEMPLATE }] };
    };
    const findings = lint(chartSources(), inHelper).findings;
    assert.equal(findings.get(HELPERS), undefined);
    const finding = findings.get(TEMPLATE)?.[0];
    assert.equal(finding?.ruleId, 'stridelint/not-analysed');
    assert.match(finding!.message, /^Not analysed: the template fails to render \(nil pointer/);
    assert.deepEqual(finding!.related?.map((entry) => [entry.path, entry.range.start.line]), [[HELPERS, 0]]);
  });

  it('rendered output that is not YAML is not analysed, with the reason, on the template', () => {
    const sources = chartSources({ 'templates/broken.yaml': 'kind: ConfigMap\ndata: {{ .Values.image }}: [\n' });
    const findings = lint(sources).findings.get(`${CHART_ROOT}/templates/broken.yaml`) ?? [];
    assert.equal(findings.length, 1);
    assert.equal(findings[0].ruleId, 'stridelint/not-analysed');
    assert.match(findings[0].message, /rendered output of web\/templates\/broken\.yaml is not valid YAML/);
  });

  it('a renderer that throws gives one internal-error finding on Chart.yaml, never an exception', () => {
    const result = lint(chartSources(), () => {
      throw new Error('boom');
    });
    const findings = result.findings.get(`${CHART_ROOT}/Chart.yaml`) ?? [];
    assert.deepEqual(findings.map((finding) => finding.ruleId), ['stridelint/internal-error']);
    assert.match(findings[0].message, /boom/);
  });

  it('messages name the configured values files', () => {
    const sources = chartSources({ 'values-prod.yaml': 'image: web:2.2\n' });
    const result = lintChart(sources, CHART_ROOT, { render: scriptedRender, rules: ALL_RULES, renderOptions: { valuesFiles: [`${CHART_ROOT}/values-prod.yaml`] } });
    const finding = byRule(result.findings.get(TEMPLATE), 'kubernetes/run-as-non-root');
    assert.match(finding!.message, /\(with values from values\.yaml, values-prod\.yaml\)\.$/);
  });
});
