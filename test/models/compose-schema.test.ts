import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ours from '../../rules/schemas/compose.schema.json';
import { SHARED_AVAILABLE, SHARED_DIR, SHARED_SKIP_REASON } from '../helpers/shared';

type Schema = { [key: string]: unknown };

function resolve(root: Schema, node: unknown): Schema | undefined {
  let current = node as Schema | undefined;
  for (let hops = 0; hops < 10 && current && typeof current.$ref === 'string'; hops++) {
    current = (current.$ref as string).replace(/^#\//, '').split('/').reduce<unknown>((at, segment) => (at as Schema | undefined)?.[segment], root) as Schema | undefined;
  }
  return current;
}

/** The object schemas a schema can take (through oneOf/anyOf/allOf), references resolved. */
function objectBranches(root: Schema, node: unknown, depth = 0): Schema[] {
  const schema = resolve(root, node);
  if (!schema || depth > 8) return [];
  const nested = ['oneOf', 'anyOf', 'allOf'].flatMap((key) => ((schema[key] as unknown[]) ?? []).flatMap((branch) => objectBranches(root, branch, depth + 1)));
  return schema.properties || schema.patternProperties || schema.additionalProperties !== undefined ? [schema, ...nested] : nested;
}

/** Whether our schema at this place accepts the key (named, by pattern, or open). */
function accepts(schemas: Schema[], key: string): boolean {
  if (schemas.length === 0) return true; // ours leaves the value open here
  return schemas.some((schema) => {
    if ((schema.properties as Schema | undefined)?.[key] !== undefined) return true;
    if (Object.keys((schema.patternProperties as Schema | undefined) ?? {}).some((pattern) => new RegExp(pattern).test(key))) return true;
    return schema.additionalProperties !== false;
  });
}

/** Our raw (resolved) schemas for a key under the given object schemas. */
function property(root: Schema, schemas: Schema[], key: string): Schema[] {
  return schemas.flatMap((schema) => {
    const named = (schema.properties as Schema | undefined)?.[key];
    const value = named !== undefined ? named : typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    const resolved = resolve(root, value);
    return resolved ? [resolved] : [];
  });
}

function itemBranches(root: Schema, schemas: Schema[]): Schema[] {
  return schemas.flatMap((schema) => (schema.items ? objectBranches(root, schema.items) : []));
}

describe('rules/schemas/compose.schema.json', { skip: SHARED_SKIP_REASON }, () => {
  it('accepts every key the upstream compose-spec schema defines, at every level', () => {
    const upstream = SHARED_AVAILABLE ? (JSON.parse(readFileSync(join(SHARED_DIR, 'schemas', 'compose-spec.json'), 'utf8')) as Schema) : {};
    const mine = ours as unknown as Schema;
    const missing: string[] = [];
    let checked = 0;
    const walk = (theirs: Schema[], ourSchemas: Schema[], path: string, depth: number): void => {
      if (depth > 8) return;
      for (const schema of theirs) {
        const entries: Array<[string, unknown]> = Object.entries((schema.properties as Schema | undefined) ?? {});
        for (const [key, value] of entries) {
          checked++;
          if (!accepts(ourSchemas, key)) {
            missing.push(`${path}.${key}`);
            continue;
          }
          const theirsRaw = [resolve(upstream, value), ...objectBranches(upstream, value)].filter((entry): entry is Schema => entry !== undefined);
          const oursRaw = property(mine, ourSchemas, key);
          const oursAll = [...oursRaw, ...oursRaw.flatMap((entry) => objectBranches(mine, entry))];
          walk(objectBranches(upstream, value), oursRaw.flatMap((entry) => objectBranches(mine, entry)), `${path}.${key}`, depth + 1);
          walk(itemBranches(upstream, theirsRaw), itemBranches(mine, oursAll), `${path}.${key}[]`, depth + 1);
        }
        const mapValues = [schema.additionalProperties, ...Object.entries((schema.patternProperties as Schema) ?? {}).filter(([pattern]) => pattern !== '^x-').map(([, value]) => value)];
        for (const value of mapValues) {
          if (!value || typeof value !== 'object') continue;
          const oursMap = ourSchemas.flatMap((ourSchema) => (typeof ourSchema.additionalProperties === 'object' ? objectBranches(mine, ourSchema.additionalProperties) : []));
          walk(objectBranches(upstream, value), oursMap, `${path}.*`, depth + 1);
        }
      }
    };
    walk(objectBranches(upstream, upstream), objectBranches(mine, mine), '', 0);
    assert.ok(checked > 150, `only ${checked} upstream keys walked: the walk is broken`);
    assert.deepEqual(missing, [], 'upstream keys our schema would report as unknown');
  });
});
