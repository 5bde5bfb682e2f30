import { Scalar, type Node } from 'yaml';
import { isScalar, isSeq } from './yaml-nodes';
import type { SpanEdit } from '../engine/types';

/**
 * Reading and writing YAML scalars for quick fixes: quote a string only when it must be quoted, keep a
 * scalar's quoting style when replacing it, insert into a scalar's value. The structural edits (pairs,
 * sequence items) live in `yaml-edit.ts`. Nothing here knows about compose or Kubernetes.
 */

const YAML11_SPECIAL = /^(?:~|null|true|false|yes|no|y|n|on|off|[-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:e[-+]?\d+)?|0x[0-9a-f_]+|0o?[0-7_]+|[-+]?\.inf|\.nan)$/i;

/** Whether a string must be quoted to stay a string (YAML 1.1 readers see `false`, `30`, `on` as non-strings). */
export function needsQuotes(value: string): boolean {
  if (value === '' || YAML11_SPECIAL.test(value)) return true;
  if (/^[\s?:,[\]{}#&*!|>'"%@`]/.test(value) || /^-(?:\s|$)/.test(value) || /\s$/.test(value)) return true;
  return /: |\s#|[\n\r\t]/.test(value);
}

/**
 * Renders a string as a YAML scalar in the quoting style of `like` (single or double quotes), else plain
 * when it reads back as the same string, else double-quoted.
 */
export function renderScalar(value: string, like?: Node | null): string {
  const type = isScalar(like) ? like.type : undefined;
  if (type === Scalar.QUOTE_SINGLE && !/[\n\r]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  if (type === Scalar.QUOTE_DOUBLE || needsQuotes(value)) return JSON.stringify(value);
  return value;
}

/** Replaces a node's whole text (quotes included) with `newText`, written as given. */
export function replaceNode(node: Node, newText: string): SpanEdit | undefined {
  const range = node.range;
  return range ? { start: range[0], end: range[1], newText } : undefined;
}

/** Replaces a scalar's text with the string `value`, keeping its quoting style (see {@link renderScalar}). */
export function replaceScalar(node: Node, value: string): SpanEdit | undefined {
  return replaceNode(node, renderScalar(value, node));
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

/** The scalar items of a sequence, as text (non-scalars are skipped; not a sequence gives `[]`). */
export function seqStrings(node: unknown): string[] {
  if (!isSeq(node)) return [];
  return (node.items as Node[]).filter(isScalar).map((item) => String(item.value));
}
