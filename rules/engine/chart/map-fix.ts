import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type YAMLMap } from 'yaml';
import { removePair, setIn } from '../../models/yaml-edit';
import { renderScalar, replaceNode } from '../../models/yaml-scalar';
import type { Fix, SpanEdit, TextEdit } from '../types';
import type { ChartTexts, RenderedText } from './chart-texts';
import type { ValueTarget } from './map-location';
import { followPath, type YamlPath } from './yaml-paths';

/** A rule's fix moved from the rendered text onto the chart's files. */
export interface MappedFix {
  fix: Fix;
  /** The values node the fix edits, when it edits a values file (the finding points there too). */
  valueTarget?: ValueTarget;
}

type RenderedEdit = SpanEdit;

/**
 * Moves a fix computed on the rendered text onto the chart: onto the values file when the rendered change
 * lands on values (a scalar printed from `.Values`, or a collection written by `toYaml .Values.x`); else onto
 * the template when every edit lies inside literal template text of the file itself; else no fix.
 */
export function mapFix(fix: Fix, rendered: RenderedText, texts: ChartTexts): MappedFix | undefined {
  if (fix.newFiles?.length) return undefined;
  const edits: RenderedEdit[] = fix.edits.map((edit) => ({ ...rendered.lines.spanOf(edit.range), newText: edit.newText }));
  // Values first: a key added under a mapping written by `toYaml .Values.x` belongs in values.yaml, even when
  // the insertion point happens to touch the template text after the action.
  const onValues = mapOntoValues(fix, edits, rendered, texts);
  if (onValues) return onValues;
  const onTemplate = mapOntoTemplateText(edits, rendered, texts);
  return onTemplate ? { fix: { title: fix.title, safe: fix.safe, edits: onTemplate } } : undefined;
}

function mapOntoTemplateText(edits: RenderedEdit[], rendered: RenderedText, texts: ChartTexts): TextEdit[] | undefined {
  const result: TextEdit[] = [];
  for (const edit of edits) {
    let span = rendered.spanAt(edit.start);
    // An insertion right after literal text belongs to that text (the next span may be an action).
    if (span && edit.start === edit.end && span.start === edit.start && span.kind !== 'text') {
      const before = rendered.spanAt(edit.start - 1);
      if (before?.kind === 'text' && before.end === edit.start) span = before;
    }
    if (!span || span.kind !== 'text' || span.callers.length > 0 || edit.start < span.start || edit.end > span.end) return undefined;
    const start = span.source.start + (edit.start - span.start);
    const end = span.source.start + (edit.end - span.start);
    result.push({ path: span.source.file, range: texts.rangeOf({ file: span.source.file, start, end }), newText: edit.newText });
  }
  return result;
}

interface Change {
  path: YamlPath;
  value: unknown;
  removed?: boolean;
}

/** What the edits change in the YAML data: keys added or removed, values replaced. */
function diff(before: unknown, after: unknown, path: YamlPath, changes: Change[]): boolean {
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

function mapOntoValues(fix: Fix, edits: RenderedEdit[], rendered: RenderedText, texts: ChartTexts): MappedFix | undefined {
  // Cheap test first: a values edit touches (or ends right after) output that printed a value.
  const nearValue = (offset: number) => rendered.spanAt(offset)?.value !== undefined || (offset > 0 && rendered.spanAt(offset - 1)?.value !== undefined);
  if (!edits.some((edit) => nearValue(edit.start))) return undefined;
  const documentIndex = rendered.documents.findIndex((document) => document.range[0] <= edits[0].start && edits[0].start <= document.range[2]);
  const before = rendered.documents[documentIndex];
  if (!before || edits.some((edit) => edit.start < before.range[0] || edit.end > before.range[2])) return undefined;
  // Only the changed document is parsed again, from its own text with the edits applied.
  const [from, to] = [before.range[0], before.range[2]];
  let text = rendered.text.slice(from, to);
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start - from) + edit.newText + text.slice(edit.end - from);
  const changes: Change[] = [];
  try {
    const after = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, strict: false, version: '1.1' });
    const changed = Array.isArray(after) && after.length === 1 ? after[0] : undefined;
    if (!changed || changed.errors.length > 0 || !diff(rendered.dataOf(before), changed.toJS(), [], changes)) return undefined;
  } catch {
    return undefined; // a document toJS cannot build (alias bomb, odd keys): no fix rather than a wrong one
  }
  if (changes.length === 0) return undefined;
  const valuesEdits: TextEdit[] = [];
  let valueTarget: ValueTarget | undefined;
  for (const change of changes) {
    const target = valuesPathOf(rendered, before, change.path, change.removed === true);
    if (!target) return undefined;
    const edit = change.removed ? valuesRemoval(texts, target.file, target.path) : valuesEdit(texts, target.file, target.path, change.value);
    if (!edit) return undefined;
    const lines = texts.lines(target.file);
    if (!lines) return undefined;
    valuesEdits.push({ path: target.file, range: lines.rangeOf(edit), newText: edit.newText });
    valueTarget ??= target.anchor;
  }
  if (overlapping(valuesEdits, texts)) return undefined;
  const file = valueTarget ? valueTarget.file.slice(valueTarget.file.lastIndexOf('/') + 1) : 'values';
  return { fix: { title: `${fix.title} (in ${file})`, safe: fix.safe, edits: valuesEdits }, ...(valueTarget ? { valueTarget } : {}) };
}

/**
 * The values path a rendered path comes from: the deepest rendered node on the path that exists must be
 * written by an action carrying a values origin; the keys below it (and the ones the fix adds) extend that
 * origin's path.
 */
function valuesPathOf(rendered: RenderedText, document: Document.Parsed, path: YamlPath, removed: boolean): { file: string; path: YamlPath; anchor: ValueTarget } | undefined {
  const chain = followPath(document.contents as never, path);
  if (chain.length <= 1 || (removed && chain.length !== path.length + 1)) return undefined;
  // A removed key must itself have been written from the values (its key inside a `toYaml` output).
  const last = chain[chain.length - 1];
  const at = (removed ? last.keyNode : last.node)?.range?.[0];
  const span = at === undefined ? undefined : rendered.spanAt(at);
  const origin = span?.value;
  if (!span || !origin || span.kind !== 'action') return undefined;
  const rest = path.slice(chain.length - 1);
  const anchor: ValueTarget = { file: origin.file, start: origin.start, end: origin.end, path: origin.path };
  if (!origin.collection) return removed ? undefined : { file: origin.file, path: [...origin.path, ...rest], anchor };
  // The collection's top node is the first node on the path written inside the action's output.
  const top = chain.findIndex((step) => (step.node.range?.[0] ?? -1) >= span.start);
  if (top < 0) return undefined;
  const below = chain.slice(top + 1).map((step) => step.key as string | number);
  return { file: origin.file, path: [...origin.path, ...below, ...rest], anchor };
}

/** YAML text for a value the fix writes (flow style for collections, so it fits any place). */
function yamlText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return renderScalar(value);
  if (Array.isArray(value)) return `[${value.map(yamlText).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value as Record<string, unknown>).map(([key, item]) => `${renderScalar(key)}: ${yamlText(item)}`).join(', ')}}`;
  return String(value);
}

/** Sets `path` in a values file, style kept (see yaml-edit's setIn). */
function valuesEdit(texts: ChartTexts, file: string, path: YamlPath, value: unknown): SpanEdit | undefined {
  const document = texts.valuesDocument(file);
  const text = texts.text(file);
  if (!document || text === undefined || !isMap(document.contents)) return undefined;
  const chain = followPath(document.contents as Node, path);
  let depth = chain.length - 1;
  let node = chain[depth].node;
  if (depth === path.length && isScalar(node) && node.value !== null) {
    return typeof value === 'object' && value !== null ? undefined : replaceNode(node, typeof value === 'string' ? renderScalar(value, node) : yamlText(value));
  }
  // `key:` (null) or `key: {}` with nothing below: write from its parent mapping.
  if (isScalar(node) && node.value === null && depth > 0) node = chain[--depth].node;
  const rest = path.slice(depth);
  if (!isMap(node) || rest.some((key) => typeof key !== 'string') || isSeq(node)) return undefined;
  return setIn(text, node as YAMLMap, rest as string[], yamlText(value));
}

/** Removes the pair at `path` of a values file; the mapping's only pair leaves `{}` behind. */
function valuesRemoval(texts: ChartTexts, file: string, path: YamlPath): SpanEdit | undefined {
  const document = texts.valuesDocument(file);
  const text = texts.text(file);
  const chain = document ? followPath(document.contents as Node, path) : [];
  if (text === undefined || chain.length !== path.length + 1 || chain.length < 2) return undefined;
  const parent = chain[chain.length - 2].node;
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => item.key === chain[chain.length - 1].keyNode);
  if (!pair) return undefined;
  if (parent.items.length === 1) return replaceNode(parent, '{}');
  return removePair(text, parent, pair);
}

function overlapping(edits: TextEdit[], texts: ChartTexts): boolean {
  const spans = edits.map((edit) => ({ file: edit.path ?? '', ...(texts.lines(edit.path ?? '')?.spanOf(edit.range) ?? { start: 0, end: 0 }) }));
  return spans.some((a, i) => spans.some((b, j) => j > i && a.file === b.file && (a.start < b.end && b.start < a.end || a.start === b.start)));
}
