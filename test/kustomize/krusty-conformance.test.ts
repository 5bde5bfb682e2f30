import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SHARED_SKIP_REASON } from '../helpers/shared';
import { KRUSTY_EXPECTED_FAILURES } from './krusty-expected-failures';
import { krustyCases, runKrustyCase } from './krusty-cases';

/**
 * `kustomize build` conformance: every case of ../shared/corpus/kustomize/krusty gives kustomize's exact
 * output (or its error), except the listed expected failures, each with its reason. A listed case that
 * passes fails the test too, so the list shrinks as the builder grows.
 */
test('kustomize build conformance (krusty cases)', { skip: SHARED_SKIP_REASON }, () => {
  const cases = krustyCases();
  const unexpected: string[] = [];
  const nowPassing: string[] = [];
  let passed = 0;
  for (const testCase of cases) {
    let failure: string | undefined;
    try {
      failure = runKrustyCase(testCase);
    } catch (error) {
      failure = `threw: ${(error as Error).stack}`;
    }
    if (failure === undefined) passed++;
    const listed = Object.hasOwn(KRUSTY_EXPECTED_FAILURES, testCase.id);
    if (failure !== undefined && !listed) unexpected.push(`${testCase.id}\n${failure}`);
    if (failure === undefined && listed) nowPassing.push(testCase.id);
  }
  const stale = Object.keys(KRUSTY_EXPECTED_FAILURES).filter((id) => !cases.some((c) => c.id === id));
  console.log(`krusty conformance: ${passed}/${cases.length} cases pass (${((100 * passed) / cases.length).toFixed(1)} %), ${Object.keys(KRUSTY_EXPECTED_FAILURES).length} expected failures`);
  assert.deepEqual(stale, [], 'expected failures that are not cases');
  assert.deepEqual(nowPassing, [], 'cases listed as expected failures now pass: remove them from the list');
  assert.equal(unexpected.length, 0, `unexpected failures:\n${unexpected.join('\n=====\n')}`);
});
