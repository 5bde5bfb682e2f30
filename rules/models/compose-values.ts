import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { isAlias, isScalar, isSeq } from './yaml-nodes';
import type { Span } from '../engine/types';
import { asBoolean } from './yaml';

/** Reading compose values: aliases, interpolation, booleans, sequences, capability and option names. */

/** A field's effective value. */
export interface ComposeValue {
  /** The value node, aliases followed. */
  node: Node;
  /** The pair that holds it, in whichever mapping it is written. */
  pair: Pair;
  /** The mapping holding `pair`. */
  map: YAMLMap;
  /** Where findings on this value point: the value in the service, or the service name when inherited. */
  span: Span;
  /** Set when the value is written elsewhere: `anchor "defaults"`, `service "base" (extends)`. */
  inheritedFrom?: string;
}

export const MAX_DEPTH = 12;

/** Follows aliases, bounded; undefined for a dangling or cyclic alias. */
export function deref(document: Document, node: unknown): Node | undefined {
  let current = node as Node | null | undefined;
  for (let hops = 0; hops < MAX_DEPTH && isAlias(current); hops++) {
    try {
      current = current.resolve(document) as Node | undefined;
    } catch {
      return undefined;
    }
  }
  return isAlias(current) ? undefined : (current ?? undefined);
}



/** ` (inherited from anchor "x")`, for messages about a value written elsewhere; empty otherwise. */
export function origin(value: ComposeValue | undefined): string {
  return value?.inheritedFrom ? ` (inherited from ${value.inheritedFrom})` : '';
}

/**
 * Compose interpolation: `$$` is a literal `$`, `${VAR:-default}` / `${VAR-default}` take their default,
 * anything else that depends on a variable (`${VAR}`, `$VAR`, `${VAR:?err}`) is unknown: undefined.
 */
export function interpolate(raw: string): string | undefined {
  if (!raw.includes('$')) return raw;
  let result = '';
  let index = 0;
  while (index < raw.length) {
    const char = raw[index];
    if (char !== '$') {
      result += char;
      index++;
      continue;
    }
    const next = raw[index + 1];
    if (next === '$') {
      result += '$';
      index += 2;
      continue;
    }
    if (next === '{') {
      const close = matchingBrace(raw, index + 1);
      if (close < 0) return undefined;
      const body = raw.slice(index + 2, close);
      const match = /^[A-Za-z_][A-Za-z0-9_]*(:?-)([\s\S]*)$/.exec(body);
      if (!match) return undefined;
      const fallback = interpolate(match[2]);
      if (fallback === undefined) return undefined;
      result += fallback;
      index = close + 1;
      continue;
    }
    if (next !== undefined && /[A-Za-z_]/.test(next)) return undefined;
    result += char;
    index++;
  }
  return result;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    if (text[index] === '{') depth++;
    else if (text[index] === '}' && --depth === 0) return index;
  }
  return -1;
}

/** A scalar's value as compose reads it, interpolated; undefined for non-scalars and unknown values. */
export function textOf(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (typeof value === 'string') return interpolate(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A boolean field (`true`, `"true"`, `${X:-true}`); undefined when unknown. */
export function booleanOf(value: ComposeValue | undefined): boolean | undefined {
  if (!value) return undefined;
  const node = value.node;
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  const text = textOf(node);
  return text === undefined ? undefined : asBoolean(text);
}

/** One item of a sequence field, with where a finding on it points. */
export interface ComposeItem {
  node: Node;
  index: number;
  span: Span;
  seq: YAMLSeq;
}

/** The items of a sequence field (aliases followed); inherited items point where the field is written. */
export function itemsOf(document: Document, value: ComposeValue | undefined): ComposeItem[] {
  if (!value || !isSeq(value.node)) return [];
  const seq = value.node;
  const inherited = value.inheritedFrom !== undefined;
  const items: ComposeItem[] = [];
  seq.items.forEach((item, index) => {
    const node = deref(document, item);
    if (!node) return;
    const span = inherited || isAlias(item) ? value.span : spanOfNode(node, value.span);
    items.push({ node, index, span, seq });
  });
  return items;
}

/** Capability names as Docker compares them: upper-case, no `CAP_` prefix. */
export function capabilityName(raw: string): string {
  return raw.trim().toUpperCase().replace(/^CAP_/, '');
}

/** A `security_opt` entry split into key and value: `key=value`, `key:value` or a bare key. */
export function securityOption(raw: string): { key: string; value: string | undefined } {
  const match = /^([^=:]+)[=:](.*)$/s.exec(raw.trim());
  return match ? { key: match[1].trim().toLowerCase(), value: match[2].trim() } : { key: raw.trim().toLowerCase(), value: undefined };
}

function spanOfNode(node: Node | undefined, fallback: Span): Span {
  return node?.range ? { start: node.range[0], end: node.range[1] } : fallback;
}

/** One `security_opt` entry of a service, parsed. */
export interface SecurityOptionItem extends ComposeItem {
  key: string;
  value: string | undefined;
  raw: string;
}

/** The `security_opt` entries of a service (unknown, interpolated entries are left out). */
export function securityOptionsOf(document: Document, value: ComposeValue | undefined): SecurityOptionItem[] {
  return itemsOf(document, value).flatMap((item) => {
    const raw = textOf(item.node);
    return raw === undefined ? [] : [{ ...item, raw, ...securityOption(raw) }];
  });
}

/** The field's value when it reads (interpolated, case-insensitive) as `expected`; undefined otherwise. */
export function fieldIs(service: { get(...path: string[]): ComposeValue | undefined }, path: string[], expected: string): ComposeValue | undefined {
  const value = service.get(...path);
  const text = value && textOf(value.node);
  return text !== undefined && text.trim().toLowerCase() === expected ? value : undefined;
}
