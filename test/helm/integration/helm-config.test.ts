import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_RULE_METAS } from '../../../rules';
import { ConfigurationError, parseConfig } from '../../../rules/engine';
import { helmRenderOptions } from '../../../rules/engine/chart/render-options';

const KNOWN = new Set(ALL_RULE_METAS.map((meta) => meta.id));
const parse = (text: string) => parseConfig(text, '/repo/.stridelint.yaml', '/repo', KNOWN);

function configErrors(text: string): string[] {
  try {
    parse(text);
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigurationError);
    return error.errors.map((entry) => `${entry.line}:${entry.column}: ${entry.message}`);
  }
}

describe('.stridelint.yaml helm:', () => {
  it('gives each chart its render options: values files of every matching glob, in order, after values.yaml', () => {
    const config = parse('helm:\n  valuesFiles:\n    "charts/*": [values-prod.yaml, ./ci/lint.yaml]\n    charts/web: [values.yaml, values-web.yaml]\n  releaseName: web\n  namespace: ""\n  kubeVersion: v1.30.0\n  apiVersions: [monitoring.coreos.com/v1]\n');
    assert.deepEqual(helmRenderOptions(config, '/repo/charts/web'), {
      valuesFiles: ['/repo/charts/web/values-prod.yaml', '/repo/charts/web/ci/lint.yaml', '/repo/charts/web/values-web.yaml'],
      releaseName: 'web',
      namespace: '',
      kubeVersion: 'v1.30.0',
      apiVersions: ['monitoring.coreos.com/v1'],
    });
    assert.deepEqual(helmRenderOptions(config, '/repo/other/api').valuesFiles, undefined);
    assert.deepEqual(helmRenderOptions(parse('rules: {}\n'), '/repo/charts/web'), {}, "no helm key: helm template's defaults");
  });

  it('reports mistakes like every other key: the line, the key and what is allowed', () => {
    assert.deepEqual(configErrors('helm:\n  valueFiles: {}\n'), ['2:3: unknown key "valueFiles" under "helm"']);
    assert.deepEqual(configErrors('helm:\n  valuesFiles:\n    web: values-prod.yaml\n'), ['3:5: "helm.valuesFiles.web" must be array']);
    assert.deepEqual(configErrors('helm:\n  kubeVersion: latest\n'), ['2:3: "helm.kubeVersion" must match pattern "^v?[0-9]+\\.[0-9]+(\\.[0-9]+)?([-+].*)?$"']);
    assert.deepEqual(configErrors('helm:\n  releaseName: ""\n'), ['2:3: "helm.releaseName" must NOT have fewer than 1 characters']);
  });
});
