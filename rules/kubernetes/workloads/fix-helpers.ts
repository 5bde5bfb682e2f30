import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { SpanEdit } from '../../engine/types';
import { findPair } from '../../models/yaml';

/**
 * Minimal YAML edits for the workload quick fixes: set, insert, append and remove in place, keeping comments,
 * indentation, quoting, key order and each collection's block or flow style. Every helper returns undefined for
 * a shape it cannot edit safely (anchors, odd nulls), so the rule then offers no fix rather than a broken one.
 */

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function lineStartOf(text: string, offset: number): number {
  const lf = text.lastIndexOf('\n', offset - 1);
  const cr = text.lastIndexOf('\r', offset - 1);
  return Math.max(lf, cr) + 1;
}

function lineEndOf(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

/** Column of an offset (characters since the line start). */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** The end of what a node or pair wrote, without trailing blanks and line breaks. */
function trimmedEnd(text: string, item: Node | Pair): number {
  let end: number;
  if (isPair(item)) end = (item.value as Node | null)?.range?.[1] ?? (item.key as Node | null)?.range?.[1] ?? 0;
  else end = item.range?.[1] ?? 0;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

/** The indentation step the file uses for nested mappings, read from a nested block collection of `map` (2 when it cannot tell). */
function indentStep(text: string, map: YAMLMap): number {
  for (const pair of map.items) {
    const key = pair.key as Node | null;
    const child = pair.value as Node | null;
    if (!key?.range || (!isMap(child) && !isSeq(child)) || child.flow) continue;
    const first = isMap(child) ? (child.items[0]?.key as Node | undefined)?.range?.[0] : child.range?.[0];
    if (first === undefined) continue;
    const step = columnOf(text, first) - columnOf(text, key.range[0]);
    if (step > 0 && step <= 8) return step;
  }
  return 2;
}

function isYamlMap(node: unknown): node is YAMLMap {
  return isMap(node);
}

/** `{a: {b: v}}` or the block form at `indent`, for a path that does not exist yet. */
function render(path: readonly string[], value: string, flow: boolean, indent: number, step: number, eol: string): string {
  if (flow) return path.slice(0, -1).reduceRight((inner, key) => `${key}: {${inner}}`, `${path[path.length - 1]}: ${value}`);
  return path.map((key, depth) => `${' '.repeat(indent + depth * step)}${key}:${depth === path.length - 1 ? ` ${value}` : ''}`).join(eol).slice(indent);
}

/** Inserts `path: value` (creating the missing mappings) as the last entry of `map`. */
function insertInto(text: string, map: YAMLMap, path: readonly string[], value: string, step: number): SpanEdit | undefined {
  const eol = eolOf(text);
  if (map.flow || map.items.length === 0) {
    const end = map.range?.[1];
    if (end === undefined) return undefined;
    const close = text.lastIndexOf('}', end);
    if (close < 0 || close < (map.range?.[0] ?? 0)) return undefined;
    const last = map.items[map.items.length - 1];
    const at = last ? trimmedEnd(text, last) : close;
    return { start: at, end: at, newText: `${last ? ', ' : ''}${render(path, value, true, 0, step, eol)}` };
  }
  const firstKey = map.items[0].key as Node;
  if (!firstKey?.range) return undefined;
  const indent = columnOf(text, firstKey.range[0]);
  const at = lineEndOf(text, trimmedEnd(text, map.items[map.items.length - 1]));
  return { start: at, end: at, newText: `${eol}${' '.repeat(indent)}${render(path, value, false, indent, step, eol)}` };
}

/**
 * Sets `path` (keys below `map`) to the YAML `value`: replaces an existing scalar, fills an empty value, or
 * inserts the missing keys (a whole `securityContext:` block when absent) at the end of the deepest mapping
 * that exists.
 */
export function setIn(text: string, map: YAMLMap, path: readonly string[], value: string): SpanEdit | undefined {
  const step = indentStep(text, map);
  let current = map;
  for (let depth = 0; depth < path.length; depth++) {
    const pair = findPair(current, path[depth]);
    if (!pair) return insertInto(text, current, path.slice(depth), value, step);
    const child = pair.value as Node | null;
    const last = depth === path.length - 1;
    if (last && isScalar(child) && child.range && child.value !== null && !child.anchor) return { start: child.range[0], end: child.range[1], newText: value };
    if (!last && isYamlMap(child)) {
      current = child;
      continue;
    }
    if (child && !(isScalar(child) && child.value === null)) return undefined;
    // `key:` with no value: write the rest in place, after the colon.
    const keyNode = pair.key as Node;
    if (!keyNode?.range) return undefined;
    const colon = text.indexOf(':', keyNode.range[1]);
    if (colon < 0) return undefined;
    const at = colon + 1;
    const end = child?.range ? Math.max(at, trimmedEnd(text, child)) : at;
    const indent = columnOf(text, keyNode.range[0]) + step;
    const rest = path.slice(depth + 1);
    return { start: at, end, newText: rest.length === 0 ? ` ${value}` : `${eolOf(text)}${' '.repeat(indent)}${render(rest, value, false, indent, step, eolOf(text))}` };
  }
  return undefined;
}

/** Appends a scalar item to a sequence in its own style (`- ALL` on a new line, or `, ALL` inside `[…]`). */
export function appendToSeq(text: string, seq: YAMLSeq, item: string): SpanEdit | undefined {
  const items = seq.items as Node[];
  if (seq.flow) {
    const last = items[items.length - 1];
    if (last?.range) return { start: trimmedEnd(text, last), end: trimmedEnd(text, last), newText: `, ${item}` };
    const open = seq.range ? text.indexOf('[', seq.range[0]) : -1;
    return open < 0 ? undefined : { start: open + 1, end: open + 1, newText: item };
  }
  if (!seq.range || items.length === 0) return undefined;
  const dash = seq.range[0];
  const at = lineEndOf(text, trimmedEnd(text, items[items.length - 1]));
  return { start: at, end: at, newText: `${eolOf(text)}${' '.repeat(columnOf(text, dash))}- ${item}` };
}

/**
 * Removes one `key: value` entry with its line(s). When it is the only entry of a mapping that is itself the
 * value of `parent`, the parent entry goes too (no empty `securityContext:` left behind).
 */
export function removePair(text: string, map: YAMLMap, pair: Pair, parent?: { map: YAMLMap; pair: Pair }): SpanEdit | undefined {
  if (map.items.length === 1 && parent) return removePair(text, parent.map, parent.pair);
  const keyNode = pair.key as Node;
  if (!keyNode?.range) return undefined;
  const start = keyNode.range[0];
  const index = map.items.indexOf(pair);
  const next = map.items[index + 1];
  if (map.flow) {
    const previous = map.items[index - 1];
    if (previous) return { start: trimmedEnd(text, previous), end: trimmedEnd(text, pair), newText: '' };
    const nextKey = next?.key as Node | undefined;
    return { start, end: nextKey?.range ? nextKey.range[0] : trimmedEnd(text, pair), newText: '' };
  }
  const lineStart = lineStartOf(text, start);
  const end = lineEndOf(text, trimmedEnd(text, pair));
  if (/^[ \t]*$/.test(text.slice(lineStart, start))) {
    const afterBreak = text.startsWith('\r\n', end) ? end + 2 : end < text.length ? end + 1 : end;
    return { start: lineStart, end: afterBreak, newText: '' };
  }
  // `- key: value` opens a sequence item: the next entry moves up onto the dash line.
  const nextKey = next?.key as Node | undefined;
  if (nextKey?.range) return { start, end: nextKey.range[0], newText: '' };
  return { start, end, newText: '{}' };
}

/** Quotes a value for YAML when it would not read back as the same plain string. */
export function yamlString(value: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(value) && !/^(?:y|yes|n|no|true|false|on|off|null|~|[0-9.+-]+)$/i.test(value) ? value : JSON.stringify(value);
}

/** The pair whose value is `node`, in `map`. */
export function pairOf(map: YAMLMap, node: unknown): Pair | undefined {
  return map.items.find((pair) => pair.value === node) as Pair | undefined;
}
