/**
 * What travels with the values of one render besides the values: their origins in values files (read
 * through `valueOrigin`, and remembered for maps and lists that functions build from them) and the source
 * map of strings written by included templates, carried through the functions they pass.
 */
import type { FunctionEntry } from '../functions/types';
import type { OutputSpan, ValueOrigin } from '../source-map';
import { type GoMap, type GoValue, isGoMap } from '../value';
import { respan } from './respan';

/** Both fields always present (undefined when absent): one object shape wherever the evaluator reads a Meta. */
export interface Meta {
  origin: ValueOrigin | undefined;
  /** The value is a string written by a template: its source map. */
  trace: readonly OutputSpan[] | undefined;
}

export class ValueTracker {
  /** Origins of entries of maps and lists built during this render (`dict "value" .Values.x`). */
  private readonly derived = new WeakMap<object, Map<string | number, ValueOrigin>>();

  constructor(
    private readonly valueOrigin?: (container: GoMap | GoValue[], key: string | number) => ValueOrigin | undefined,
    private readonly containerOrigin?: (value: GoMap | GoValue[]) => ValueOrigin | undefined,
  ) {}

  /** The origin a result keeps, the source map a string result keeps, the origins a new map or list keeps. */
  resultMeta(entry: FunctionEntry, values: GoValue[], metas: (Meta | undefined)[], result: GoValue): Meta | undefined {
    let meta: Meta | undefined;
    if (entry.keepsOrigin) {
      let chosen = -1;
      for (let i = values.length - 1; i >= 0 && chosen < 0; i--) if (metas[i]?.origin && values[i] === result) chosen = i;
      for (let i = values.length - 1; i >= 0 && chosen < 0; i--) if (metas[i]?.origin) chosen = i;
      if (chosen >= 0) {
        const origin = metas[chosen]!.origin!;
        const value = values[chosen];
        meta = { origin: isGoMap(value) || Array.isArray(value) ? { ...origin, collection: true } : origin, trace: undefined };
      }
    }
    if (typeof result === 'string') {
      for (let i = values.length - 1; i >= 0; i--) {
        const trace = metas[i]?.trace;
        if (trace && typeof values[i] === 'string') {
          meta = { origin: meta?.origin, trace: respan(values[i] as string, trace, result) };
          break;
        }
      }
    } else if ((isGoMap(result) || Array.isArray(result)) && !values.includes(result)) {
      this.deriveOrigins(result, values, metas);
    }
    return meta;
  }

  /**
   * A map or list a function built (`dict`, `list`, `pick`, `omit`, `append`…): remember the origin of each
   * entry that is an argument with an origin, or the same entry of an argument map or list.
   */
  private deriveOrigins(result: GoMap | GoValue[], values: GoValue[], metas: (Meta | undefined)[]): void {
    const size = isGoMap(result) ? result.size : result.length;
    if (size > 256) return;
    let origins: Map<string | number, ValueOrigin> | undefined;
    const record = (key: string | number, element: GoValue): void => {
      let origin: ValueOrigin | undefined;
      for (let i = values.length - 1; i >= 0 && !origin; i--) if (values[i] === element) origin = metas[i]?.origin;
      for (let i = 0; i < values.length && !origin; i++) {
        const source = values[i];
        if (isGoMap(source) && typeof key === 'string' && source.get(key) === element) origin = this.originOf(source, key);
        else if (Array.isArray(source) && typeof key === 'number' && source[key] === element) origin = this.originOf(source, key);
      }
      if (origin) (origins ??= new Map()).set(key, origin);
    };
    if (isGoMap(result)) for (const [key, element] of result) record(key, element);
    else result.forEach((element, i) => record(i, element));
    if (origins) this.derived.set(result, origins);
  }

  originOf(container: GoMap | GoValue[], key: string | number): ValueOrigin | undefined {
    const origin = this.derived.get(container)?.get(key) ?? this.valueOrigin?.(container, key);
    if (origin || !this.containerOrigin) return origin;
    const element = isGoMap(container) ? container.get(key as string) : container[key as number];
    return isGoMap(element ?? null) || Array.isArray(element) ? this.containerOrigin(element as GoMap | GoValue[]) : undefined;
  }
}
