import type { Document, Node, Pair } from 'yaml';
import { isMap, isScalar, isSeq } from './yaml-nodes';
import type { Span } from '../engine/types';
import { closest } from '../engine/config';
import { validate } from '../schemas/generated/compose.validator';
import schema from '../schemas/compose.schema.json';
import { deref, MAX_DEPTH, textOf, type ComposeValue } from './compose-values';

/**
 * Schema problems of a compose file, computed once per file by the model: keys our schema
 * (`rules/schemas/compose.schema.json`) does not know, and the compose loader's consistency errors.
 */
export interface SchemaIssue {
  type: 'unknown-key' | 'invalid-type' | 'conflict';
  span: Span;
  message: string;
}

interface ServiceLike {
  name: string;
  keySpan: Span;
  get(...path: string[]): ComposeValue | undefined;
}

interface AjvError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
}

/** Alias expansion is bounded: a file needing more than this many alias expansions is not schema-checked. */
const MAX_ALIAS_COUNT = 200;

export function validateCompose(document: Document, services: readonly ServiceLike[]): SchemaIssue[] {
  return [...unknownKeys(document), ...conflicts(services)];
}

function unknownKeys(document: Document): SchemaIssue[] {
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return []; // an alias bomb or an odd document: leave it to the rules, which never expand aliases
  }
  if (validate(data)) return [];
  const all = (validate as unknown as { errors?: AjvError[] }).errors ?? [];
  const errors = all.filter((error) => error.keyword === 'additionalProperties');
  const issues = new Map<number, SchemaIssue>();
  // Type errors outside the short/long alternatives (anyOf) name one value each.
  for (const error of all.filter((candidate) => candidate.keyword === 'type' && !candidate.schemaPath.includes('anyOf'))) {
    const node = nodeAt(document, error.instancePath);
    if (!node?.range || issues.has(node.range[0])) continue;
    const expected = ([] as string[]).concat(error.params.type as string | string[]).filter((type) => type !== 'null');
    const actual = isScalar(node) ? typeof node.value : isSeq(node) ? 'list' : isMap(node) ? 'mapping' : 'value';
    const hint = actual === 'number' && expected.includes('string') ? ' (quote it)' : '';
    issues.set(node.range[0], {
      type: 'invalid-type',
      span: { start: node.range[0], end: node.range[1] },
      message: `${pathText(error.instancePath)} must be a ${expected.map((type) => (type === 'array' ? 'list' : type === 'object' ? 'mapping' : type)).join(' or ')}, not a ${actual}${hint}; docker compose rejects the file.`,
    });
  }
  for (const error of errors) {
    const key = String(error.params.additionalProperty);
    const pair = pairAt(document, error.instancePath, key);
    const keyNode = pair?.key as Node | undefined;
    if (!keyNode?.range || issues.has(keyNode.range[0])) continue;
    const known = allowedKeys(error.schemaPath);
    const suggestion = closest(key, known.filter((candidate) => candidate !== key));
    const where = error.instancePath === '' ? 'at the top level' : `in ${pathText(error.instancePath)}`;
    issues.set(keyNode.range[0], {
      type: 'unknown-key',
      span: { start: keyNode.range[0], end: keyNode.range[1] },
      message: `Unknown key "${key}" ${where}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; compose rejects the file, or the setting silently does nothing.`,
    });
  }
  return [...issues.values()];
}

function pathText(pointer: string): string {
  return pointer.slice(1).split('/').map(unescape).join('.');
}

/** The value node at a JSON pointer (aliases and merges walked as toJS did). */
function nodeAt(document: Document, pointer: string): Node | undefined {
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map(unescape);
  const key = segments.pop();
  if (key === undefined) return undefined;
  let parent = deref(document, document.contents);
  for (const segment of segments) parent = isSeq(parent) ? deref(document, parent.items[Number(segment)]) : isMap(parent) ? deref(document, findMerged(document, parent, segment, 0)?.value) : undefined;
  if (isSeq(parent)) return deref(document, parent.items[Number(key)]);
  return isMap(parent) ? deref(document, findMerged(document, parent, key, 0)?.value) : undefined;
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The pair `key` inside the node at a JSON pointer, walking aliases and `<<` merges as toJS did. */
function pairAt(document: Document, pointer: string, key: string): Pair | undefined {
  let node = deref(document, document.contents);
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map(unescape);
  for (const segment of segments) {
    if (isSeq(node)) {
      node = deref(document, node.items[Number(segment)]);
      continue;
    }
    if (!isMap(node)) return undefined;
    node = deref(document, findMerged(document, node, segment, 0)?.value);
  }
  return isMap(node) ? findMerged(document, node, key, 0) : undefined;
}

function findMerged(document: Document, map: Node, key: string, depth: number): Pair | undefined {
  if (!isMap(map) || depth > MAX_DEPTH) return undefined;
  const own = (map.items as Pair[]).find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
  if (own) return own;
  for (const pair of map.items as Pair[]) {
    if (!isScalar(pair.key) || pair.key.value !== '<<') continue;
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const source of sources) {
      const found = findMerged(document, deref(document, source) as Node, key, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** The property names the schema allows where an `additionalProperties` error was raised. */
function allowedKeys(schemaPath: string): string[] {
  let node: unknown = schema;
  const segments = schemaPath.replace(/^#\/?/, '').split('/').slice(0, -1).map(unescape);
  for (const segment of segments) {
    if (node === null || typeof node !== 'object') return [];
    node = (node as Record<string, unknown>)[segment];
  }
  const properties = (node as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties) : [];
}

// ---- compose-go's checkConsistency: both spellings set with different values ----

const PAIRS: Array<{ legacy: string[]; deploy: string[]; parse: (text: string) => number | undefined }> = [
  { legacy: ['mem_limit'], deploy: ['deploy', 'resources', 'limits', 'memory'], parse: parseBytes },
  { legacy: ['mem_reservation'], deploy: ['deploy', 'resources', 'reservations', 'memory'], parse: parseBytes },
  { legacy: ['cpus'], deploy: ['deploy', 'resources', 'limits', 'cpus'], parse: parseNumber },
  { legacy: ['pids_limit'], deploy: ['deploy', 'resources', 'limits', 'pids'], parse: parseNumber },
  { legacy: ['scale'], deploy: ['deploy', 'replicas'], parse: parseNumber },
];

function conflicts(services: readonly ServiceLike[]): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  for (const service of services) {
    for (const { legacy, deploy, parse } of PAIRS) {
      const a = service.get(...legacy);
      const b = service.get(...deploy);
      const aText = a && textOf(a.node);
      const bText = b && textOf(b.node);
      if (aText === undefined || bText === undefined) continue;
      const [aValue, bValue] = [parse(aText), parse(bText)];
      if (aValue === undefined || bValue === undefined || aValue === bValue) continue;
      issues.push({
        type: 'conflict',
        span: b!.inheritedFrom ? a!.span : b!.span,
        message: `Service "${service.name}" sets ${legacy.join('.')} (${aText}) and ${deploy.join('.')} (${bText}) to different values; docker compose refuses to load the file.`,
      });
    }
  }
  return issues;
}

/** Byte amounts as compose reads them: `{amount}{b|k|m|g|kb|mb|gb}`, case-insensitive; bare numbers are bytes. */
export function parseBytes(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([bkmgt]?)b?\s*$/i.exec(text);
  if (!match) return undefined;
  const power = ' kmgt'.indexOf(match[2].toLowerCase() || ' ');
  return Math.round(Number(match[1]) * 1024 ** Math.max(power, 0));
}

function parseNumber(text: string): number | undefined {
  const value = Number(text.trim());
  return Number.isFinite(value) ? value : undefined;
}
