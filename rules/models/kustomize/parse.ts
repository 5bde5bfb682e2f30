import type { Document, Node } from 'yaml';
import { isAlias, isMap, isScalar, isSeq } from '../yaml-nodes';
import { parseYamlStream } from '../yaml';
import { BuildError } from './problem';
import { cloneNode, scalar, type KNode } from './tree';

/** Deeper nesting than this is hostile input, not a manifest. */
const MAX_DEPTH = 256;

/**
 * The documents of a YAML text as value trees whose nodes carry their ranges in `file`. Empty documents are
 * dropped (as kustomize does); a syntax error is a `BuildError` naming the file (kustomize's "malformed YAML").
 */
export function parseDocuments(text: string, file: string): KNode[] {
  const known = kept?.get(text)?.get(file);
  if (known) return known.map(cloneNode);
  const documents = parseFresh(text, file);
  if (!kept) return documents;
  const byFile = kept.get(text) ?? new Map<string, KNode[]>();
  kept.set(text, byFile.set(file, documents));
  // Builds change the trees they are given: each caller gets its own copy, the kept one stays as parsed.
  return documents.map(cloneNode);
}

/** Trees parsed inside `keepingParsedDocuments`, by text then file (a text's nodes carry their file). */
let kept: Map<string, Map<string, KNode[]>> | undefined;

/**
 * Runs `work` with every text parsed once: a caller that builds many kustomizations over one source set (each
 * build, each round of reading, reads the same bases and patches again) gets copies of the trees parsed first.
 * The trees are dropped when `work` returns.
 */
export function keepingParsedDocuments<T>(work: () => T): T {
  const outer = kept;
  kept ??= new Map();
  try {
    return work();
  } finally {
    kept = outer;
  }
}

function parseFresh(text: string, file: string): KNode[] {
  const stream = parseYamlStream(text);
  const problem = stream.problems[0];
  if (problem) throw new BuildError('malformed-yaml', `MalformedYAMLError: ${problem.message.replace(/; this document was not analysed\.$/, '')} in File: ${file}`, { file, start: problem.span.start, end: problem.span.end });
  const out: KNode[] = [];
  for (const document of stream.documents) {
    if (document.contents === null) continue;
    const node = convert(document.contents as Node, document, file, 0);
    if (node.kind === 'scalar' && node.value === null) continue;
    out.push(node);
  }
  return out;
}

function convert(node: Node, document: Document.Parsed, file: string, depth: number): KNode {
  if (depth > MAX_DEPTH) throw new BuildError('budget', `nesting deeper than ${MAX_DEPTH} levels in ${file}`, location(node, file));
  if (isAlias(node)) {
    const target = node.resolve(document);
    return target ? convert(target as Node, document, file, depth + 1) : scalar(null, location(node, file));
  }
  const origin = location(node, file);
  if (isMap(node)) {
    const entries = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = keyNode && isScalar(keyNode) ? String(keyNode.value ?? '') : keyNode ? String(keyNode) : '';
      const keyOrigin = keyNode ? location(keyNode, file) : origin;
      const value = pair.value ? convert(pair.value as Node, document, file, depth + 1) : { ...scalar(null, keyOrigin), blank: true };
      entries.push({ key, keyOrigin, value });
    }
    return { kind: 'map', entries, origin };
  }
  if (isSeq(node)) return { kind: 'seq', items: node.items.map((item) => (item ? convert(item as Node, document, file, depth + 1) : scalar(null, origin))), origin };
  if (isScalar(node)) {
    const value = node.value;
    if (value === null && origin.start === origin.end) return { ...scalar(null, origin), blank: true };
    if (typeof value === 'string' || typeof value === 'boolean' || value === null) return scalar(value, origin);
    if (typeof value === 'number') return scalar(value, origin);
    if (typeof value === 'bigint') return scalar(Number(value), origin);
    return scalar(String(value), origin);
  }
  return scalar(null, origin);
}

function location(node: Node, file: string) {
  const range = node.range;
  return { file, start: range ? range[0] : 0, end: range ? range[1] : 0 };
}
