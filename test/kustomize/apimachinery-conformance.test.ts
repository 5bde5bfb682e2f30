import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SHARED_SKIP_REASON } from '../helpers/shared';
import { apimachineryCases, runApimachineryCase } from './apimachinery-cases';

/**
 * apimachinery strategic merge conformance (../shared/corpus/kustomize/strategicpatch): every two-way and
 * three-way application oracle gives the same result (or the same error), compared as the upstream test
 * does (sorted merge lists, exact JSON, or the JSON-string tables).
 */
test('apimachinery strategic merge patch conformance', { skip: SHARED_SKIP_REASON }, () => {
  const file = apimachineryCases();
  const failures: string[] = [];
  for (const testCase of file.cases) {
    const failure = runApimachineryCase(file, testCase);
    if (failure !== undefined) failures.push(`${testCase.id}\n${failure}`);
  }
  console.log(`apimachinery strategic merge conformance: ${file.cases.length - failures.length}/${file.cases.length} cases pass`);
  assert.equal(failures.length, 0, failures.join('\n=====\n'));
});
