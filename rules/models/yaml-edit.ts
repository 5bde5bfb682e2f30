import { Scalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { isMap, isScalar, isSeq } from './yaml-nodes';
import type { SpanEdit } from '../engine/types';

/**
 * Minimal, style-keeping text edits on a parsed YAML document (nodes from `yaml`'s Document API with
 * ranges). Each helper returns span edits against the original text, or undefined when it cannot edit
 * safely (anchors, odd layouts): the caller then offers no fix rather than a broken one. The edits keep
 * comments, line breaks (LF or CRLF), the indentation step the file uses, block vs flow style, key quoting
 * and key order: they insert or delete whole entries, never re-serialise a node. Scalars: `yaml-scalar.ts`.
 *
 * Nothing here knows about compose or Kubernetes: pass the mapping or sequence to edit.
 */

/** The line break the text already uses (`\r\n` or `\n`). */
let lastText: string | undefined;
let lastBreak = '\n';

export function lineBreak(text: string): string {
  // Asked once per edit a rule builds (2,400 on a large manifest): the whole text is scanned once, not each time.
  if (text !== lastText) {
    lastText = text;
    lastBreak = text.includes('\r\n') ? '\r\n' : '\n';
  }
  return lastBreak;
}

function lineStartOf(text: string, offset: number): number {
  let index = offset;
  while (index > 0 && text[index - 1] !== '\n' && text[index - 1] !== '\r') index--;
  return index;
}

/** The column of an offset (characters since its line start). */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** The end of the line holding `offset`, before its line break (a trailing comment stays on the line). */
function lineEndOf(text: string, offset: number): number {
  let index = offset;
  while (index < text.length && text[index] !== '\n' && text[index] !== '\r') index++;
  return index;
}

/** The offset just past the line break that ends the line holding `offset` (or the text's end). */
function nextLineStart(text: string, offset: number): number {
  const end = lineEndOf(text, offset);
  if (text.startsWith('\r\n', end)) return end + 2;
  return end < text.length ? end + 1 : end;
}

/** Where a node's content ends: its range end with trailing blanks and line breaks trimmed. */
function contentEnd(text: string, node: Node | null | undefined, fallback = 0): number {
  const range = node?.range;
  let end = range ? range[1] : fallback;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

/** The last offset a pair's text occupies (its value, or its key when the value is empty). */
function pairEnd(text: string, pair: Pair): number {
  const value = pair.value as Node | null;
  const valueEnd = value?.range ? contentEnd(text, value) : 0;
  return Math.max(valueEnd, contentEnd(text, pair.key as Node | null));
}

function pairStart(pair: Pair | undefined): number | undefined {
  return (pair?.key as Node | null)?.range?.[0];
}

/** Whether only blanks (and, for sequence items, one `- `) precede `offset` on its line. */
function startsLine(text: string, offset: number, allowDash: boolean): boolean {
  const before = text.slice(lineStartOf(text, offset), offset);
  return allowDash ? /^[ \t]*-[ \t]+$/.test(before) : /^[ \t]*$/.test(before);
}

/** The position of a flow collection's closing bracket (`}` or `]`). */
function flowClose(text: string, node: YAMLMap | YAMLSeq, bracket: '}' | ']'): number | undefined {
  const range = node.range;
  if (!range) return undefined;
  let index = range[1] - 1;
  while (index >= range[0] && text[index] !== bracket) index--;
  return index >= range[0] ? index : undefined;
}

/** The indentation step the file uses, read from a nested block collection of `map` (2 when it cannot tell). */
function indentStep(text: string, map: YAMLMap): number {
  for (const pair of map.items) {
    const key = pair.key as Node | null;
    const child = pair.value as Node | null;
    if (!key?.range || (!isMap(child) && !isSeq(child)) || child.flow) continue;
    const first = isMap(child) ? pairStart(child.items[0] as Pair | undefined) : child.range?.[0];
    if (first === undefined) continue;
    const step = columnOf(text, first) - columnOf(text, key.range[0]);
    if (step > 0 && step <= 8) return step;
  }
  return 2;
}

/** `"` when the mapping's keys are double-quoted (JSON-style), so new keys match. */
function keyQuote(map: YAMLMap): string {
  const key = (map.items[0] as Pair | undefined)?.key;
  return isScalar(key) && key.type === Scalar.QUOTE_DOUBLE ? '"' : '';
}

/** `a: {b: v}` or the block form (later lines at `indent` plus one step per level), for keys not written yet. */
function renderPath(keys: readonly string[], value: string, flow: boolean, indent: number, step: number, eol: string): string {
  if (flow) return keys.slice(0, -1).reduceRight((inner, key) => `${key}: {${inner}}`, `${keys[keys.length - 1]}: ${value}`);
  return keys.map((key, depth) => `${' '.repeat(indent + depth * step)}${key}:${depth === keys.length - 1 ? ` ${value}` : ''}`).join(eol).slice(indent);
}

/** Inserts `path: value` (creating the missing mappings) as the last entry of `map`, in its style. */
function insertPath(text: string, map: YAMLMap, path: readonly string[], value: string, step: number): SpanEdit | undefined {
  if (!isMap(map) || !map.range) return undefined;
  const quote = keyQuote(map);
  const keys = path.map((key) => `${quote}${key}${quote}`);
  const eol = lineBreak(text);
  const last = map.items[map.items.length - 1] as Pair | undefined;
  if (map.flow) {
    const entry = renderPath(keys, value, true, 0, step, eol);
    const close = flowClose(text, map, '}');
    if (close === undefined) return undefined;
    if (!last) return { start: close, end: close, newText: text[close - 1] === ' ' ? `${entry} ` : entry };
    const lastStart = pairStart(last);
    if (lastStart === undefined) return undefined;
    // A flow mapping written one entry per line (JSON style) gets the new entry on its own line too.
    const indent = text.slice(lineStartOf(text, lastStart), lastStart);
    const ownLine = indent.trim() === '' && lineStartOf(text, lastStart) !== lineStartOf(text, map.range[0]);
    const at = pairEnd(text, last);
    return { start: at, end: at, newText: `${ownLine ? `,${eol}${indent}` : ', '}${entry}` };
  }
  const firstStart = pairStart(map.items[0] as Pair | undefined);
  if (firstStart === undefined || !last) return undefined;
  const indent = text.slice(lineStartOf(text, firstStart), firstStart).replace(/[^ \t]/g, ' ');
  const at = lineEndOf(text, pairEnd(text, last));
  return { start: at, end: at, newText: `${eol}${indent}${renderPath(keys, value, false, indent.length, step, eol)}` };
}

/**
 * Inserts `key: value` as the last entry of a mapping: in a block mapping on a new line at the indentation
 * of its first key (after any trailing comment of the last line), in a flow mapping before the `}`.
 * `value` is written as given (a flow collection such as `[ALL]` suits both styles).
 */
export function insertPair(text: string, map: YAMLMap, key: string, value: string): SpanEdit | undefined {
  return insertPath(text, map, [key], value, 2);
}

/**
 * Sets `path` (keys below `map`) to the YAML text `value`: replaces an existing scalar, fills an empty
 * value (`key:`), or inserts the missing keys (a whole nested block when absent, in the file's indentation
 * step) at the end of the deepest mapping that exists. Undefined for anchored values and non-mappings
 * along the path.
 */
export function setIn(text: string, map: YAMLMap, path: readonly string[], value: string): SpanEdit | undefined {
  const step = indentStep(text, map);
  let current = map;
  for (let depth = 0; depth < path.length; depth++) {
    const pair = current.items.find((candidate) => isScalar(candidate.key) && String(candidate.key.value) === path[depth]) as Pair | undefined;
    if (!pair) return insertPath(text, current, path.slice(depth), value, step);
    const child = pair.value as Node | null;
    const last = depth === path.length - 1;
    if (last && isScalar(child) && child.range && child.value !== null && !child.anchor) return { start: child.range[0], end: child.range[1], newText: value };
    if (!last && isMap(child)) {
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
    const end = child?.range ? Math.max(at, contentEnd(text, child)) : at;
    const indent = columnOf(text, keyNode.range[0]) + step;
    const rest = path.slice(depth + 1);
    const eol = lineBreak(text);
    return { start: at, end, newText: rest.length === 0 ? ` ${value}` : `${eol}${' '.repeat(indent)}${renderPath(rest, value, false, indent, step, eol)}` };
  }
  return undefined;
}

/** Options of {@link removePair}. */
export interface RemovePairOptions {
  /** The entry holding `map`: removed instead when `pair` is the mapping's only entry (no empty `key:` left). */
  parent?: { map: YAMLMap; pair: Pair };
  /** Refuse (undefined) to remove a mapping's only entry (without `parent`) or an entry on a `- ` line. */
  keepShape?: boolean;
}

/**
 * Removes one pair from a mapping: in block style its whole lines (a trailing comment on them goes too,
 * comment lines above stay), in flow style the entry and one comma. An entry opening a sequence item
 * (`- key: v`) leaves the dash to the next entry (or `- {}`). See {@link RemovePairOptions}.
 */
export function removePair(text: string, map: YAMLMap, pair: Pair, options: RemovePairOptions = {}): SpanEdit | undefined {
  if (!isMap(map)) return undefined;
  if (map.items.length === 1 && options.parent) return removePair(text, options.parent.map, options.parent.pair);
  if (map.items.length < 2 && options.keepShape) return undefined;
  const index = map.items.indexOf(pair as never);
  const start = pairStart(pair);
  if (index < 0 || start === undefined) return undefined;
  if (map.flow) return removeFlowItem(map.items as Pair[], index, pairStart, (item) => pairEnd(text, item));
  if (startsLine(text, start, false)) return { start: lineStartOf(text, start), end: nextLineStart(text, pairEnd(text, pair)), newText: '' };
  if (options.keepShape || !startsLine(text, start, true)) return undefined;
  const nextStart = pairStart(map.items[index + 1] as Pair | undefined);
  if (nextStart !== undefined) return { start, end: nextStart, newText: '' };
  return { start, end: lineEndOf(text, pairEnd(text, pair)), newText: '{}' };
}

/**
 * Removes `count` items of a sequence from `index` on (e.g. a flag with its separate value): in block
 * style their `- ` lines, in flow style the items and one comma.
 */
export function removeSeqItem(text: string, seq: YAMLSeq, index: number, count = 1): SpanEdit | undefined {
  if (!isSeq(seq) || index < 0 || count < 1 || index + count > seq.items.length) return undefined;
  const itemStart = (item: unknown): number | undefined => (item as Node | null)?.range?.[0];
  const itemEnd = (item: unknown): number => contentEnd(text, item as Node);
  const start = itemStart(seq.items[index]);
  if (start === undefined || itemStart(seq.items[index + count - 1]) === undefined) return undefined;
  const lastEnd = itemEnd(seq.items[index + count - 1]);
  if (seq.flow) {
    if (index > 0) return { start: itemEnd(seq.items[index - 1]), end: lastEnd, newText: '' };
    const next = itemStart(seq.items[index + count]);
    return { start, end: next ?? lastEnd, newText: '' };
  }
  if (!startsLine(text, start, true)) return undefined;
  return { start: lineStartOf(text, start), end: nextLineStart(text, lastEnd), newText: '' };
}

function removeFlowItem<T>(items: readonly T[], index: number, startOf: (item: T) => number | undefined, endOf: (item: T) => number): SpanEdit | undefined {
  const start = startOf(items[index]);
  if (start === undefined) return undefined;
  if (index > 0) return { start: endOf(items[index - 1]), end: endOf(items[index]), newText: '' };
  if (items.length === 1) return { start, end: endOf(items[0]), newText: '' };
  const next = startOf(items[1]);
  return next === undefined ? undefined : { start, end: next, newText: '' };
}

/**
 * Appends an item to a sequence: in block style a new `- value` line with the first item's `- ` prefix,
 * in flow style `, value` before the `]`. `value` is written as given (render it with `renderScalar`).
 */
export function appendSeqItem(text: string, seq: YAMLSeq, value: string): SpanEdit | undefined {
  if (!isSeq(seq) || !seq.range) return undefined;
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (seq.flow) {
    const close = flowClose(text, seq, ']');
    if (close === undefined) return undefined;
    if (!last) return { start: close, end: close, newText: value };
    const at = contentEnd(text, last, close);
    return { start: at, end: at, newText: `, ${value}` };
  }
  const firstStart = (seq.items[0] as Node | undefined)?.range?.[0];
  if (firstStart === undefined || !last || !startsLine(text, firstStart, true)) return undefined;
  const prefix = text.slice(lineStartOf(text, firstStart), firstStart);
  const at = lineEndOf(text, contentEnd(text, last, firstStart));
  return { start: at, end: at, newText: `${lineBreak(text)}${prefix}${value}` };
}

/**
 * Appends a mapping item (`- k1: v1` then `  k2: v2` lines) to a block sequence whose last item is a block
 * mapping starting on its `- ` line. Keys and values are written as given.
 */
export function appendMapItem(text: string, seq: YAMLSeq, entries: readonly (readonly [string, string])[]): SpanEdit | undefined {
  const last = seq.items[seq.items.length - 1];
  if (!isSeq(seq) || seq.flow || !isMap(last) || last.flow || entries.length === 0) return undefined;
  const firstKey = pairStart(last.items[0] as Pair | undefined);
  if (firstKey === undefined || !startsLine(text, firstKey, true)) return undefined;
  const prefix = text.slice(lineStartOf(text, firstKey), firstKey);
  const eol = lineBreak(text);
  const lines = entries.map(([key, value], index) => `${index === 0 ? prefix : ' '.repeat(prefix.length)}${key}: ${value}`);
  const at = lineEndOf(text, contentEnd(text, last));
  return { start: at, end: at, newText: `${eol}${lines.join(eol)}` };
}

/**
 * Moves a block sequence item (all its lines) to the end of the sequence: two edits, a removal and an
 * insertion after the last item. Undefined for flow sequences or items that do not start their own line.
 */
export function moveSeqItemToEnd(text: string, seq: YAMLSeq, index: number): SpanEdit[] | undefined {
  const items = seq.items as Node[];
  const last = items[items.length - 1];
  if (index >= items.length - 1 || seq.flow || !last?.range) return undefined;
  const removal = removeSeqItem(text, seq, index);
  if (!removal || !startsLine(text, last.range[0], true)) return undefined;
  let moved = text.slice(removal.start, removal.end);
  const at = nextLineStart(text, contentEnd(text, last));
  if (at === text.length && !/[\r\n]$/.test(text)) moved = `${lineBreak(text)}${moved.replace(/\r?\n$/, '')}`;
  return [removal, { start: at, end: at, newText: moved }];
}
