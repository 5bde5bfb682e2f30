// The language server forgets the engine's remembered values files after a workspace scan (forgetCachedValues):
// until then a values text is parsed once; afterwards it is parsed afresh, so nothing of the scan's charts stays.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forgetCachedValues, loadValuesFileCached, loadYamlCached, valuesYamlDocument } from '../../../rules/models/helm/chart/values-yaml';

describe('forgetCachedValues', () => {
  it('drops remembered values files, YAML files and documents', () => {
    const text = 'image:\n  repository: nginx\n  tag: "1.27"\n';
    const values = loadValuesFileCached(text, '/ws/chart/values.yaml');
    const yaml = loadYamlCached('name: web\nversion: 1.0.0\n', '/ws/chart/Chart.yaml');
    const document = valuesYamlDocument(text);
    assert.equal(loadValuesFileCached(text, '/ws/chart/values.yaml'), values, 'remembered');
    assert.equal(valuesYamlDocument(text), document, 'remembered');
    forgetCachedValues();
    assert.notEqual(loadValuesFileCached(text, '/ws/chart/values.yaml'), values);
    assert.notEqual(loadYamlCached('name: web\nversion: 1.0.0\n', '/ws/chart/Chart.yaml'), yaml);
    assert.notEqual(valuesYamlDocument(text), document);
    assert.deepEqual(loadValuesFileCached(text, '/ws/chart/values.yaml'), values, 'the same values, parsed again');
  });
});
