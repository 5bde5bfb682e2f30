import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildKustomization } from '../../rules/models/kustomize/build';
import { SHARED_DIR } from '../helpers/shared';

/** One `kustomize build` oracle from ../shared/corpus/kustomize/krusty/cases.json (see its README). */
export interface KrustyCase {
  id: string;
  buildDir: string;
  files: Record<string, string | { base64: string }>;
  options: { reorder: 'none' | 'legacy' | 'unspecified'; addManagedbyLabel: boolean; loadRestrictions: string };
  expect:
    | { kind: 'output'; output: string }
    | { kind: 'error' | 'asYamlError'; checks: { type: 'contains' | 'equals' | 'regexp' | 'predicate' | 'any'; value?: string }[] };
}

export function krustyCases(): KrustyCase[] {
  return (JSON.parse(readFileSync(join(SHARED_DIR, 'corpus', 'kustomize', 'krusty', 'cases.json'), 'utf8')) as { cases: KrustyCase[] }).cases;
}

/** Runs one case; undefined when the build matches the oracle, else what differed. */
export function runKrustyCase(testCase: KrustyCase): string | undefined {
  const files = new Map<string, string | Uint8Array>();
  for (const [path, content] of Object.entries(testCase.files)) files.set(path, typeof content === 'string' ? content : Buffer.from(content.base64, 'base64'));
  const result = buildKustomization({ files }, testCase.buildDir, {
    reorder: testCase.options.reorder === 'none' ? 'none' : 'legacy',
    loadRestrictions: testCase.options.loadRestrictions === 'LoadRestrictionsNone' ? 'none' : 'rootOnly',
    managedByVersion: testCase.options.addManagedbyLabel ? '(test)' : undefined,
  });
  const problem = result.problems[0];
  if (problem?.reason === 'internal-error') return `internal error: ${problem.message}`;
  const expect = testCase.expect;
  if (expect.kind === 'output') {
    if (problem) return `failed: ${problem.reason}: ${problem.message}`;
    return result.output.text === expect.output ? undefined : `output differs:\n--- expected\n${expect.output}\n--- actual\n${result.output.text}`;
  }
  if (!problem) return `built, but kustomize fails (${JSON.stringify(expect.checks)})`;
  for (const check of expect.checks) {
    const value = check.value ?? '';
    const ok =
      check.type === 'any' ? true
      : check.type === 'contains' ? problem.message.includes(value)
      : check.type === 'equals' ? problem.message === value
      : check.type === 'regexp' ? new RegExp(value).test(problem.message)
      : value === 'IsMissingKustomizationFileError' ? problem.reason === 'missing-kustomization'
      : value === 'kusterr.IsMalformedYAMLError' ? problem.reason === 'malformed-yaml'
      : false;
    if (!ok) return `error differs: expected ${check.type} ${JSON.stringify(value)}, got ${problem.reason}: ${problem.message}`;
  }
  return undefined;
}
