import type { HelmRenderOptions } from '../render-result';
import type { SourceSet } from '../source-map';
import type { GoMap, GoValue } from '../value';
import type { ActiveChart } from './dependencies';
import type { LoadedChart } from './loader';
import { ValueOrigins } from './value-origins';
import type { ChartValues } from './values';

/**
 * The coalesced values of a chart's last renders, remembered by everything coalescing reads: each chart's
 * metadata and values map (values files are cached by text, so an unchanged file gives the same map), the
 * user's values files and `--set` options. A re-render whose inputs did not change (the language server after
 * a template edit) gets a copy of the remembered values instead of coalescing again, which copies every values
 * map 6–7 times (Helm's algorithm: CoalesceValues once per chart level for conditions, once per chart with
 * dependencies for import-values, once at the end).
 *
 * The copy is exact: the same maps shared at the same places (Helm's `global` coalescing shares maps between a
 * parent's and a subchart's tree), the same key order, the same origins. It is the render's own, as coalescing's
 * result is: templates may change it (`set`, `unset`, `merge`), and the incremental renderer re-classes its maps.
 */

interface Remembered {
  key: MemoKey;
  /** Pristine: copied before any template saw it, never handed out. */
  values: GoMap;
  origins: ValueOrigins;
  /** The active chart tree with each `loaded` replaced by its index in the loaded tree (pre-order). */
  shape: ChartShape;
  valuesFiles: string[];
  problems: ChartValues['problems'];
  warnings: string[];
}

interface ChartShape extends Omit<ActiveChart, 'loaded' | 'subcharts' | 'parent'> {
  loadedIndex: number;
  subcharts: ChartShape[];
}

export interface MemoKey {
  /** Everything compared as text: the charts' metadata and layout, the options. */
  text: string;
  /** Compared by identity: each chart's values map, then each user values file's text. */
  identities: unknown[];
}

/**
 * Charts remembered, as the values files' cache keeps 256 files: over the 39 corpus charts the remembered copies
 * hold ≈ 4.5 MB of heap. The language server forgets them after its workspace scan (forgetCachedValues).
 */
const MEMO_SIZE = 64;
const remembered = new Map<string, Remembered>();

/** Forgets every remembered chart (with the remembered values files, after a workspace scan). */
export function forgetChartValues(): void {
  remembered.clear();
}

/** The remembered values of this chart for these inputs, copied into `origins`; undefined when they changed. */
export function recallChartValues(key: MemoKey, loaded: LoadedChart, origins: ValueOrigins): ChartValues | undefined {
  const entry = remembered.get(loaded.root);
  if (!entry || !sameKey(entry.key, key)) return undefined;
  const charts = flatten(loaded);
  return {
    root: activeFromShape(entry.shape, charts, undefined),
    values: copyTree(entry.values, new Map(), entry.origins, origins) as GoMap,
    valuesFiles: [...entry.valuesFiles],
    problems: entry.problems.map((problem) => ({ ...problem })),
    warnings: [...entry.warnings],
  };
}

/** Remembers a chart's freshly coalesced values (call before any template runs on them). */
export function rememberChartValues(key: MemoKey, loaded: LoadedChart, result: ChartValues, origins: ValueOrigins): void {
  const kept = new ValueOrigins();
  const indexes = new Map(flatten(loaded).map((chart, index) => [chart, index] as const));
  remembered.delete(loaded.root);
  if (remembered.size >= MEMO_SIZE) remembered.delete(remembered.keys().next().value!);
  remembered.set(loaded.root, {
    key,
    values: copyTree(result.values, new Map(), origins, kept) as GoMap,
    origins: kept,
    shape: shapeOf(result.root, indexes),
    valuesFiles: [...result.valuesFiles],
    problems: result.problems.map((problem) => ({ ...problem })),
    warnings: [...result.warnings],
  });
}

/** What coalescing reads, to compare with a remembered chart's. */
export function chartValuesKey(sources: SourceSet, loaded: LoadedChart, options: HelmRenderOptions): MemoKey {
  const charts = flatten(loaded);
  // Import-values entries are maps: written as their entries.
  const layout = charts.map((chart) => [chart.root, chart.chartFile, chart.valuesFile, chart.subcharts.length, chart.metadata, chart.dependencyLocations]);
  const text = JSON.stringify([layout, options.valuesFiles, options.set, options.setFiles], (_, value) => (value instanceof Map ? [...value] : value));
  // A chart without values.yaml gets a new empty map from every load: nothing to compare.
  const values = charts.map((chart) => (chart.valuesFile === undefined ? null : chart.values));
  return { text, identities: [...values, ...(options.valuesFiles ?? []).map((file) => sources.files.get(file))] };
}

function sameKey(a: MemoKey, b: MemoKey): boolean {
  return a.text === b.text && a.identities.length === b.identities.length && a.identities.every((value, index) => value === b.identities[index]);
}

/** The loaded tree in pre-order. */
function flatten(chart: LoadedChart, into: LoadedChart[] = []): LoadedChart[] {
  into.push(chart);
  for (const sub of chart.subcharts) flatten(sub, into);
  return into;
}

function shapeOf(chart: ActiveChart, indexes: ReadonlyMap<LoadedChart, number>): ChartShape {
  const { loaded, subcharts, parent: _parent, ...rest } = chart;
  return { ...rest, loadedIndex: indexes.get(loaded)!, dependencies: chart.dependencies.map((dependency) => ({ ...dependency })), disabled: [...chart.disabled], subcharts: subcharts.map((sub) => shapeOf(sub, indexes)) };
}

function activeFromShape(shape: ChartShape, charts: readonly LoadedChart[], parent: ActiveChart | undefined): ActiveChart {
  const { loadedIndex, subcharts, ...rest } = shape;
  const chart: ActiveChart = { ...rest, loaded: charts[loadedIndex], parent, dependencies: shape.dependencies.map((dependency) => ({ ...dependency })), disabled: [...shape.disabled], subcharts: [] };
  chart.subcharts = subcharts.map((sub) => activeFromShape(sub, charts, chart));
  return chart;
}

/** A copy of the maps and lists of `value` that keeps which of them are the same object, with their origins. */
function copyTree(value: GoValue, copies: Map<object, GoValue>, from: ValueOrigins, to: ValueOrigins): GoValue {
  if (!(value instanceof Map) && !Array.isArray(value)) return value;
  const known = copies.get(value);
  if (known !== undefined) return known;
  let copy: GoMap | GoValue[];
  if (value instanceof Map) {
    const map: GoMap = new Map();
    copies.set(value, map);
    // Map.prototype: the render's tree may have been re-classed to note reads (read-log.ts).
    for (const [key, entry] of Map.prototype.entries.call(value) as MapIterator<[string, GoValue]>) map.set(key, copyTree(entry, copies, from, to));
    copy = map;
  } else {
    const list: GoValue[] = new Array(value.length);
    copies.set(value, list);
    for (let i = 0; i < value.length; i++) list[i] = copyTree(value[i], copies, from, to);
    copy = list;
  }
  to.copyEntries(value, copy, from);
  return copy;
}
