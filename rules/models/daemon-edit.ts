import { applyEdits, modify, parseTree, type JSONPath, type Node } from 'jsonc-parser';
import type { FixSpec, SpanEdit } from '../engine/types';
import { childMember, type DaemonFormat, type DaemonModel } from './daemon';
import { FlagEdit } from './daemon-flags/flag-edit';

const PLACEHOLDER = '__stridelint_value__';

/**
 * Builds a daemon.json quick fix from JSON-path operations (jsonc-parser `modify` for insertions), applied
 * one after the other, then reduced to the one span that really changed. New keys go after the existing
 * ones, in the file's own indentation and line ending; a one-line object stays on one line. For a model
 * of dockerd flags the same operations edit the flags instead ({@link FlagEdit}).
 */
export class DaemonEdit {
  private text: string;
  private readonly format: DaemonFormat;
  /** An operation that cannot apply (the path crosses an array or a scalar): the fix is then not offered. */
  private failed = false;
  private readonly flagEdit?: FlagEdit;

  constructor(private readonly model: DaemonModel) {
    this.text = model.text;
    this.format = model.format;
    if (model.flags) this.flagEdit = new FlagEdit(model.flags);
  }

  /** Sets the value at `path`, replacing the effective (last) member or adding a new one. */
  set(path: JSONPath, value: unknown): this {
    if (this.flagEdit) {
      this.flagEdit.set(path, value);
      return this;
    }
    const existing = this.locate(path);
    if (existing && isScalar(existing.value) && !isObjectLike(value)) {
      return this.splice(existing.value.offset, existing.value.offset + existing.value.length, JSON.stringify(value));
    }
    if (this.duplicatedAlong(path)) {
      this.failed = true; // jsonc-parser would edit the first of the duplicates, which dockerd ignores
      return this;
    }
    try {
      const inlineDepth = this.inlineObjectDepth(path);
      let edits;
      if (inlineDepth === undefined) {
        edits = modify(this.text, path, value, { formattingOptions: { ...this.format, insertFinalNewline: false } });
      } else {
        // jsonc-parser writes compact JSON without formatting options: write the missing part ourselves.
        const nested = path.slice(inlineDepth + 1).reduceRight<unknown>((inner, segment) => ({ [String(segment)]: inner }), value);
        edits = modify(this.text, path.slice(0, inlineDepth + 1), PLACEHOLDER, {}).map((edit) => ({
          ...edit,
          content: edit.content.replace(/^,"/, ', "').replace(JSON.stringify(PLACEHOLDER), inlineJson(nested)),
        }));
      }
      this.text = applyEdits(this.text, edits);
    } catch {
      this.failed = true; // jsonc-parser refuses, e.g. a key under a top-level array
    }
    return this;
  }

  /**
   * Removes the member at `path` with its separating comma, keeping the rest as written; earlier duplicates
   * of it go too, since removing only the last one would put an overridden value into effect.
   */
  remove(path: JSONPath): this {
    if (this.flagEdit) {
      this.flagEdit.remove(path);
      return this;
    }
    for (let found = this.locate(path); found; found = this.locate(path)) {
      const before = this.text;
      this.removeProperty(found.parent, found.property);
      if (this.text === before || typeof path[path.length - 1] === 'number') break;
    }
    return this;
  }

  /** Renames the effective member at `path`, keeping its value and place. */
  rename(path: JSONPath, to: string): this {
    this.flagEdit?.fail(); // a flag has no other name to take
    const key = this.locate(path)?.keyNode;
    return key ? this.splice(key.offset, key.offset + key.length, JSON.stringify(to)) : this;
  }

  /** Removes one property node of the original text (e.g. an overridden duplicate); use it as the first step. */
  removeOriginal(parent: Node, property: Node): this {
    if (this.flagEdit) {
      this.flagEdit.removeFlag(this.model.flags?.flagAt(property.offset));
      return this;
    }
    return this.removeProperty(parent, property);
  }

  /** The change as one minimal span edit against the original text. */
  edits(): SpanEdit[] {
    if (this.flagEdit) return this.flagEdit.result();
    const before = this.model.text;
    const after = this.text;
    if (before === after || this.failed) return [];
    let prefix = 0;
    while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
    let suffix = 0;
    while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
    return [{ start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) }];
  }

  fix(title: string, safe: boolean): FixSpec[] {
    const edits = this.edits();
    return edits.length > 0 ? [{ title, safe, edits }] : [];
  }

  private splice(start: number, end: number, newText: string): this {
    this.text = this.text.slice(0, start) + newText + this.text.slice(end);
    return this;
  }

  private removeProperty(parent: Node, property: Node): this {
    const siblings = parent.children ?? [];
    const index = siblings.indexOf(property);
    if (index < 0) return this;
    if (index < siblings.length - 1) return this.splice(property.offset, siblings[index + 1].offset, '');
    if (index > 0) {
      const previous = siblings[index - 1];
      return this.splice(previous.offset + previous.length, property.offset + property.length, '');
    }
    return this.splice(parent.offset + 1, parent.offset + parent.length - 1, '');
  }

  /** The effective node at `path` in the current text: an object member (with its key) or an array item. */
  private locate(path: JSONPath): { parent: Node; property: Node; keyNode?: Node; value: Node } | undefined {
    let node = parseTree(this.text);
    let found: { parent: Node; property: Node; keyNode?: Node; value: Node } | undefined;
    for (const segment of path) {
      if (!node) return undefined;
      if (typeof segment === 'number') {
        const item: Node | undefined = node.type === 'array' ? node.children?.[segment] : undefined;
        found = item && { parent: node, property: item, value: item };
      } else {
        const member = childMember(node, segment);
        found = member && { parent: node, property: member.property, keyNode: member.keyNode, value: member.value };
      }
      if (!found) return undefined;
      node = found.value;
    }
    return found;
  }

  /** Whether a key on `path` is given twice in its object (the remove-the-duplicate fix comes first). */
  private duplicatedAlong(path: JSONPath): boolean {
    let node: Node | undefined = parseTree(this.text);
    for (const segment of path) {
      if (typeof segment !== 'string' || node?.type !== 'object') return false;
      const matches = (node.children ?? []).filter((property) => property.children?.[0]?.value === segment);
      if (matches.length > 1) return true;
      node = matches[0]?.children?.[1];
    }
    return false;
  }

  /**
   * When the deepest object that already exists along `path` is written on one line, how many segments of
   * `path` lead to it (0 = the top level); undefined when it spans lines (or there is no object yet).
   */
  private inlineObjectDepth(path: JSONPath): number | undefined {
    let node: Node | undefined = parseTree(this.text);
    if (!node || node.type !== 'object') return undefined;
    let depth = 0;
    for (const segment of path.slice(0, -1)) {
      const next: Node | undefined = typeof segment === 'string' ? childMember(node, segment)?.value : undefined;
      if (next?.type !== 'object') break;
      node = next;
      depth++;
    }
    return /[\r\n]/.test(this.text.slice(node.offset, node.offset + node.length)) ? undefined : depth;
  }
}

function isScalar(node: Node): boolean {
  return node.type === 'string' || node.type === 'number' || node.type === 'boolean' || node.type === 'null';
}

function isObjectLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

/** JSON on one line with a space after each colon and comma: `{"max-size": "10m", "max-file": "3"}`. */
function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  if (isObjectLike(value)) return `{${Object.entries(value as Record<string, unknown>).map(([key, item]) => `${JSON.stringify(key)}: ${inlineJson(item)}`).join(', ')}}`;
  return JSON.stringify(value);
}

/** A fix that sets one top-level key (the common case: `"icc": false`). */
export function setKeyFix(model: DaemonModel, key: string, value: unknown, title: string, safe: boolean): FixSpec[] {
  return new DaemonEdit(model).set([key], value).fix(title, safe);
}

/** A fix that removes one top-level key. */
export function removeKeyFix(model: DaemonModel, key: string, title: string, safe: boolean): FixSpec[] {
  return new DaemonEdit(model).remove([key]).fix(title, safe);
}
