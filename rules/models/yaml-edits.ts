import { isMap, isScalar, isSeq, Scalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { SpanEdit } from '../engine/types';

/**
 * Minimal text edits on parsed YAML: replace one scalar, append a sequence item or a mapping key in the
 * style the neighbours were written in (block or flow, quoting, indentation), remove one item. Comments
 * and everything outside the touched span stay as written. Each helper returns undefined when it cannot
 * make a clean edit (odd layout): a fix is then not offered rather than guessed.
 */

const YAML11_SPECIAL = /^(?:~|null|true|false|yes|no|y|n|on|off|[-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:e[-+]?\d+)?|0x[0-9a-f_]+|0o?[0-7_]+|[-+]?\.inf|\.nan)$/i;

/** Whether a string must be quoted to stay a string (YAML 1.1 readers see `false`, `30`, `on` as non-strings). */
export function needsQuotes(value: string): boolean {
  if (value === '' || YAML11_SPECIAL.test(value)) return true;
  if (/^[\s?:,[\]{}#&*!|>'"%@`]/.test(value) || /^-(?:\s|$)/.test(value) || /\s$/.test(value)) return true;
  return /: |\s#|[\n\r\t]/.test(value);
}

/** Renders a string scalar in the quoting style of `like` (plain when it can stay plain). */
export function renderScalar(value: string, like?: Node | null): string {
  const type = isScalar(like) ? like.type : undefined;
  if (type === Scalar.QUOTE_SINGLE && !/[\n\r]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  if (type === Scalar.QUOTE_DOUBLE || needsQuotes(value)) return JSON.stringify(value);
  return value;
}

/** Replaces a scalar node's text with `value`, keeping its quoting style. */
export function replaceScalar(node: Node, value: string): SpanEdit | undefined {
  if (!node.range) return undefined;
  return { start: node.range[0], end: node.range[1], newText: renderScalar(value, node) };
}

function lineStartOf(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

/** The offset just before the line break that ends the line holding `offset` (after any trailing comment). */
function lineEndOf(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

/** The end of a node's own text, without the line breaks and blanks a block collection carries. */
function contentEnd(text: string, node: Node): number {
  let end = node.range?.[1] ?? 0;
  while (end > 0 && /[\s]/.test(text[end - 1])) end--;
  return end;
}

function isFlow(node: YAMLSeq | YAMLMap, text: string): boolean {
  const start = node.range?.[0];
  return start !== undefined && (text[start] === '[' || text[start] === '{');
}

/** The `- ` prefix (indentation included) of a block sequence item, when the item starts its own line. */
function blockItemPrefix(text: string, item: Node): string | undefined {
  const start = item.range?.[0];
  if (start === undefined) return undefined;
  const prefix = text.slice(lineStartOf(text, start), start);
  return /^[ \t]*-[ \t]+$/.test(prefix) ? prefix : undefined;
}

/** Appends a scalar item to a sequence, in its style (block `- item` lines or flow `[a, b]`). */
export function appendSeqItem(text: string, seq: YAMLSeq, value: string): SpanEdit | undefined {
  const items = seq.items as Node[];
  const last = items[items.length - 1];
  if (isFlow(seq, text)) {
    if (!last) {
      const start = seq.range![0] + 1;
      return { start, end: start, newText: renderScalar(value, undefined) };
    }
    const end = contentEnd(text, last);
    return { start: end, end, newText: `, ${renderScalar(value, last)}` };
  }
  if (!last || !isScalar(last)) return undefined;
  const prefix = blockItemPrefix(text, last);
  if (prefix === undefined) return undefined;
  const at = lineEndOf(text, contentEnd(text, last));
  return { start: at, end: at, newText: `${lineBreakOf(text)}${prefix}${renderScalar(value, last)}` };
}

/** Appends `{name: …, value: …}` to a kubeadm v1beta4 argument list, matching the last item's layout. */
export function appendNameValueItem(text: string, seq: YAMLSeq, name: string, value: string): SpanEdit | undefined {
  const last = (seq.items as Node[])[seq.items.length - 1];
  if (!isMap(last) || isFlow(seq, text)) return undefined;
  const firstKey = (last.items[0] as Pair | undefined)?.key as Node | undefined;
  const prefix = firstKey ? blockItemPrefix(text, firstKey) : undefined;
  if (prefix === undefined || isFlow(last, text)) return undefined;
  const valueNode = (last.items as Pair[]).find((pair) => isScalar(pair.key) && pair.key.value === 'value')?.value as Node | undefined;
  const at = lineEndOf(text, contentEnd(text, last));
  const eol = lineBreakOf(text);
  return { start: at, end: at, newText: `${eol}${prefix}name: ${renderScalar(name)}${eol}${' '.repeat(prefix.length)}value: ${renderScalar(value, valueNode ?? new Scalar('"'))}` };
}

function lineBreakOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function keyQuote(map: YAMLMap): string {
  const key = (map.items[0] as Pair | undefined)?.key;
  return isScalar(key) && key.type === Scalar.QUOTE_DOUBLE ? '"' : '';
}

/**
 * Sets `path` below `map` to a rendered value: replaces the scalar when the key exists, else adds the
 * missing keys under the deepest mapping that exists, block or flow, at its indentation.
 */
export function setMapPath(text: string, map: YAMLMap, path: readonly string[], rendered: string): SpanEdit | undefined {
  let current = map;
  let depth = 0;
  while (depth < path.length) {
    const pair = current.items.find((candidate) => isScalar(candidate.key) && String(candidate.key.value) === path[depth]) as Pair | undefined;
    if (!pair) break;
    const value = pair.value as Node | null;
    if (depth === path.length - 1) {
      if (!isScalar(value) || !value.range) return undefined;
      return { start: value.range[0], end: value.range[1], newText: rendered };
    }
    if (!isMap(value)) return undefined;
    current = value;
    depth++;
  }
  const rest = path.slice(depth);
  const last = current.items[current.items.length - 1] as Pair | undefined;
  if (!last || !isScalar(last.key) || !last.key.range) return undefined;
  const quote = keyQuote(current);
  const key = (name: string): string => `${quote}${name}${quote}`;
  const lastEnd = contentEnd(text, (last.value as Node | null) ?? (last.key as Node));
  if (isFlow(current, text)) {
    const nested = rest.slice(1).reduceRight((inner, name) => `{${key(name)}: ${inner}}`, rendered);
    const keyStart = last.key.range[0];
    const indent = text.slice(lineStartOf(text, keyStart), keyStart);
    const ownLine = indent.trim() === '' && lineStartOf(text, keyStart) !== lineStartOf(text, current.range![0]);
    const separator = ownLine ? `,${lineBreakOf(text)}${indent}` : ', ';
    return { start: lastEnd, end: lastEnd, newText: `${separator}${key(rest[0])}: ${nested}` };
  }
  const keyStart = last.key.range[0];
  const indent = text.slice(lineStartOf(text, keyStart), keyStart);
  if (!/^[ \t]*(?:-[ \t]+)?$/.test(indent)) return undefined;
  const column = ' '.repeat(indent.length);
  const eol = lineBreakOf(text);
  const lines = rest.map((name, index) => `${column}${'  '.repeat(index)}${key(name)}:${index === rest.length - 1 ? ` ${rendered}` : ''}`);
  const at = lineEndOf(text, lastEnd);
  return { start: at, end: at, newText: `${eol}${lines.join(eol)}` };
}

/** Removes one item of a sequence (and `extra` items right after it, e.g. a flag's separate value). */
export function removeSeqItems(text: string, seq: YAMLSeq, index: number, count = 1): SpanEdit | undefined {
  const items = seq.items as Node[];
  const first = items[index];
  const last = items[index + count - 1];
  if (!first?.range || !last?.range) return undefined;
  if (isFlow(seq, text)) {
    const previous = items[index - 1];
    const next = items[index + count];
    if (previous) return { start: contentEnd(text, previous), end: contentEnd(text, last), newText: '' };
    if (next?.range) return { start: first.range[0], end: next.range[0], newText: '' };
    return { start: first.range[0], end: contentEnd(text, last), newText: '' };
  }
  if (blockItemPrefix(text, first) === undefined) return undefined;
  const start = lineStartOf(text, first.range[0]);
  let end = lineEndOf(text, contentEnd(text, last));
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return { start, end, newText: '' };
}

/**
 * Moves a block sequence item (all its lines) to the end of the sequence: two edits, a removal and an
 * insertion after the last item. Undefined for flow sequences or items that do not start their own line.
 */
export function moveSeqItemToEnd(text: string, seq: YAMLSeq, index: number): SpanEdit[] | undefined {
  const items = seq.items as Node[];
  const last = items[items.length - 1];
  if (index >= items.length - 1 || isFlow(seq, text) || !last) return undefined;
  const removal = removeSeqItems(text, seq, index);
  if (!removal || blockItemPrefix(text, last) === undefined) return undefined;
  let moved = text.slice(removal.start, removal.end);
  let at = lineEndOf(text, contentEnd(text, last));
  if (text[at] === '\r') at++;
  if (text[at] === '\n') at++;
  if (at === text.length && !/[\r\n]$/.test(text)) moved = `${lineBreakOf(text)}${moved.replace(/\r?\n$/, '')}`;
  return [removal, { start: at, end: at, newText: moved }];
}

/** Removes one `key: value` line (block mapping) or entry (flow mapping). */
export function removePair(text: string, map: YAMLMap, pair: Pair): SpanEdit | undefined {
  const key = pair.key as Node;
  const value = (pair.value as Node | null) ?? key;
  if (!key.range) return undefined;
  const index = map.items.indexOf(pair);
  if (isFlow(map, text)) {
    const previous = map.items[index - 1] as Pair | undefined;
    const next = map.items[index + 1] as Pair | undefined;
    if (previous) return { start: contentEnd(text, (previous.value as Node | null) ?? (previous.key as Node)), end: contentEnd(text, value), newText: '' };
    if (next && (next.key as Node).range) return { start: key.range[0], end: (next.key as Node).range![0], newText: '' };
    return { start: key.range[0], end: contentEnd(text, value), newText: '' };
  }
  const start = lineStartOf(text, key.range[0]);
  if (text.slice(start, key.range[0]).trim() !== '') return undefined;
  let end = lineEndOf(text, contentEnd(text, value));
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return { start, end, newText: '' };
}

/** A sequence of scalars, as text (non-scalars are skipped). */
export function seqStrings(node: unknown): string[] {
  if (!isSeq(node)) return [];
  return (node.items as Node[]).filter(isScalar).map((item) => String(item.value));
}
