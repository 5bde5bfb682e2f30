import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../../rules';
import { helmRenderer, lintChart } from '../../../rules/engine';
import { CHART_ROOT, chartSources } from './chart-fixture';

/** Secrets generated at install time by Sprig's random and crypto functions are not secrets written in the chart. */
const GENERATED = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: tls',
  'data:',
  '  tls.key: |',
  '    {{- genPrivateKey "rsa" | nindent 4 }}',
  '  db-password: {{ randAlphaNum 24 | quote }}',
  '',
].join('\n');

const WRITTEN = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: tls',
  'data:',
  '  db-password: "Xq7-plD0rk!mZ2vT"',
  '',
].join('\n');

function secretFindings(template: string) {
  const result = lintChart(chartSources({ 'templates/generated.yaml': template }), CHART_ROOT, { render: helmRenderer(), rules: ALL_RULES });
  return (result.findings.get(`${CHART_ROOT}/templates/generated.yaml`) ?? []).filter((finding) => /secret|credential/.test(finding.ruleId));
}

describe('Helm: values that the renderer generates in place of random ones', () => {
  it('a genPrivateKey / randAlphaNum placeholder in a rendered ConfigMap is not a leaked secret', () => {
    assert.deepEqual(secretFindings(GENERATED).map((finding) => finding.ruleId), []);
  });

  it('a password written in the template still is', () => {
    assert.deepEqual(secretFindings(WRITTEN).map((finding) => finding.ruleId), ['kubernetes/hardcoded-secret']);
  });
});
