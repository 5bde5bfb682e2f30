import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { run, workspace } from '../../helpers/cli';
import { CHART_ROOT, chartSources } from './chart-fixture';

/** The fixture chart written to a temporary folder; returns the folder holding `web/`. */
function writeChart(overrides: Record<string, string> = {}): string {
  return workspace(Object.fromEntries([...chartSources(overrides).files].map(([path, text]) => [`web${path.slice(CHART_ROOT.length)}`, String(text)])));
}

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  related?: Array<{ path: string; line: number }>;
  fixes: Array<{ safe: boolean; edits: Array<{ path?: string }> }>;
}

function jsonFindings(cwd: string): JsonFinding[] {
  const result = run(['--format', 'json', '.'], cwd);
  assert.equal(result.stderr, '');
  return (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
}

const CONTAINER_RULES = ['kubernetes/allow-privilege-escalation', 'kubernetes/capabilities-drop-all', 'kubernetes/readonly-root-filesystem', 'kubernetes/run-as-non-root'];

/** The fixture's Deployment with everything but the container's securityContext settled in the template text. */
const SETTLED_DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  '  namespace: web',
  'spec:',
  '  template:',
  '    spec:',
  '      serviceAccountName: web',
  '      automountServiceAccountToken: false',
  '      securityContext:',
  '        seccompProfile:',
  '          type: RuntimeDefault',
  '      containers:',
  '        - name: web',
  '          image: {{ .Values.image }}',
  '          resources:',
  '            requests: {cpu: 100m, memory: 64Mi}',
  '            limits: {cpu: 500m, memory: 128Mi}',
  '          securityContext:',
  '            {{- toYaml .Values.securityContext | nindent 12 }}',
  '',
].join('\n');

describe('stridelint --fix on a Helm chart (issue 14: securityContext: {} consumed by toYaml)', () => {
  it('--fix-suggestions adds the keys under securityContext in values.yaml only; the chart renders and a second run has none of those findings', () => {
    const cwd = writeChart({ 'templates/deployment.yaml': SETTLED_DEPLOYMENT });
    const before = jsonFindings(cwd);
    for (const ruleId of CONTAINER_RULES) {
      const onTemplate = before.find((finding) => finding.ruleId === ruleId && finding.path === 'web/templates/deployment.yaml');
      assert.ok(onTemplate, `${ruleId} on the template`);
      assert.equal(onTemplate.line, 15, `${ruleId}: the container's line (- name: web)`);
      assert.deepEqual(onTemplate.related?.map((entry) => [entry.path, entry.line]), [['web/values.yaml', 5]]);
      assert.ok(onTemplate.fixes.length > 0 && onTemplate.fixes.every((fix) => !fix.safe), `${ruleId}: a suggestion, not a safe fix`);
    }
    const fixed = run(['--fix', '--fix-suggestions', '.'], cwd);
    assert.equal(fixed.stderr, '');
    assert.equal(readFileSync(join(cwd, 'web/templates/deployment.yaml'), 'utf8'), SETTLED_DEPLOYMENT, 'the template is not touched');
    const values = readFileSync(join(cwd, 'web/values.yaml'), 'utf8');
    assert.deepEqual(parseDocument(values).errors, []);
    assert.match(values, /^# Image of the web container\nimage: web:2\.1\n\n# Container security settings, written as they are under the container\nsecurityContext: \{.+\}\n$/, 'comments, blank lines and other keys kept');
    assert.deepEqual(parseDocument(values).toJS().securityContext, { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true });
    const after = jsonFindings(cwd);
    assert.deepEqual(after.filter((finding) => CONTAINER_RULES.includes(finding.ruleId) || finding.ruleId === 'stridelint/not-analysed'), [], 'renders; the findings are gone');
    assert.equal(run(['render', 'web'], cwd).code, 0, 'stridelint render renders it');
  });

  it('plain --fix leaves the suggestions, and its summary says how many remain and which option applies them', () => {
    const cwd = writeChart({ 'templates/deployment.yaml': SETTLED_DEPLOYMENT });
    const values = readFileSync(join(cwd, 'web/values.yaml'), 'utf8');
    const fixed = run(['--fix', '.'], cwd);
    assert.equal(readFileSync(join(cwd, 'web/values.yaml'), 'utf8'), values, 'suggestions are not applied');
    // Four findings, each shown on the template and on values.yaml, counted once.
    assert.match(fixed.stdout, /\n4 findings have a suggested fix that --fix does not apply \(it changes runtime behaviour\); --fix-suggestions applies them\.\n$/);
    assert.doesNotMatch(run(['.'], cwd).stdout, /--fix-suggestions/, 'said only after --fix');
    assert.doesNotMatch(run(['--fix-suggestions', '.'], cwd).stdout, /suggested fix/, 'nothing left to suggest');
  });

  it('--fix-suggestions also edits template text where the template wrote the setting', () => {
    const cwd = writeChart();
    run(['--fix-suggestions', '.'], cwd);
    const template = readFileSync(join(cwd, 'web/templates/deployment.yaml'), 'utf8');
    assert.match(template, /^ {12}\{\{- toYaml \.Values\.securityContext \| nindent 12 \}\}\n {10}resources:\n {12}limits:\n {14}memory: /m);
    const after = jsonFindings(cwd);
    assert.deepEqual(after.filter((finding) => ['kubernetes/memory-limit', 'kubernetes/sa-token-automount', 'stridelint/not-analysed', ...CONTAINER_RULES].includes(finding.ruleId)), []);
  });

  it('several fixes into one values.yaml in one run (two containers, overlapping spans) leave it valid, comments kept', () => {
    const cwd = writeChart({
      'values.yaml': [
        '# web',
        'web:',
        '  securityContext: {} # to be set',
        '# sidecar',
        'sidecar:',
        '  securityContext:',
        '    # keep me',
        '    runAsUser: 1000',
        '',
      ].join('\n'),
      'templates/deployment.yaml': SETTLED_DEPLOYMENT.replace('.Values.securityContext', '.Values.web.securityContext').replace(
        /( {12}limits: .*\n)/,
        '$1          securityContext:\n            {{- toYaml .Values.web.securityContext | nindent 12 }}\n        - name: sidecar\n          image: sidecar:1\n          resources:\n            requests: {cpu: 10m, memory: 8Mi}\n            limits: {cpu: 50m, memory: 16Mi}\n',
      ).replace(/ {10}securityContext:\n {12}\{\{- toYaml \.Values\.web\.securityContext \| nindent 12 \}\}\n$/, '          securityContext:\n            {{- toYaml .Values.sidecar.securityContext | nindent 12 }}\n'),
    });
    const template = readFileSync(join(cwd, 'web/templates/deployment.yaml'), 'utf8');
    assert.match(template, /name: sidecar[^]*\.Values\.sidecar\.securityContext/, 'the fixture has both containers');
    const before = jsonFindings(cwd).filter((finding) => CONTAINER_RULES.includes(finding.ruleId) && finding.path === 'web/templates/deployment.yaml');
    assert.equal(before.length, 8, 'four findings per container');
    run(['--fix-suggestions', '.'], cwd);
    assert.equal(readFileSync(join(cwd, 'web/templates/deployment.yaml'), 'utf8'), template);
    const values = readFileSync(join(cwd, 'web/values.yaml'), 'utf8');
    assert.deepEqual(parseDocument(values).errors, []);
    for (const comment of ['# web', '# to be set', '# sidecar', '# keep me']) assert.ok(values.includes(comment), `${comment} kept`);
    const parsed = parseDocument(values).toJS() as Record<string, { securityContext: Record<string, unknown> }>;
    assert.equal(parsed.sidecar.securityContext.runAsUser, 1000);
    assert.deepEqual(jsonFindings(cwd).filter((finding) => CONTAINER_RULES.includes(finding.ruleId) || finding.ruleId === 'stridelint/not-analysed'), []);
  });

  it('a fix pass whose fixes together would break the render is taken one fix at a time, and stops before breaking it', () => {
    const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  securityContext:\n    {{- toYaml .Values.${name} | nindent 4 }}\n  containers:\n    - name: ${name}\n      image: ${name}:1\n`;
    const values = 'a:\n  seccompProfile:\n    type: Unconfined\nb:\n  seccompProfile:\n    type: Unconfined\n';
    const cwd = writeChart({
      'values.yaml': values,
      'templates/deployment.yaml': pod('a'),
      'templates/pod-b.yaml': pod('b'),
      // Each safe fix alone renders; both together make this template fail.
      'templates/guard.yaml': '{{- if and (eq .Values.a.seccompProfile.type "RuntimeDefault") (eq .Values.b.seccompProfile.type "RuntimeDefault") }}{{ fail "a and b may not both be RuntimeDefault" }}{{ end }}\n',
    });
    assert.equal(jsonFindings(cwd).filter((finding) => finding.ruleId === 'kubernetes/seccomp-unconfined' && !finding.path.endsWith('values.yaml')).length, 2);
    run(['--fix', '.'], cwd);
    const fixed = parseDocument(readFileSync(join(cwd, 'web/values.yaml'), 'utf8')).toJS() as Record<string, { seccompProfile: { type: string } }>;
    assert.deepEqual([fixed.a.seccompProfile.type, fixed.b.seccompProfile.type].sort(), ['RuntimeDefault', 'Unconfined'], 'one fix applied, the other left');
    const after = jsonFindings(cwd);
    assert.deepEqual(after.filter((finding) => finding.ruleId === 'stridelint/not-analysed'), [], 'the chart still renders');
    assert.equal(after.filter((finding) => finding.ruleId === 'kubernetes/seccomp-unconfined' && !finding.path.endsWith('values.yaml')).length, 1);
  });
});
