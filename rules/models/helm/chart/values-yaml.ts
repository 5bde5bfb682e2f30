import { Alias, isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { parseYamlDocument } from '../../yaml-cst';
import type { GoMap, GoValue } from '../value';
import type { ValueOrigin } from '../source-map';
import { ValueOrigins } from './value-origins';
import { forgetChartValues } from './values-memo';

/**
 * YAML → Go values the way Helm loads values files and Chart.yaml (sigs.k8s.io/yaml: go-yaml v2, YAML 1.1,
 * then through JSON): every number becomes float64 (`number`), keys become strings, timestamps stay the text
 * written, `!!binary` becomes its base64 text, `yes`/`no`/`on`/`off` are booleans. Each value's node is
 * recorded in `origins` so a finding can point at the values line.
 */
export interface YamlLoadResult {
  value: GoValue;
  /** The first syntax error, with its offsets in the file. */
  error?: { message: string; start: number; end: number };
}

const MAX_ALIAS_EXPANSION = 10_000;

export function loadYaml(text: string, file: string, origins?: ValueOrigins, document: Document.Parsed = parseHelmYaml(text)): YamlLoadResult {
  const error = document.errors[0];
  if (error) return { value: null, error: { message: error.message.split('\n')[0], start: error.pos[0], end: error.pos[1] } };
  const converter = new Converter(document, file, origins);
  try {
    return { value: document.contents ? converter.convert(document.contents as Node, []) : null };
  } catch (failure) {
    return { value: null, error: { message: (failure as Error).message, start: 0, end: 0 } };
  }
}

function parseHelmYaml(text: string): Document.Parsed {
  // yaml's parseDocument, through our lexer, CST stage and Composer (yaml-cst.ts).
  return parseYamlDocument(text.replace(/^\uFEFF/, ''), { schema: 'yaml-1.1', merge: true, uniqueKeys: false, prettyErrors: false });
}

const documents = new Map<string, Document.Parsed>();
const DOCUMENT_CACHE_SIZE = 16;

/**
 * A values file's YAML document as Helm reads it (YAML 1.1, merge keys), parsed once per text: the renderer
 * converts it to values and the chart lint maps fixes onto the same nodes. Shared, so never changed
 * (yaml-edit works on the text). A BOM is dropped first, so offsets shift by one in such a file.
 */
export function valuesYamlDocument(text: string): Document.Parsed {
  let document = documents.get(text);
  if (!document) {
    document = parseHelmYaml(text);
    if (documents.size >= DOCUMENT_CACHE_SIZE) documents.delete(documents.keys().next().value!);
    documents.set(text, document);
  }
  return document;
}

/** Origins of the values files in the cache below; each render reads them through its own ValueOrigins. */
export const CACHED_VALUE_ORIGINS = new ValueOrigins();
const valuesCache = new Map<string, { text: string; result: ReturnType<typeof loadValuesFile> }>();
const yamlCache = new Map<string, { text: string; result: YamlLoadResult }>();
const CACHE_SIZE = 256;

/**
 * Forgets every remembered values file, YAML file and document (the language server after a workspace scan,
 * whose hundreds of charts would otherwise keep their parsed values alive: ≈ 26 MiB over 10,000 files).
 */
export function forgetCachedValues(): void {
  forgetChartValues();
  documents.clear();
  valuesCache.clear();
  yamlCache.clear();
}

/**
 * Forgets the values files' YAML documents (not their values): a scan's thread after each chart, whose documents no
 * later chart reads (its values, which a chart depending on it does read, stay remembered).
 */
export function forgetValuesDocuments(): void {
  documents.clear();
}

/** `loadYaml` remembered by path and text (Chart.yaml files are read again for every chart that depends on them). */
export function loadYamlCached(text: string, file: string): YamlLoadResult {
  return remember(yamlCache, file, text, () => loadYaml(text, file, CACHED_VALUE_ORIGINS));
}

function remember<T>(cache: Map<string, { text: string; result: T }>, file: string, text: string, load: () => T): T {
  const hit = cache.get(file);
  if (hit && hit.text === text) return hit.result;
  const result = load();
  cache.delete(file);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(file, { text, result });
  return result;
}

/**
 * `loadValuesFile` remembered by path and text (a values file of a large chart is mostly comments and takes the
 * YAML parser ~100 ms; the language server re-renders on every keystroke). The maps returned are shared: callers
 * copy before changing them (coalescing does). Origins are in CACHED_VALUE_ORIGINS.
 */
export function loadValuesFileCached(text: string, file: string): ReturnType<typeof loadValuesFile> {
  return remember(valuesCache, file, text, () => loadValuesFile(text, file, CACHED_VALUE_ORIGINS));
}

/** A values file: a map at the root (an empty file is an empty map), as Helm's `ReadValues` demands. */
export function loadValuesFile(text: string, file: string, origins?: ValueOrigins): { values: GoMap; error?: YamlLoadResult['error'] } {
  const { value, error } = loadYaml(text, file, origins, valuesYamlDocument(text));
  if (error) return { values: new Map(), error };
  if (value === null) return { values: new Map() };
  if (!(value instanceof Map)) return { values: new Map(), error: { message: 'a values file must hold a map at its top level', start: 0, end: Math.min(text.length, 1) } };
  return { values: value };
}

class Converter {
  private expansions = 0;
  /** The origin made last, and its node (see `originOf`). */
  private lastNode?: Node;
  private lastOrigin?: ValueOrigin;

  constructor(
    private readonly document: Document,
    private readonly file: string,
    private readonly origins: ValueOrigins | undefined,
  ) {}

  convert(node: Node, path: (string | number)[]): GoValue {
    if (isAlias(node)) return this.alias(node, path);
    if (isScalar(node)) return scalarValue(node.value, node.source);
    if (isSeq(node)) {
      const list: GoValue[] = [];
      node.items.forEach((item, index) => {
        const itemPath = path.concat(index);
        list.push(item ? this.convert(item as Node, itemPath) : null);
        this.origins?.setEntry(list, index, item ? this.originOf(item as Node, itemPath) : undefined);
      });
      this.origins?.setContainer(list, this.originOf(node, path));
      return list;
    }
    if (isMap(node)) {
      const map: GoMap = new Map();
      const merged: Node[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        if (isScalar(keyNode) && keyNode.value === '<<' && keyNode.source === '<<') {
          if (pair.value) merged.push(pair.value as Node);
          continue;
        }
        const key = keyText(keyNode);
        const valuePath = path.concat(key);
        map.set(key, pair.value ? this.convert(pair.value as Node, valuePath) : null);
        const at = (pair.value as Node | null) ?? keyNode;
        this.origins?.setEntry(map, key, at ? this.originOf(at, valuePath) : undefined);
      }
      // Merge keys (`<<: *base`): explicit keys win whatever their order.
      for (const source of merged.flatMap((item) => (isSeq(item) ? (item.items as Node[]) : [item]))) {
        const value = this.convert(source, path);
        if (!(value instanceof Map)) continue;
        for (const [key, entry] of value) {
          if (map.has(key)) continue;
          map.set(key, entry);
          this.origins?.setEntry(map, key, this.origins.entry(value, key));
        }
      }
      this.origins?.setContainer(map, this.originOf(node, path));
      return map;
    }
    return null;
  }

  private alias(node: Alias, path: (string | number)[]): GoValue {
    // Billion-laughs guard: every alias expansion counts.
    if (++this.expansions > MAX_ALIAS_EXPANSION) throw new Error('too many YAML alias expansions');
    const target = node.resolve(this.document);
    return target ? this.convert(target as Node, path) : null;
  }

  private originOf(node: Node, path: (string | number)[]): ValueOrigin | undefined {
    if (!this.origins || !node.range) return undefined;
    // A map or list is its own origin and its holder's entry: one object for both (they stay live with the cached values).
    if (this.lastNode === node && this.lastOrigin?.path === path) return this.lastOrigin;
    this.lastNode = node;
    return (this.lastOrigin = { file: this.file, start: node.range[0], end: node.range[1], path });
  }
}

function scalarValue(value: unknown, source: string | undefined): GoValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return source ?? value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return String(value);
}

/** Go's JSON round trip turns every key into a string (`true:` → "true", `1:` → "1", `~:` → "null"). */
function keyText(node: Node | null): string {
  if (!node) return '';
  if (isScalar(node)) {
    const value = scalarValue(node.value, node.source);
    return value === null ? 'null' : String(value);
  }
  return String(node);
}
