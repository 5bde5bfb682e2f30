import type { Document, Node, Pair } from 'yaml';
import { isMap, isScalar, isSeq } from '../../models/yaml-nodes';
import { parseYamlDocuments } from '../../models/yaml-cst';
import type { SpanEdit } from '../types';
import type { RenderedText } from './unit-texts';
import type { YamlPath } from './yaml-paths';

/** One change a fix makes to the data of a rendered document: a key added or removed, a value replaced. */
export interface DataChange {
  path: YamlPath;
  value: unknown;
  removed?: boolean;
}

/**
 * What a fix computed on rendered text changes in the data of the one document it edits. Undefined when the
 * edits span documents, the result does not parse, or the change is not a set of key/value changes; the
 * caller then offers no fix rather than a wrong one.
 */
export function renderedChanges(edits: readonly SpanEdit[], rendered: RenderedText): { before: Document.Parsed; changes: DataChange[] } | undefined {
  if (edits.length === 0) return undefined;
  const before = rendered.documents.find((document) => document.range[0] <= edits[0].start && edits[0].start <= document.range[2]);
  if (!before || edits.some((edit) => edit.start < before.range[0] || edit.end > before.range[2])) return undefined;
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  const fragment = fragmentChanges(before, rendered, sorted);
  if (fragment !== 'whole') return fragment && fragment.length > 0 ? { before, changes: fragment } : undefined;
  // The changed document is parsed again, from its own text with the edits applied.
  const changes = reparsedChanges(rendered.text.slice(before.range[0], before.range[2]), before.range[0], sorted, rendered.dataOf(before), []);
  return changes && changes.length > 0 ? { before, changes } : undefined;
}

const REPARSE = { prettyErrors: false, uniqueKeys: false, strict: false, version: '1.1' } as const;

/**
 * The data changes of `text` (starting at offset `from` of the rendered text, holding every edit, edits sorted
 * last first) once edited, against `data`, its data before, with paths under `path`. Undefined when the edited
 * text is not one document without errors, or the change is not a set of key/value changes.
 */
function reparsedChanges(text: string, from: number, edits: readonly SpanEdit[], data: unknown, path: YamlPath): DataChange[] | undefined {
  for (const edit of edits) text = text.slice(0, edit.start - from) + edit.newText + text.slice(edit.end - from);
  const changes: DataChange[] = [];
  try {
    const after = parseYamlDocuments(text, REPARSE);
    const changed = Array.isArray(after) && after.length === 1 ? after[0] : undefined;
    if (!changed || changed.errors.length > 0 || !diff(data, changed.toJS(), path, changes)) return undefined;
  } catch {
    return undefined; // a document toJS cannot build (alias bomb, odd keys): no fix rather than a wrong one
  }
  return changes;
}

/** Characters that make a node's meaning depend on text outside it (anchors, aliases, tags), and tabs. */
const CONTEXTUAL = /[&*!\t]/;

/**
 * The changes found by parsing again only a block collection of `before` (the deepest that can be) holding
 * every edit, where that is sure to give what a parse of the whole document gives: a block collection's text
 * means the same alone, at its own column, when nothing in the document refers across it (no anchor, alias
 * or tag anywhere), the path to it is plain string keys (each once in its mapping) and indexes, and every
 * line of the edited text stays inside it (none less indented than the collection; at its column, only its
 * own keys or items). The text after the collection is at its column or less, so it cannot join the edited
 * text. `'whole'` when that cannot be told, or the fragment does not parse: the whole document decides then.
 */
function fragmentChanges(before: Document.Parsed, rendered: RenderedText, edits: readonly SpanEdit[]): DataChange[] | undefined | 'whole' {
  const [docStart, , docEnd] = before.range;
  const low = edits[edits.length - 1].start;
  const high = Math.max(...edits.map((edit) => edit.end));
  const text = rendered.text;
  if (before.errors.length > 0 || edits.some((edit) => CONTEXTUAL.test(edit.newText)) || CONTEXTUAL.test(text.slice(docStart, docEnd))) return 'whole';
  const holds = (node: Node | null | undefined): node is Node & { range: [number, number, number] } => !!node?.range && node.range[0] < low && high <= node.range[1];
  // The block collections holding every edit, from the root down, each with its path.
  const candidates: Array<{ node: Node & { range: [number, number, number] }; path: YamlPath }> = [];
  let node = before.contents as Node | null;
  const path: YamlPath = [];
  for (let depth = 0; depth < 200 && holds(node) && (isMap(node) || isSeq(node)) && !node.flow; depth++) {
    candidates.push({ node, path: [...path] });
    let next: Node | null = null;
    if (isMap(node)) {
      const keys = (node.items as Pair[]).map((pair) => (isScalar(pair.key) && typeof pair.key.value === 'string' ? pair.key.value : undefined));
      const index = (node.items as Pair[]).findIndex((pair) => holds(pair.value as Node | null));
      const key = keys[index];
      if (key !== undefined && key !== '<<' && keys.indexOf(key) === index && keys.lastIndexOf(key) === index) {
        next = (node.items[index] as Pair).value as Node;
        path.push(key);
      }
    } else {
      const index = (node.items as Node[]).findIndex((item) => holds(item));
      if (index >= 0) {
        next = node.items[index] as Node;
        path.push(index);
      }
    }
    node = next;
  }
  for (const candidate of candidates.slice(1).reverse()) {
    const { range } = candidate.node;
    const lineStart = text.lastIndexOf('\n', range[0] - 1) + 1;
    const column = range[0] - lineStart;
    // The collection's first line: only sequence dashes stand before it.
    if (!/^(?: |- )*$/.test(text.slice(lineStart, range[0]))) continue;
    let edited = ' '.repeat(column) + text.slice(range[0], range[2]);
    for (const edit of edits) edited = edited.slice(0, edit.start - lineStart) + edit.newText + edited.slice(edit.end - lineStart);
    if (!staysInside(edited, column, isSeq(candidate.node))) continue;
    let data: unknown = rendered.dataOf(before);
    for (const key of candidate.path) data = data !== null && typeof data === 'object' && Object.hasOwn(data, key) ? (data as Record<string | number, unknown>)[key] : undefined;
    if (data === null || typeof data !== 'object') return 'whole';
    return reparsedChanges(edited, lineStart, [], data, candidate.path) ?? 'whole';
  }
  return 'whole';
}

/** True when no line of `text` (a block collection at `column`) leaves it: less indented, or at its column and not one of its own items. */
function staysInside(text: string, column: number, sequence: boolean): boolean {
  for (const line of text.split('\n')) {
    const content = line.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const indent = line.length - content.length;
    if (indent < column || (indent === column && sequence !== /^-(?: |$)/.test(content))) return false;
  }
  return true;
}

/** What the edits change in the YAML data: keys added or removed, values replaced. */
function diff(before: unknown, after: unknown, path: YamlPath, changes: DataChange[]): boolean {
  if (JSON.stringify(before) === JSON.stringify(after)) return true;
  const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(before)) if (!(key in after)) changes.push({ path: [...path, key], value: undefined, removed: true });
    for (const key of Object.keys(after)) {
      if (!(key in before)) changes.push({ path: [...path, key], value: after[key] });
      else if (!diff(before[key], after[key], [...path, key], changes)) return false;
    }
    return true;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.every((item, index) => diff(item, after[index], [...path, index], changes));
  }
  changes.push({ path, value: after });
  return true;
}
