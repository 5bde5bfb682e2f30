import type { GoMap, GoValue } from '../value';
import type { ValueOrigins } from './value-origins';

/**
 * Helm v3's value coalescing (pkg/chartutil/coalesce.go), on Go values, moving each entry's values-file
 * origin along with the entry. `merge` is Helm's MergeValues mode (nulls kept); coalescing removes a key whose
 * user value is null ("null deletes a chart default").
 */
export interface CoalesceChart {
  name: string;
  /** The chart's default values (already including imported values). */
  defaults: GoMap;
  subcharts: CoalesceChart[];
}

export interface CoalesceContext {
  origins: ValueOrigins;
  /** Helm prints these as warnings; a type mismatch on a subchart's key is an error there. */
  warnings: string[];
}

/** `CoalesceValues` / `MergeValues`: `values` (copied first) coalesced with the chart's and its subcharts' defaults. */
export function coalesceChartValues(chart: CoalesceChart, values: GoMap, merge: boolean, context: CoalesceContext): GoMap {
  const copy = deepCopy(values, context.origins) as GoMap;
  coalesce(chart, copy, '', merge, context);
  return copy;
}

function coalesce(chart: CoalesceChart, dest: GoMap, prefix: string, merge: boolean, context: CoalesceContext): GoMap {
  coalesceValues(chart, dest, prefix, merge, context);
  for (const sub of chart.subcharts) {
    const current = dest.get(sub.name);
    if (current === undefined) {
      dest.set(sub.name, new Map());
    } else if (!(current instanceof Map)) {
      context.warnings.push(`type mismatch on ${sub.name}: %!t(${typeof current})`);
      dest.set(sub.name, new Map());
    }
    const subValues = dest.get(sub.name) as GoMap;
    const subPrefix = concatPrefix(prefix, chart.name);
    coalesceGlobals(subValues, dest, subPrefix, context);
    dest.set(sub.name, coalesce(sub, subValues, subPrefix, merge, context));
  }
  return dest;
}

/** Copies the parent's `global` into the subchart's `global` (parent wins, maps merged top-down). */
function coalesceGlobals(dest: GoMap, src: GoMap, prefix: string, context: CoalesceContext): void {
  const destGlobal = dest.get('global');
  const srcGlobal = src.get('global');
  if (destGlobal !== undefined && !(destGlobal instanceof Map)) return void context.warnings.push('warning: skipping globals because destination global is not a table.');
  if (srcGlobal !== undefined && !(srcGlobal instanceof Map)) return void context.warnings.push('warning: skipping globals because source global is not a table.');
  const dg: GoMap = destGlobal ?? new Map();
  const sg: GoMap = srcGlobal ?? new Map();
  for (const [key, value] of sg) {
    if (value instanceof Map) {
      const copy = new Map(value);
      context.origins.copyEntries(value, copy);
      const existing = dg.get(key);
      if (existing === undefined) {
        dg.set(key, copy);
      } else if (!(existing instanceof Map)) {
        context.warnings.push(`Conflict: cannot merge map onto non-map for "${key}". Skipping.`);
        continue;
      } else {
        coalesceTables(copy, existing, concatPrefix(prefix, key), true, context);
        dg.set(key, copy);
      }
    } else if (dg.get(key) instanceof Map) {
      context.warnings.push(`key ${key} is table. Skipping`);
      continue;
    } else {
      dg.set(key, value);
    }
    context.origins.setEntry(dg, key, context.origins.entry(sg, key));
  }
  dest.set('global', dg);
  if (srcGlobal) context.origins.setEntry(dest, 'global', context.origins.entry(src, 'global'));
}

/**
 * Values in `values` override the chart's defaults; defaults fill in what is missing. Helm deep-copies the
 * defaults first; here they are only read (they are the cached values files' maps, or a tree of this render's
 * own) and what fills a gap is copied (defaultsInto): most of a copy made 6–7 times per chart was thrown away.
 */
function coalesceValues(chart: CoalesceChart, values: GoMap, prefix: string, merge: boolean, context: CoalesceContext): void {
  const subPrefix = concatPrefix(prefix, chart.name);
  const defaults = chart.defaults;
  defaults.forEach((defaultValue, key) => {
    if (values.has(key)) {
      const value = values.get(key)!;
      if (value === null && !merge) {
        values.delete(key);
      } else if (value instanceof Map) {
        if (defaultValue instanceof Map) {
          const childMerge = chart.subcharts.some((sub) => sub.name === key) || merge;
          defaultsInto(value, defaultValue, concatPrefix(subPrefix, key), childMerge, context);
        } else if (defaultValue !== null) {
          context.warnings.push(`warning: skipped value for ${subPrefix}.${key}: Not a table.`);
        }
      }
    } else {
      values.set(key, deepCopy(defaultValue, context.origins));
      context.origins.setEntry(values, key, context.origins.entry(defaults, key));
    }
  });
}

/**
 * coalesceTables(dst, a copy of `src`) without the copy: `src` is read, never changed, and what `dst` takes of it
 * is copied. Helm's first step sets the copy's entry to nil wherever `dst` holds nil; such a key is then only
 * deleted (not in merge mode, when `src` held a value), never merged or warned about: that is done here directly.
 */
function defaultsInto(dst: GoMap, src: GoMap, prefix: string, merge: boolean, context: CoalesceContext): void {
  src.forEach((value, key) => {
    const has = dst.has(key);
    const existing = dst.get(key);
    if (has && existing === null) {
      if (!merge && value !== null) dst.delete(key);
    } else if (!has) {
      dst.set(key, deepCopy(value, context.origins));
      context.origins.setEntry(dst, key, context.origins.entry(src, key));
    } else if (value instanceof Map) {
      const fullKey = concatPrefix(prefix, key);
      if (existing instanceof Map) defaultsInto(existing, value, fullKey, merge, context);
      else context.warnings.push(`warning: cannot overwrite table with non table for ${fullKey} (${describe(value)})`);
    } else if (existing instanceof Map && value !== null) {
      context.warnings.push(`warning: destination for ${concatPrefix(prefix, key)} is a table. Ignoring non-table value (${describe(value)})`);
    }
  });
}

/** `coalesceTablesFullKey`: `src` merged into `dst`, `dst` authoritative. Returns `dst`. */
export function coalesceTables(dst: GoMap, src: GoMap, prefix: string, merge: boolean, context: CoalesceContext): GoMap {
  // forEach, not for…of or spreads, here and in deepCopy: no [key, value] pair per entry (see deepCopy).
  const srcNonNil = new Set<string>();
  src.forEach((value, key) => value !== null && srcNonNil.add(key));
  dst.forEach((value, key) => value === null && src.set(key, null));
  src.forEach((value, key) => {
    const fullKey = concatPrefix(prefix, key);
    const has = dst.has(key);
    const existing = dst.get(key);
    if (has && !merge && existing === null && srcNonNil.has(key)) {
      dst.delete(key);
    } else if (!has) {
      dst.set(key, value);
      context.origins.setEntry(dst, key, context.origins.entry(src, key));
    } else if (value instanceof Map) {
      if (existing instanceof Map) coalesceTables(existing, value, fullKey, merge, context);
      else context.warnings.push(`warning: cannot overwrite table with non table for ${fullKey} (${describe(value)})`);
    } else if (existing instanceof Map && value !== null) {
      context.warnings.push(`warning: destination for ${fullKey} is a table. Ignoring non-table value (${describe(value)})`);
    }
  });
  return dst;
}

/** Helm's `mergeMaps` for user values files: maps merged recursively, anything else replaced. */
export function mergeMaps(a: GoMap, b: GoMap, origins: ValueOrigins): GoMap {
  const out: GoMap = new Map(a);
  origins.copyEntries(a, out);
  for (const [key, value] of b) {
    const existing = out.get(key);
    if (value instanceof Map && existing instanceof Map) {
      out.set(key, mergeMaps(existing, value, origins));
      origins.setEntry(out, key, origins.entry(b, key) ?? origins.entry(a, key));
      continue;
    }
    out.set(key, value);
    origins.setEntry(out, key, origins.entry(b, key));
  }
  return out;
}

/** A deep copy of maps and lists (scalars are immutable), origins included. */
export function deepCopy(value: GoValue, origins: ValueOrigins): GoValue {
  if (value instanceof Map) {
    const copy: GoMap = new Map();
    // forEach, not for…of: no [key, value] pair allocated per entry while the code is not yet optimised (a
    // chart's first render copies thousands of maps).
    value.forEach((entry, key) => copy.set(key, deepCopy(entry, origins)));
    origins.copyEntries(value, copy);
    return copy;
  }
  if (Array.isArray(value)) {
    const copy = value.map((entry) => deepCopy(entry, origins));
    origins.copyEntries(value, copy);
    return copy;
  }
  return value;
}

function concatPrefix(a: string, b: string): string {
  return a === '' ? b : `${a}.${b}`;
}

function describe(value: GoValue): string {
  return value instanceof Map ? 'map[...]' : String(value);
}
