import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { isAlias, isMap, isScalar, isSeq } from './yaml-nodes';
import type { Span } from '../engine/types';
import type { ModelProblem, ParseInput, ParseOutcome } from './problems';
import { parseYamlStream } from './yaml';
import { deref, MAX_DEPTH, type ComposeValue } from './compose-values';
import { validateCompose, type SchemaIssue } from './compose-schema';

/**
 * The compose model: the parsed document plus, for each service, the *effective* value of a field as
 * compose reads it (YAML aliases, merge keys `<<: *x`, same-file `extends`, `!reset`), with the span where
 * a finding belongs: the value as written in the service, or the service's name when it is inherited.
 * Work is bounded: aliases are followed one at a time (never expanded) and inheritance depth is capped.
 */
export interface ComposeModel {
  document: Document.Parsed;
  services: ComposeService[];
  /** Top-level `volumes:` mapping (named volumes), if any. */
  volumes?: YAMLMap;
  /** Schema problems (unknown keys, loader consistency errors), computed once. */
  schemaIssues: SchemaIssue[];
}

export interface ComposeService {
  name: string;
  /** The service's name as written. */
  keySpan: Span;
  /** The service's own mapping (edits go here); undefined when the service is not a mapping. */
  map?: YAMLMap;
  /** The effective value at a path (`['deploy', 'resources', 'limits', 'memory']`). */
  get(...path: string[]): ComposeValue | undefined;
}

function isReset(node: unknown): boolean {
  return isScalar(node) && node.tag === '!reset';
}

function pairKey(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

interface Found {
  pair: Pair;
  map: YAMLMap;
  node: Node;
  via?: string;
  aliasNode?: Node;
}

/** Looks `key` up in a mapping, then in its merge keys (`<<: *a` or `<<: [*a, *b]`), first match wins. */
function lookup(document: Document, map: YAMLMap, key: string, depth: number): Found | null | undefined {
  if (depth > MAX_DEPTH) return undefined;
  let own: Pair | undefined;
  // Most maps have no merge key: the list is made for the first. (Every rule's `get` of every service comes here.)
  let merges: Pair[] | undefined;
  const items = map.items as Pair[];
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const name = pairKey(item);
    if (name === key) own = item;
    else if (name === '<<') (merges ??= []).push(item);
  }
  if (own) {
    if (isReset(own.value)) return null;
    const node = deref(document, own.value);
    if (!node) return undefined;
    const aliased = isAlias(own.value) ? (own.value as Node) : undefined;
    return { pair: own, map, node, ...(aliased ? { aliasNode: aliased, via: `anchor "${(own.value as unknown as { source: string }).source}"` } : {}) };
  }
  if (!merges) return undefined;
  for (const merge of merges) {
    const sources = isSeq(merge.value) ? (merge.value.items as Node[]) : [merge.value as Node];
    for (const source of sources) {
      const target = deref(document, source);
      if (!isMap(target)) continue;
      const found = lookup(document, target, key, depth + 1);
      if (found === null) return null;
      if (found) return { ...found, via: found.via ?? (isAlias(source) ? `anchor "${source.source}"` : 'a merge key'), aliasNode: undefined };
    }
  }
  return undefined;
}

function extendsTarget(document: Document, map: YAMLMap): string | undefined {
  const found = lookup(document, map, 'extends', 0);
  if (!found) return undefined;
  if (isScalar(found.node)) return typeof found.node.value === 'string' ? found.node.value : undefined;
  if (isMap(found.node)) {
    if (lookup(document, found.node, 'file', 0)) return undefined; // another file: not visible here
    const service = lookup(document, found.node, 'service', 0);
    return service && isScalar(service.node) ? String(service.node.value) : undefined;
  }
  return undefined;
}

function nodeSpanOf(node: Node | undefined, fallback: Span): Span {
  return node?.range ? { start: node.range[0], end: node.range[1] } : fallback;
}

function makeService(document: Document, pair: Pair, byName: Map<string, YAMLMap>): ComposeService {
  const name = pairKey(pair) ?? '';
  const keyNode = pair.key as Node;
  const keySpan = nodeSpanOf(keyNode, { start: 0, end: 0 });
  const map = deref(document, pair.value);
  const serviceMap = isMap(map) ? map : undefined;
  const aliasedService = isAlias(pair.value) ? `anchor "${pair.value.source}"` : undefined;

  /** `chain`: the services already followed through `extends` (undefined: this service alone, the Set made only when needed). */
  const resolve = (start: YAMLMap, path: string[], chain?: Set<string>): Found | undefined => {
    let current: YAMLMap = start;
    let via: string | undefined;
    let writtenAt: Node | undefined;
    for (let index = 0; index < path.length; index++) {
      const found = lookup(document, current, path[index], 0);
      if (found === null) return undefined;
      if (!found) {
        if (index > 0) return undefined;
        // Not in the service itself: try the service it extends (same file only).
        const base = extendsTarget(document, start);
        if (!base) return undefined;
        const seen = chain ?? new Set([name]);
        if (seen.has(base) || seen.size > MAX_DEPTH) return undefined;
        const baseMap = byName.get(base);
        if (!baseMap) return undefined;
        const inherited = resolve(baseMap, path, new Set([...seen, base]));
        return inherited ? { ...inherited, via: inherited.via ?? `service "${base}" (extends)`, aliasNode: undefined } : undefined;
      }
      if (!via && found.via) {
        via = found.via;
        writtenAt = found.aliasNode;
      }
      if (index === path.length - 1) return { ...found, via, aliasNode: writtenAt };
      if (!isMap(found.node)) return undefined;
      current = found.node;
    }
    return undefined;
  };

  const resolved = new Map<string, ComposeValue | undefined>();
  return {
    name,
    keySpan,
    map: serviceMap,
    get(...path: string[]) {
      if (!serviceMap) return undefined;
      // Every rule asks for its keys of every service, each a walk through merge keys and `extends`: the
      // model does not change after the parse, so each path is resolved once.
      const key = path.join('\u0000');
      if (resolved.has(key)) return resolved.get(key);
      const found = resolve(serviceMap, path);
      const via = found && (aliasedService ?? found.via);
      const span = !found ? undefined : !via ? nodeSpanOf(found.node, keySpan) : found.aliasNode && !aliasedService ? nodeSpanOf(found.aliasNode, keySpan) : keySpan;
      const result = found && span ? { node: found.node, pair: found.pair, map: found.map, span, ...(via ? { inheritedFrom: via } : {}) } : undefined;
      resolved.set(key, result);
      return result;
    },
  };
}

export function parseCompose(input: ParseInput): ParseOutcome<ComposeModel> {
  const stream = parseYamlStream(input.text);
  const document = stream.documents[0];
  if (!document || stream.problems.length > 0) return { problems: stream.problems };
  const problems: ModelProblem[] = [];
  const root = document.contents;
  const services: ComposeService[] = [];
  let volumes: YAMLMap | undefined;
  if (isMap(root)) {
    const servicesNode = deref(document, root.get('services', true));
    if (isMap(servicesNode)) {
      const byName = new Map<string, YAMLMap>();
      for (const pair of servicesNode.items as Pair[]) {
        const value = deref(document, pair.value);
        const key = pairKey(pair);
        if (key !== undefined && isMap(value)) byName.set(key, value);
      }
      for (const pair of servicesNode.items as Pair[]) if (pairKey(pair) !== undefined && pairKey(pair) !== '<<') services.push(makeService(document, pair, byName));
    }
    const volumesNode = deref(document, root.get('volumes', true));
    if (isMap(volumesNode)) volumes = volumesNode;
  }
  return { model: { document, services, volumes, schemaIssues: validateCompose(document, services) }, problems };
}

export * from './compose-values';
