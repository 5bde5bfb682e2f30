import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { SpanEdit } from '../engine/types';

/**
 * Minimal, style-keeping text edits on a parsed YAML document (nodes from `yaml`'s Document API with
 * ranges). Each helper returns one span edit against the original text, or undefined when it cannot edit
 * safely (the caller then offers no fix). The edits keep comments, indentation width, block vs flow style,
 * quoting and key order: they only insert or delete whole items, never re-serialise a node.
 *
 * Nothing here knows about compose or Kubernetes: pass the mapping or sequence to edit.
 */

/** The line break the text already uses (`\r\n` or `\n`). */
export function lineBreak(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function lineStartOf(text: string, offset: number): number {
  let index = offset;
  while (index > 0 && text[index - 1] !== '\n' && text[index - 1] !== '\r') index--;
  return index;
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
function contentEnd(text: string, node: Node | null | undefined, fallback: number): number {
  const range = node?.range;
  let end = range ? range[1] : fallback;
  while (end > 0 && /[ \t\r\n]/.test(text[end - 1])) end--;
  return end;
}

/** The last offset a pair's text occupies (its value, or its key when the value is empty). */
function pairEnd(text: string, pair: Pair): number {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  const valueEnd = value?.range ? contentEnd(text, value, 0) : 0;
  return Math.max(valueEnd, contentEnd(text, key, 0));
}

function pairStart(pair: Pair): number | undefined {
  return (pair.key as Node | null)?.range?.[0];
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

/**
 * Inserts `key: value` as the last entry of a mapping: in a block mapping on a new line at the indentation
 * of its first key (after any trailing comment of the last line), in a flow mapping before the `}`.
 * `value` is written as given (a flow collection such as `[ALL]` suits both styles).
 */
export function insertPair(text: string, map: YAMLMap, key: string, value: string): SpanEdit | undefined {
  if (!isMap(map) || !map.range) return undefined;
  const entry = `${key}: ${value}`;
  if (map.flow) {
    const close = flowClose(text, map, '}');
    if (close === undefined) return undefined;
    const last = map.items[map.items.length - 1] as Pair | undefined;
    if (!last) return { start: close, end: close, newText: text[close - 1] === ' ' ? `${entry} ` : entry };
    const at = pairEnd(text, last);
    return { start: at, end: at, newText: `, ${entry}` };
  }
  const first = map.items[0] as Pair | undefined;
  const firstStart = first ? pairStart(first) : undefined;
  if (firstStart === undefined) return undefined;
  const indent = text.slice(lineStartOf(text, firstStart), firstStart).replace(/[^ \t]/g, ' ');
  const last = map.items[map.items.length - 1] as Pair;
  const at = lineEndOf(text, pairEnd(text, last));
  return { start: at, end: at, newText: `${lineBreak(text)}${indent}${entry}` };
}

/**
 * Removes one pair from a mapping: in block style its whole lines (a trailing comment on them goes too,
 * comment lines above stay), in flow style the entry and one comma. Undefined when it is the mapping's only
 * pair (removing it would change the mapping's type) or the pair shares its line with a `- `.
 */
export function removePair(text: string, map: YAMLMap, pair: Pair): SpanEdit | undefined {
  if (!isMap(map) || map.items.length < 2) return undefined;
  const index = map.items.indexOf(pair as never);
  const start = pairStart(pair);
  if (index < 0 || start === undefined) return undefined;
  if (map.flow) return removeFlowItem(map.items as Pair[], index, pairStart, (item) => pairEnd(text, item));
  if (!startsLine(text, start, false)) return undefined;
  return { start: lineStartOf(text, start), end: nextLineStart(text, pairEnd(text, pair)), newText: '' };
}

/**
 * Removes one item from a sequence: in block style its `- ` line(s), in flow style the item and one comma.
 * Undefined when it is the only item (remove the pair holding the sequence instead).
 */
export function removeSeqItem(text: string, seq: YAMLSeq, index: number): SpanEdit | undefined {
  if (!isSeq(seq) || seq.items.length < 2 || index < 0 || index >= seq.items.length) return undefined;
  const itemStart = (item: unknown): number | undefined => (item as Node | null)?.range?.[0];
  const itemEnd = (item: unknown): number => contentEnd(text, item as Node, 0);
  if (seq.flow) return removeFlowItem(seq.items, index, itemStart, itemEnd);
  const start = itemStart(seq.items[index]);
  if (start === undefined || !startsLine(text, start, true)) return undefined;
  return { start: lineStartOf(text, start), end: nextLineStart(text, itemEnd(seq.items[index])), newText: '' };
}

function removeFlowItem<T>(items: readonly T[], index: number, startOf: (item: T) => number | undefined, endOf: (item: T) => number): SpanEdit | undefined {
  const start = startOf(items[index]);
  if (start === undefined) return undefined;
  if (index > 0) return { start: endOf(items[index - 1]), end: endOf(items[index]), newText: '' };
  const next = startOf(items[1]);
  return next === undefined ? undefined : { start, end: next, newText: '' };
}

/**
 * Appends an item to a sequence: in block style a new `- value` line at the first item's indentation,
 * in flow style `, value` before the `]`. `value` is written as given (quote it yourself when needed).
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
  const first = seq.items[0] as Node | undefined;
  const firstStart = first?.range?.[0];
  if (firstStart === undefined || !last || !startsLine(text, firstStart, true)) return undefined;
  const prefix = text.slice(lineStartOf(text, firstStart), firstStart);
  const at = lineEndOf(text, contentEnd(text, last, firstStart));
  return { start: at, end: at, newText: `${lineBreak(text)}${prefix}${value}` };
}

/** Replaces a scalar's text (quotes included) with `newText`. */
export function replaceNode(node: Node, newText: string): SpanEdit | undefined {
  const range = node.range;
  return range ? { start: range[0], end: range[1], newText } : undefined;
}

/**
 * Inserts `insert` at `index` characters into a scalar's *value*, after its opening quote if quoted
 * (e.g. a prefix into `"8080:80"`). Undefined for block scalars and escapes before `index`.
 */
export function insertIntoScalar(text: string, node: Node, index: number, insert: string): SpanEdit | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const type = node.type;
  if (type === 'BLOCK_FOLDED' || type === 'BLOCK_LITERAL') return undefined;
  const quoted = type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE';
  const raw = text.slice(node.range[0] + (quoted ? 1 : 0), node.range[1]);
  if (/[\\']/.test(raw.slice(0, index))) return undefined;
  const at = node.range[0] + (quoted ? 1 : 0) + index;
  return { start: at, end: at, newText: insert };
}
