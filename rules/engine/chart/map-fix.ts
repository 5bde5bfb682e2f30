import type { Document, Node } from 'yaml';
import { overlappingEdits, removeAtPath, setAtPath } from '../units/path-edits';
import { renderedChanges } from '../units/rendered-changes';
import type { Fix, SpanEdit, TextEdit } from '../types';
import type { SourceTexts, RenderedText } from '../units/unit-texts';
import type { ValueTarget } from './map-location';
import { followPath, type YamlPath } from '../units/yaml-paths';

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
export function mapFix(fix: Fix, rendered: RenderedText, texts: SourceTexts): MappedFix | undefined {
  if (fix.newFiles?.length) return undefined;
  const edits: RenderedEdit[] = fix.edits.map((edit) => ({ ...rendered.lines.spanOf(edit.range), newText: edit.newText }));
  // Values first: a key added under a mapping written by `toYaml .Values.x` belongs in values.yaml, even when
  // the insertion point happens to touch the template text after the action.
  const onValues = mapOntoValues(fix, edits, rendered, texts);
  if (onValues) return onValues;
  const onTemplate = mapOntoTemplateText(edits, rendered, texts);
  return onTemplate ? { fix: { title: fix.title, safe: fix.safe, edits: onTemplate } } : undefined;
}

function mapOntoTemplateText(edits: RenderedEdit[], rendered: RenderedText, texts: SourceTexts): TextEdit[] | undefined {
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

function mapOntoValues(fix: Fix, edits: RenderedEdit[], rendered: RenderedText, texts: SourceTexts): MappedFix | undefined {
  // Cheap test first: a values edit touches (or ends right after) output that printed a value.
  const nearValue = (offset: number) => rendered.spanAt(offset)?.value !== undefined || (offset > 0 && rendered.spanAt(offset - 1)?.value !== undefined);
  if (!edits.some((edit) => nearValue(edit.start))) return undefined;
  const rendering = renderedChanges(edits, rendered);
  if (!rendering) return undefined;
  const { before, changes } = rendering;
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
  if (overlappingEdits(valuesEdits, texts)) return undefined;
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

/** Sets `path` in a values file, style kept. */
function valuesEdit(texts: SourceTexts, file: string, path: YamlPath, value: unknown): SpanEdit | undefined {
  const document = texts.yamlDocument(file);
  const text = texts.text(file);
  return document && text !== undefined ? setAtPath(text, document.contents as Node, path, value) : undefined;
}

/** Removes the pair at `path` of a values file. */
function valuesRemoval(texts: SourceTexts, file: string, path: YamlPath): SpanEdit | undefined {
  const document = texts.yamlDocument(file);
  const text = texts.text(file);
  return document && text !== undefined ? removeAtPath(text, document.contents as Node, path) : undefined;
}
