import { parseAllDocuments, type Document } from 'yaml';
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
  // Only the changed document is parsed again, from its own text with the edits applied.
  const [from, to] = [before.range[0], before.range[2]];
  let text = rendered.text.slice(from, to);
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start - from) + edit.newText + text.slice(edit.end - from);
  const changes: DataChange[] = [];
  try {
    const after = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, strict: false, version: '1.1' });
    const changed = Array.isArray(after) && after.length === 1 ? after[0] : undefined;
    if (!changed || changed.errors.length > 0 || !diff(rendered.dataOf(before), changed.toJS(), [], changes)) return undefined;
  } catch {
    return undefined; // a document toJS cannot build (alias bomb, odd keys): no fix rather than a wrong one
  }
  return changes.length > 0 ? { before, changes } : undefined;
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
