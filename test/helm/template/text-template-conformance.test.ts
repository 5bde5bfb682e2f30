/**
 * Go's own text/template execution table (exec_test.go, 222 rows with JSON data): each row parsed and
 * executed with Go's builtins and the test helpers; output compared byte for byte, and a row Go rejects
 * must throw a TemplateError (nothing else).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FunctionEntry } from '../../../rules/models/helm/functions/types';
import { executeTemplate, GO_BUILTINS, parseTemplates, TemplateSet } from '../../../rules/models/helm/template';
import { type GoValue, TemplateError } from '../../../rules/models/helm/value';
import { SHARED_DIR, SHARED_SKIP_REASON } from '../../helpers/shared';
import { GO_TEST_FUNCS } from './go-test-funcs';

interface Row {
  name: string;
  index: number;
  input: string;
  output: string;
  ok: boolean;
  data: unknown;
  data_go_types?: Record<string, string>;
}

/**
 * Rows that do not pass, each with the reason. The test fails when one of them starts passing (remove it
 * here) or when a row not listed fails.
 */
const EXPECTED_FAILURES = new Map<string, string>([
  ['printf complex', "go-fmt's Sprintf has no complex operand (complex constants exist only for Go's own table)"],
  ['bug16j', "go-fmt's Sprintf has no complex operand (complex constants exist only for Go's own table)"],
  ['map[NO]', 'the data is a map[string]int: index of a missing key is int 0; a GoMap has no element type (Helm maps are map[string]interface{})'],
  ['map[``]', 'the data is a map[string]int: index of a missing key is int 0; a GoMap has no element type (Helm maps are map[string]interface{})'],
]);

/** JSON data as Go values: whole numbers are ints unless the row types that path as float64. */
function toGo(value: unknown, path: string, types: Record<string, string>): GoValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    return Number.isInteger(value) && !(types[path] ?? '').startsWith('float') ? BigInt(value) : value;
  }
  if (Array.isArray(value)) return value.map((element) => toGo(element, `${path}[]`, types));
  const map = new Map<string, GoValue>();
  for (const [key, element] of Object.entries(value as object)) map.set(key, toGo(element, `${path}.${key}`, types));
  return map;
}

const FUNCTIONS = new Map<string, FunctionEntry>([...GO_BUILTINS, ...GO_TEST_FUNCS]);

function run(row: Row): { output?: string; error?: unknown } {
  const set = new TemplateSet(FUNCTIONS);
  const file = `/cases/${row.name}`;
  try {
    parseTemplates(file, row.input, set, row.name);
    const budget = { steps: 100_000, outputChars: 100_000, deadline: Date.now() + 5_000 };
    const data = toGo(row.data, '$', row.data_go_types ?? {});
    return { output: executeTemplate(set, row.name, data, { functions: FUNCTIONS, budget, missingKey: 'default' }).text };
  } catch (error) {
    return { error };
  }
}

function verdict(row: Row): string | undefined {
  const result = run(row);
  if (result.error !== undefined && !(result.error instanceof TemplateError)) return `threw a non-TemplateError: ${String(result.error)}`;
  if (!row.ok) return result.error ? undefined : `should fail, printed ${JSON.stringify(result.output)}`;
  if (result.error) return `failed: ${(result.error as Error).message}`;
  return result.output === row.output ? undefined : `printed ${JSON.stringify(result.output)}, Go prints ${JSON.stringify(row.output)}`;
}

describe('text/template conformance (Go exec_test.go table)', { skip: SHARED_SKIP_REASON }, () => {
  it('passes every row except the listed ones, and at least 98 %', () => {
    const table = JSON.parse(readFileSync(join(SHARED_DIR, 'corpus', 'helm', 'text-template', 'cases.json'), 'utf8')) as { cases: Row[] };
    const rows = table.cases;
    const unexpected: string[] = [];
    const nowPassing: string[] = [];
    let passed = 0;
    for (const row of rows) {
      const problem = verdict(row);
      const key = row.name;
      if (!problem) passed++;
      if (problem && !EXPECTED_FAILURES.has(key)) unexpected.push(`#${row.index} ${key}: ${problem}`);
      if (!problem && EXPECTED_FAILURES.has(key)) nowPassing.push(key);
    }
    assert.deepEqual(unexpected, [], 'rows that fail and are not listed');
    assert.deepEqual(nowPassing, [], 'listed rows that pass now: remove them from EXPECTED_FAILURES');
    assert.equal(rows.length, 222);
    assert.ok(passed / rows.length >= 0.98, `${passed}/${rows.length} pass`);
  });
});
