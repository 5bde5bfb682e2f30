import { describe, it } from 'node:test';
import { printTemplate } from '../../../rules/models/helm/chart/print';
import { renderChart } from '../../../rules/models/helm/chart/render';
import { splitManifests } from '../../../rules/models/helm/chart/manifests';
import type { ChartRenderResult } from '../../../rules/models/helm/render-result';
import { assertOnlyListedFailures } from './expected-failures';
import { SHARED_SKIP_REASON } from '../../helpers/shared';
import { oracleCases, type OracleCase } from './oracle-cases';

/**
 * Cases that do not match their golden yet, each with the reason. The test fails when one of these passes
 * (take it off the list) or when a case not listed fails.
 */
const YAML_ERROR_TEXT = "the YAML error is found in the same template, but its text is the yaml package's, not go-yaml v2's (\"yaml: line 11: could not find expected ':'\"): emulating go-yaml's parser messages is out of scope";
const EXPECTED_FAILURES: Record<string, string> = {
  'helm-v3__chart-with-template-with-invalid-yaml/template-with-invalid-yaml': YAML_ERROR_TEXT,
  'helm-v3__chart-with-template-with-invalid-yaml/template-with-invalid-yaml-debug': `${YAML_ERROR_TEXT}; with --debug Helm also prints the invalid file`,
  'helm__chart-with-template-with-invalid-yaml/template-with-invalid-yaml': YAML_ERROR_TEXT,
  'helm__chart-with-template-with-invalid-yaml/template-with-invalid-yaml-debug': `${YAML_ERROR_TEXT}; with --debug Helm also prints the invalid file`,
  'helm__chart-with-template-with-invalid-template-expr/template-with-invalid-template-expr-debug-show-only': 'Helm v4 prints exec errors in a new multi-line format (file:line:col, then the cause); the renderer targets v3 messages',
  'helm__issue-9027/issue-9027': 'Helm v4 changed how a null in parent values overrides a subchart default (v4 keeps the subchart\'s key3); the renderer follows v3, whose golden (helm-v3__issue-9027) passes',
};

/** What `helm template` prints: stdout, or `Error: <message>` when it fails (any template failure fails it). */
function helmOutput(result: ChartRenderResult, testCase: OracleCase): { stdout: string; error?: string } {
  const printed = printTemplate(result, testCase.print);
  const problem = result.problems[0];
  return { stdout: printed.stdout, error: result.error ?? problem?.message ?? printed.error };
}

function mismatch(testCase: OracleCase): string | undefined {
  const result = renderChart(testCase.sources, testCase.root, testCase.render);
  const output = helmOutput(result, testCase);
  if (testCase.kind === 'helm-cli-template-golden') {
    const golden = testCase.expected as string;
    if (testCase.expectError) {
      const expectedError = /^Error: (.*)$/m.exec(golden)?.[1];
      if (!output.error) return `expected the error "${expectedError}", rendered without one`;
      return output.error === expectedError ? undefined : `error differs:\n  expected: ${expectedError}\n  actual:   ${output.error}`;
    }
    if (output.error) return `unexpected error: ${output.error}`;
    return output.stdout === golden ? undefined : firstDifference(golden, output.stdout);
  }
  if (output.error) return `unexpected error: ${output.error}`;
  // trivy: the chunks of the manifest (no hooks), by template path, trailing newlines trimmed.
  const chunks = new Map<string, string>();
  const manifestOnly = printTemplate({ ...result, templates: result.templates.filter((template) => !template.hook) }, {}).stdout;
  let count = 0;
  for (const chunk of splitManifests(manifestOnly)) {
    const path = /# Source: [^/]+\/(.+)/.exec(chunk)?.[1];
    if (!path) continue;
    count++;
    chunks.set(path, chunk.replace(/\n+$/, ''));
  }
  const expected = testCase.expected as Map<string, string>;
  if (testCase.expectedManifestCount !== undefined && count !== testCase.expectedManifestCount) return `expected ${testCase.expectedManifestCount} manifests, got ${count}`;
  for (const [path, text] of expected) {
    const actual = chunks.get(path);
    if (actual === undefined) return `no manifest for ${path}`;
    if (actual !== text) return `${path}: ${firstDifference(text, actual)}`;
  }
  return undefined;
}

function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1} differs:\n  expected: ${JSON.stringify(a[i])}\n  actual:   ${JSON.stringify(b[i])}`;
  }
  return 'outputs differ';
}

describe('helm template conformance (../shared/corpus/helm/charts)', { skip: SHARED_SKIP_REASON }, () => {
  it('renders every oracle chart as helm does, except the listed cases', () => {
    const cases = oracleCases();
    assertOnlyListedFailures('helm template conformance', cases, mismatch, EXPECTED_FAILURES);
  });
});
