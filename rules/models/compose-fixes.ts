import type { YAMLMap } from 'yaml';
import { isMap } from './yaml-nodes';
import type { Span, SpanEdit } from '../engine/types';
import type { ComposeItem, ComposeValue } from './compose-values';
import { insertPair, removePair, removeSeqItem } from './yaml-edit';

/**
 * Compose quick-fix edits on top of the general YAML edit helpers. Edits only touch what is written in
 * the service itself: an inherited value (anchor, merge key, extends) is never edited from here, because
 * the edit would change every service that shares it.
 */

/** Adds `key: value` to the service's own mapping (undefined when the service is not a mapping). */
export function addToService(text: string, service: { map?: YAMLMap }, key: string, value: string): SpanEdit | undefined {
  return service.map ? insertPair(text, service.map, key, value) : undefined;
}

/** Removes a field written in the service (`privileged: true`); undefined for inherited values. */
export function removeField(text: string, value: ComposeValue): SpanEdit | undefined {
  return value.inheritedFrom ? undefined : removePair(text, value.map, value.pair, { keepShape: true });
}

/** Removes one item of a sequence field, or the whole field when it is the only item. */
export function removeItem(text: string, value: ComposeValue, item: ComposeItem): SpanEdit | undefined {
  if (value.inheritedFrom) return undefined;
  return item.seq.items.length === 1 ? removeField(text, value) : removeSeqItem(text, item.seq, item.index);
}

/** Wraps optional edits as a fix list: no edit, no fix. */
export function fixesOf(title: string, safe: boolean, edit: SpanEdit | undefined): { title: string; safe: boolean; edits: SpanEdit[] }[] {
  return edit ? [{ title, safe, edits: [edit] }] : [];
}

/**
 * Adds a resource limit in the spelling the service already uses: under `deploy.resources.limits` when the
 * service writes that mapping itself, else as the legacy top-level key (compose refuses both with different
 * values). `span` is where the missing limit belongs: the `limits:` key, or the service's name. `edit` builds the
 * edit when called (a fix is built when it is read).
 */
export function addLimit(
  text: string,
  service: { map?: YAMLMap; keySpan: Span; get(...path: string[]): ComposeValue | undefined },
  legacy: [string, string],
  deploy: [string, string],
): { edit: () => SpanEdit | undefined; written: string; span: Span } {
  const limits = service.get('deploy', 'resources', 'limits');
  if (limits && isMap(limits.node)) {
    const written = `deploy.resources.limits.${deploy[0]}: ${deploy[1]}`;
    if (limits.inheritedFrom) return { edit: () => undefined, written, span: service.keySpan };
    const key = limits.pair.key as { range?: [number, number, number] } | null;
    const node = limits.node;
    return { edit: () => insertPair(text, node, deploy[0], deploy[1]), written, span: key?.range ? { start: key.range[0], end: key.range[1] } : service.keySpan };
  }
  return { edit: () => addToService(text, service, legacy[0], legacy[1]), written: `${legacy[0]}: ${legacy[1]}`, span: service.keySpan };
}
