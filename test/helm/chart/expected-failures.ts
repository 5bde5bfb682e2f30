import assert from 'node:assert/strict';

/**
 * Runs oracle cases against an explicit list of expected failures: fails when a listed case passes (take it off
 * the list) or an unlisted one fails, and prints the counts.
 */
export function assertOnlyListedFailures<T extends { id: string }>(label: string, cases: T[], mismatch: (testCase: T) => string | undefined, expectedFailures: Record<string, string>): void {
  const unexpected: string[] = [];
  const fixed: string[] = [];
  let passed = 0;
  for (const testCase of cases) {
    let problem: string | undefined;
    try {
      problem = mismatch(testCase);
    } catch (error) {
      problem = `threw: ${(error as Error).stack}`;
    }
    if (!problem) passed++;
    if (problem && !(testCase.id in expectedFailures)) unexpected.push(`${testCase.id}: ${problem}`);
    if (!problem && testCase.id in expectedFailures) fixed.push(testCase.id);
  }
  console.log(`${label}: ${passed}/${cases.length} pass, ${Object.keys(expectedFailures).length} listed as expected failures`);
  assert.deepEqual(fixed, [], 'listed as failing but pass now: take them off the list');
  assert.deepEqual(unexpected, [], 'fail but are not listed');
}
