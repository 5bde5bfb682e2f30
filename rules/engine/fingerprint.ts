import { DockerfileParser, type Dockerfile } from 'dockerfile-ast';
import type { Document, Node } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../models/yaml-nodes';
import { parseYamlDocuments } from '../models/yaml-cst';
import { LineIndex } from './line-index';
import type { FileKind, Finding } from './types';

/**
 * Fingerprints that survive unrelated edits (baselines, SARIF `partialFingerprints`).
 *
 * A finding is identified by its rule, where it sits structurally (the YAML/JSON path of the flagged node,
 * or the Dockerfile instruction it belongs to), the whitespace-normalised text it flags, and its occurrence
 * index among findings with the same identity. Line numbers and indentation play no part, so inserting
 * lines, re-indenting or reordering documents keeps a fingerprint; changing the flagged text changes it.
 * The file path is not hashed: a baseline stores it beside the fingerprint.
 */
export const FINGERPRINT_VERSION = 1;

/** Longest piece of flagged text that goes into the identity (a whole-file finding flags everything). */
const MAX_FLAGGED_TEXT = 256;
const BOM = '\uFEFF';

/** What the engine already parsed, so fingerprints need no second parse (a lint's largest cost). */
export interface ParsedForFingerprints {
  yamlDocuments?: readonly Document.Parsed[];
  dockerfile?: Dockerfile;
  /** The line index of the same text (BOM removed): the lint's, not built again. */
  lines?: LineIndex;
}

/** One fingerprint per finding, in the order given. `text` is the linted file's text. */
export function fingerprintFindings(rawText: string, kind: FileKind | undefined, findings: readonly Finding[], parsed: ParsedForFingerprints = {}): string[] {
  if (findings.length === 0) return [];
  const text = rawText.startsWith(BOM) ? rawText.slice(1) : rawText;
  const lines = parsed.lines?.text === text ? parsed.lines : new LineIndex(text);
  const anchorOf = anchorFinder(text, kind, lines, parsed);
  const seen = new Map<string, number>();
  // Occurrences count in document order, whatever order the findings come in.
  const order = findings.map((finding, index) => ({ index, start: lines.offsetAt(finding.range.start) })).sort((a, b) => a.start - b.start || a.index - b.index);
  const result: string[] = new Array(findings.length);
  for (const { index, start } of order) {
    const finding = findings[index];
    const end = Math.max(start, lines.offsetAt(finding.range.end));
    const identity = [finding.ruleId, anchorOf(start), normalise(text.slice(start, end)).slice(0, MAX_FLAGGED_TEXT)].join('\u0000');
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    result[index] = hash(`${identity}\u0000${occurrence}`);
  }
  return result;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function anchorFinder(text: string, kind: FileKind | undefined, lines: LineIndex, parsed: ParsedForFingerprints): (offset: number) => string {
  try {
    if (kind === 'dockerfile') return dockerfileAnchors(text, lines, parsed.dockerfile ?? DockerfileParser.parse(text));
    if (kind === 'compose' || kind === 'kubernetes' || kind === 'daemon') return yamlAnchors(parsed.yamlDocuments ?? yamlDocuments(text));
  } catch {
    // A file the parser cannot read still gets fingerprints, from its flagged text alone.
  }
  return () => '';
}

/** The normalised text of the instruction holding the offset (continuations joined). */
function dockerfileAnchors(text: string, lines: LineIndex, ast: Dockerfile): (offset: number) => string {
  const escape = ast.getEscapeCharacter() || '\\';
  const continuation = new RegExp(`${escape.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}[ \\t]*\\r?\\n`, 'g');
  const spans = ast.getInstructions().map((instruction) => {
    const span = lines.spanOf(instruction.getRange());
    return { ...span, anchor: normalise(text.slice(span.start, span.end).replace(continuation, ' ')) };
  });
  return (offset) => spans.find((span) => span.start <= offset && offset <= span.end)?.anchor ?? '';
}

/**
 * The path of keys to the deepest node holding the offset. A Kubernetes document is named by its kind,
 * namespace and name rather than its position in the stream; a list item by its `name` when it has one.
 */
function yamlDocuments(text: string): Document.Parsed[] {
  const documents = parseYamlDocuments(text, { prettyErrors: false, uniqueKeys: false, strict: false });
  return Array.isArray(documents) ? documents : [];
}

function yamlAnchors(list: readonly Document.Parsed[]): (offset: number) => string {
  // A document's name is looked up once, not once per finding in it.
  const names = new Map<Document.Parsed, string>();
  return (offset) => {
    const document = list.find((candidate) => candidate.range[0] <= offset && offset <= candidate.range[2]);
    if (!document?.contents) return '';
    let name = names.get(document);
    if (name === undefined) names.set(document, (name = documentName(document.contents as Node)));
    const path = [name];
    let node: unknown = document.contents;
    for (let depth = 0; depth < 200 && node; depth++) {
      let next: unknown;
      if (isMap(node)) {
        for (const pair of node.items) {
          const value = pair.value as Node | null;
          if (contains(pair.key as Node, offset) || contains(value, offset)) {
            path.push(isScalar(pair.key) ? String(pair.key.value) : '?');
            next = contains(value, offset) ? value : undefined;
            break;
          }
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, index) => {
          if (next === undefined && contains(item as Node, offset)) {
            const name = isMap(item) ? item.get('name') : undefined;
            path.push(typeof name === 'string' ? `[name=${name}]` : `[${index}]`);
            next = item;
          }
        });
      }
      node = next;
    }
    return path.join('/');
  };
}

function contains(node: Node | null | undefined, offset: number): boolean {
  if (!node || isPair(node) || !node.range) return false;
  return node.range[0] <= offset && offset <= node.range[2];
}

function documentName(root: Node): string {
  if (!isMap(root)) return '';
  const metadata = root.get('metadata');
  const field = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
  const name = isMap(metadata) ? field(metadata.get('name')) : '';
  const namespace = isMap(metadata) ? field(metadata.get('namespace')) : '';
  const kind = field(root.get('kind'));
  return kind || name ? `${kind}:${namespace}:${name}` : '';
}

/** FNV-1a, twice with different offsets, as 16 hex digits: stable, dependency-free, not a security hash. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
