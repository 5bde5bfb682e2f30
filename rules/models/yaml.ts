import { YAMLParseError, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq } from './yaml-nodes';
import type { Span } from '../engine/types';
import type { ModelProblem } from './problems';
import { parseYamlDocuments } from './yaml-cst';

/**
 * Shared YAML plumbing for the compose and Kubernetes models: every document of a stream, parsed once,
 * with node offsets (the engine's LineIndex turns them into ranges).
 */
export interface YamlStream {
  documents: Document.Parsed[];
  problems: ModelProblem[];
}

export interface YamlStreamOptions {
  /** `1.1` for readers built on go-yaml v2 (Kubernetes): `yes`/`on` are booleans, `0755` is octal. */
  version?: '1.1' | '1.2';
}

export function parseYamlStream(text: string, options: YamlStreamOptions = {}): YamlStream {
  // YAML 1.2 takes a lone CR (old Mac line ends) as a line break; the parser does not. Same length, so every
  // offset still points into the user's text.
  const source = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
  // No keepSourceTokens: fixes edit text by node ranges, and keeping the CST costs up to half the parse. Our lexer,
  // CST stage and Composer (yaml-lex.ts, yaml-cst.ts, yaml-compose.ts) build the Documents yaml's parseAllDocuments
  // would.
  const documents = parseYamlDocuments(source, { prettyErrors: false, uniqueKeys: false, strict: false, version: options.version ?? '1.2' });
  const list = Array.isArray(documents) ? documents : [];
  const problems: ModelProblem[] = [];
  // An alias is written `*name`: without a `*` there is nothing to expand, so no walk for it.
  const mayAlias = source.includes('*');
  for (const document of list) {
    const error = document.errors[0];
    if (error) {
      // Nesting too deep for the stack: where yaml's Composer overflowed depends on how deep the stack already was
      // (it composes only what our Composer gave up on, cold or warm), so the document's start is the stable place.
      const [start, end] = error.code === 'RESOURCE_EXHAUSTION' ? [document.range[0], document.range[0]] : error.pos;
      problems.push({ ruleId: 'stridelint/parse-error', span: { start, end: Math.max(end, start) }, message: `YAML syntax error: ${describeYamlError(error.message)}; this document was not analysed.` });
      continue;
    }
    const bomb = mayAlias ? aliasExpansionProblem(document) : undefined;
    if (bomb) {
      // Marking the document as erroneous keeps every model from walking (and expanding) it.
      document.errors.push(new YAMLParseError([bomb.span.start, bomb.span.end], 'RESOURCE_EXHAUSTION', bomb.message));
      problems.push(bomb);
    }
  }
  return { documents: list, problems };
}

function describeYamlError(message: string): string {
  const line = message.split(/\r?\n/)[0].replace(/\.$/, '');
  return /call stack/i.test(line) ? 'the nesting is too deep to read' : line;
}

/** Aliases may expand a document to this many nodes before it counts as an alias bomb. */
export const MAX_ALIAS_EXPANSION = 250_000;

/**
 * "Billion laughs": a few lines of anchors and aliases that expand exponentially. Counts the expanded size
 * with one memoised pass (each anchored node sized once) and reports the document instead of walking it.
 */
function aliasExpansionProblem(document: Document.Parsed): ModelProblem | undefined {
  if (document.contents === null) return undefined;
  const anchors = new Map<string, Node>();
  const sizes = new Map<Node, number>();
  let aliasSeen = false;
  let firstAlias: Node | undefined;
  const sizeOf = (node: unknown, depth: number): number => {
    if (depth > 2000) throw new RangeError('too deep');
    if (isAlias(node)) {
      aliasSeen = true;
      firstAlias ??= node;
      const target = anchors.get(node.source);
      return target ? (sizes.get(target) ?? 1) : 1;
    }
    if (isPair(node)) return sizeOf(node.key, depth + 1) + sizeOf(node.value, depth + 1);
    if (!node || typeof node !== 'object') return 0;
    let size = 1;
    if (isCollection(node)) for (const item of node.items) size = Math.min(Number.MAX_SAFE_INTEGER, size + sizeOf(item, depth + 1));
    const anchored = node as Node & { anchor?: string };
    if (anchored.anchor) {
      anchors.set(anchored.anchor, anchored);
      sizes.set(anchored, size);
    }
    return size;
  };
  let total: number;
  try {
    total = sizeOf(document.contents, 0);
  } catch {
    return { ruleId: 'stridelint/not-analysed', span: nodeSpan(document.contents as Node), message: 'The YAML nesting is too deep to analyse; this document was not analysed.' };
  }
  if (!aliasSeen || total <= MAX_ALIAS_EXPANSION) return undefined;
  return {
    ruleId: 'stridelint/not-analysed',
    span: nodeSpan(firstAlias),
    message: `YAML alias bomb: the aliases of this document expand to more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} nodes (a "billion laughs" pattern); it was not analysed.`,
  };
}

/** The offsets a node was written at (`range[0]` to the end of its value). */
export function nodeSpan(node: Node | null | undefined, fallback: Span = { start: 0, end: 0 }): Span {
  const range = node?.range;
  if (!range) return fallback;
  return { start: range[0], end: range[1] };
}

/** The span of a pair's key, or of its value when the key has no range. */
export function keySpan(pair: Pair): Span {
  return nodeSpan(pair.key as Node, nodeSpan(pair.value as Node));
}

/** Looks a key up in a map without resolving aliases or merge keys. */
export function findPair(map: YAMLMap | null | undefined, key: string): Pair | undefined {
  if (!map || !isMap(map)) return undefined;
  // A loop, not `items.find`: the models and rules ask this for nearly every field they read, and a callback per
  // call was 7.7 MiB of the 600 a pass of plain-lint-loop allocated (sampled).
  const items = map.items as Pair[];
  for (let index = 0; index < items.length; index++) {
    const candidate = items[index].key;
    if (isScalar(candidate) && String(candidate.value) === key) return items[index];
  }
  return undefined;
}

export function getNode(map: YAMLMap | null | undefined, key: string): Node | undefined {
  const pair = findPair(map, key);
  return (pair?.value as Node | null) ?? undefined;
}

export function asMap(node: unknown): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}

export function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

export function asSeqItems(node: unknown): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

const YAML11_TRUE = new Set(['true', 'yes', 'y', 'on']);
const YAML11_FALSE = new Set(['false', 'no', 'n', 'off']);

/**
 * A boolean as YAML 1.1 readers (go-yaml v2, which Kubernetes uses) and string-typed compose fields see it:
 * `yes`, `on`, `"true"`, `True` are true. Anything else is undefined (unknown), never guessed.
 */
export function asBoolean(node: unknown): boolean | undefined {
  const value = isScalar(node) ? node.value : node;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (YAML11_TRUE.has(lower)) return true;
    if (YAML11_FALSE.has(lower)) return false;
  }
  return undefined;
}
