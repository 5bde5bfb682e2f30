import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { mergeSchemaFor } from '../../rules/models/kustomize/merge-keys';
import { parseDocuments } from '../../rules/models/kustomize/parse';
import { strategicMerge } from '../../rules/models/kustomize/strategic-merge';
import { getString, toPlain } from '../../rules/models/kustomize/tree';
import { SHARED_DIR } from '../helpers/shared';

/** One kyaml merge oracle (../shared/corpus/kustomize/merge2/cases.json). */
export interface Merge2Case {
  id: string;
  suite: 'merge2.MergeStrings' | 'merge2.Merge' | 'patchstrategicmerge.Filter';
  dest?: string;
  source?: string;
  input?: string;
  patch?: string;
  infer: boolean;
  mergeOptions: { listIncreaseDirection: string };
  expected: string;
  compare: string;
}

export function merge2Cases(): Merge2Case[] {
  return (JSON.parse(readFileSync(join(SHARED_DIR, 'corpus', 'kustomize', 'merge2', 'cases.json'), 'utf8')) as { cases: Merge2Case[] }).cases;
}

/** Runs one case, comparing data (map order ignored, list order kept); undefined when it matches. */
export function runMerge2Case(testCase: Merge2Case): string | undefined {
  const destText = testCase.dest ?? testCase.input ?? '';
  const patchText = testCase.source ?? testCase.patch ?? '';
  const [dest] = parseDocuments(destText, '/dest.yaml');
  const [patch] = parseDocuments(patchText, '/patch.yaml');
  const typed = [dest, patch].find((node) => node?.kind === 'map' && getString(node, 'kind') !== undefined);
  const schema = typed ? mergeSchemaFor(getString(typed, 'apiVersion'), getString(typed, 'kind')) : undefined;
  const merged = strategicMerge(dest, patch, { prepend: testCase.mergeOptions.listIncreaseDirection === 'MergeOptionsListPrepend', schema, infer: testCase.infer });
  const actual = merged === undefined ? null : toPlain(merged);
  const expected = parse(testCase.expected) ?? null;
  const same = JSON.stringify(canonical(actual)) === JSON.stringify(canonical(expected));
  return same ? undefined : `expected ${JSON.stringify(expected)}\n  actual ${JSON.stringify(actual)}`;
}

/** Maps with sorted keys (order of lists kept). */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  return value;
}
