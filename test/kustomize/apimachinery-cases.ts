import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyStrategicMergePatch, NO_SCHEMA, type Json, type PatchMeta, type PatchSchema } from '../../rules/models/kustomize/apimachinery-merge';
import { SHARED_DIR } from '../helpers/shared';
import { canonical } from './merge-cases';

interface FieldTag {
  json: string;
  goType: string;
  patchStrategy: string | null;
  patchMergeKey: string | null;
}

/** One apimachinery strategic merge oracle (../shared/corpus/kustomize/strategicpatch/cases.json). */
export interface ApimachineryCase {
  id: string;
  original: Json;
  patch: Json;
  result?: Json;
  expectedErrorContains?: string;
  schema: string;
  compare: 'sorted-merge-lists' | 'exact-json' | 'exact-bytes';
  originalJson?: string;
  patchJson?: string;
  resultJson?: string;
}

interface CaseFile {
  schemas: Record<string, { fields: FieldTag[] }>;
  cases: ApimachineryCase[];
}

export function apimachineryCases(): CaseFile {
  return JSON.parse(readFileSync(join(SHARED_DIR, 'corpus', 'kustomize', 'strategicpatch', 'cases.json'), 'utf8')) as CaseFile;
}

/** The Go struct tags of a test type as a patch schema (element types followed through `[]` and `*`). */
export function structSchema(schemas: CaseFile['schemas'], name: string): PatchSchema {
  const type = schemas[name];
  if (!type) return NO_SCHEMA;
  return {
    field(key: string): PatchMeta {
      const tag = type.fields.find((f) => f.json === key);
      if (!tag) return { strategies: [], mergeKey: '', schema: NO_SCHEMA };
      return { strategies: (tag.patchStrategy ?? '').split(',').filter(Boolean), mergeKey: tag.patchMergeKey ?? '', schema: structSchema(schemas, tag.goType.replace(/^\[\]|^\*/, '')) };
    },
  };
}

/** apimachinery's sortMergeListsByName, used by its YAML-table tests on both sides. */
function sortMergeLists(value: Json, schema: PatchSchema): Json {
  if (Array.isArray(value) || value === null || typeof value !== 'object') return value;
  const out: Record<string, Json> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === '$retainKeys' || key.startsWith('$deleteFromPrimitiveList/')) out[key] = Array.isArray(item) ? [...item].sort(compare) : item;
    else if (key.startsWith('$setElementOrder/')) out[key] = item;
    else if (Array.isArray(item)) {
      const meta = schema.field(key);
      const elements = item.map((element) => sortMergeLists(element, meta.schema));
      if (!meta.strategies.includes('merge')) out[key] = elements;
      else if (meta.mergeKey && elements.every((e) => e !== null && typeof e === 'object' && !Array.isArray(e))) out[key] = [...elements].sort((a, b) => compare((a as Record<string, Json>)[meta.mergeKey], (b as Record<string, Json>)[meta.mergeKey]));
      else out[key] = [...new Set(elements.map((e) => JSON.stringify(e)))].map((e) => JSON.parse(e) as Json).sort(compare);
    } else out[key] = sortMergeLists(item, schema.field(key).schema);
  }
  return out;
}

function compare(a: Json | undefined, b: Json | undefined): number {
  const x = JSON.stringify(a ?? null);
  const y = JSON.stringify(b ?? null);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Runs one case; undefined when the result (or error) matches. */
export function runApimachineryCase(file: CaseFile, testCase: ApimachineryCase): string | undefined {
  const schema = structSchema(file.schemas, testCase.schema);
  const bytes = testCase.compare === 'exact-bytes';
  const sorted = testCase.compare === 'sorted-merge-lists';
  const prepare = (value: Json | undefined) => (sorted ? sortMergeLists(value ?? null, schema) : value ?? null);
  const original = prepare(bytes && testCase.originalJson ? JSON.parse(testCase.originalJson) : testCase.original);
  const patch = prepare(bytes && testCase.patchJson ? JSON.parse(testCase.patchJson) : testCase.patch);
  let result: Json;
  try {
    result = applyStrategicMergePatch(original as Record<string, Json> | null, (patch ?? {}) as Record<string, Json>, schema);
  } catch (error) {
    if (testCase.expectedErrorContains !== undefined) return (error as Error).message.includes(testCase.expectedErrorContains) || testCase.expectedErrorContains === '' ? undefined : `error ${(error as Error).message}, expected ${testCase.expectedErrorContains}`;
    return `threw ${(error as Error).message}`;
  }
  if (testCase.expectedErrorContains !== undefined) return `expected an error containing "${testCase.expectedErrorContains}", got ${JSON.stringify(result)}`;
  const expected = prepare(bytes && testCase.resultJson ? JSON.parse(testCase.resultJson) : testCase.result ?? {});
  const actual = sorted ? sortMergeLists(result, schema) : result;
  const a = JSON.stringify(canonical(actual));
  const e = JSON.stringify(canonical(expected));
  return a === e ? undefined : `expected ${e}\n  actual ${a}`;
}
