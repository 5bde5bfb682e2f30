import type { GoMap, GoValue } from '../value';
import type { SourceLocation } from '../source-map';
import type { LoadedChart } from './loader';
import type { DependencySpec } from './metadata';
import { coalesceChartValues, coalesceTables, deepCopy, type CoalesceChart, type CoalesceContext } from './coalesce';
import { DiscardedOrigins } from './value-origins';
import { satisfiesRange } from './version-range';

const DISCARDED = new DiscardedOrigins();

/** A chart as it takes part in one render: aliases applied, disabled subcharts removed, imports merged in. */
export interface ActiveChart extends CoalesceChart {
  loaded: LoadedChart;
  /** The dependency entries still enabled (names replaced by aliases). */
  dependencies: DependencySpec[];
  subcharts: ActiveChart[];
  parent?: ActiveChart;
  /** Dependencies switched off by `condition` / `tags`, for messages. */
  disabled: { name: string; location: SourceLocation }[];
}

/** Wraps a loaded chart tree for one render (the loaded chart is never changed, so it can be cached). */
export function activeTree(loaded: LoadedChart, name = loaded.metadata.name, parent?: ActiveChart): ActiveChart {
  const chart: ActiveChart = { loaded, name, defaults: loaded.values, dependencies: loaded.metadata.dependencies.map((dependency) => ({ ...dependency })), subcharts: [], parent, disabled: [] };
  chart.subcharts = loaded.subcharts.map((sub) => activeTree(sub, sub.metadata.name, chart));
  return chart;
}

/** Helm's `ProcessDependenciesWithMerge`: conditions and tags, then import-values. */
export function processDependencies(chart: ActiveChart, userValues: GoMap, context: CoalesceContext): void {
  processEnabled(chart, userValues, '', context);
  processImports(chart, context);
}

function processEnabled(chart: ActiveChart, values: GoMap, path: string, context: CoalesceContext): void {
  if (chart.dependencies.length === 0) return;
  const compatible = (sub: ActiveChart, dependency: DependencySpec) =>
    sub.loaded.metadata.name === dependency.name && (!dependency.version || satisfiesRange(sub.loaded.metadata.version, dependency.version) !== false);
  const kept = chart.subcharts.filter((sub) => !chart.dependencies.some((dependency) => compatible(sub, dependency)));
  for (const dependency of chart.dependencies) {
    const match = chart.subcharts.find((sub) => compatible(sub, dependency));
    if (match) kept.push(dependency.alias ? activeTree(match.loaded, dependency.alias, chart) : match);
    if (dependency.alias) dependency.name = dependency.alias;
  }
  chart.subcharts = kept;
  for (const dependency of chart.dependencies) dependency.enabled = true;
  // Only read (tags, conditions, the subcharts' own pass): no origins needed.
  const coalesced = coalesceChartValues(chart, values, false, { origins: DISCARDED, warnings: context.warnings });
  applyTags(chart.dependencies, coalesced);
  applyConditions(chart.dependencies, coalesced, path);
  const disabled = new Set(chart.dependencies.filter((dependency) => !dependency.enabled).map((dependency) => dependency.name));
  chart.dependencies.forEach((dependency, index) => {
    if (!dependency.enabled) chart.disabled.push({ name: dependency.name, location: chart.loaded.dependencyLocations[index] ?? { file: chart.loaded.chartFile, start: 0, end: 0 } });
  });
  chart.subcharts = chart.subcharts.filter((sub) => !disabled.has(sub.name));
  chart.dependencies = chart.dependencies.filter((dependency) => dependency.enabled);
  for (const sub of chart.subcharts) processEnabled(sub, coalesced, `${path}${sub.name}.`, context);
}

/** A dependency with any tag true is enabled; with only false tags, disabled; without tags set, enabled. */
function applyTags(dependencies: DependencySpec[], values: GoMap): void {
  const tags = values.get('tags');
  if (!(tags instanceof Map)) return;
  for (const dependency of dependencies) {
    const states = dependency.tags.map((tag) => tags.get(tag)).filter((state): state is boolean => typeof state === 'boolean');
    dependency.enabled = states.includes(true) || !states.includes(false);
  }
}

/** The first condition path that holds a boolean decides. */
function applyConditions(dependencies: DependencySpec[], values: GoMap, path: string): void {
  for (const dependency of dependencies) {
    for (const condition of dependency.condition.trim().split(',')) {
      if (!condition) continue;
      const value = pathValue(values, path + condition);
      if (typeof value === 'boolean') {
        dependency.enabled = value;
        break;
      }
    }
  }
}

function processImports(chart: ActiveChart, context: CoalesceContext): void {
  for (const sub of chart.subcharts) processImports(sub, context);
  if (chart.dependencies.length === 0) return;
  const merged = coalesceChartValues(chart, new Map(), true, context);
  let imported: GoMap = new Map();
  for (const dependency of chart.dependencies) {
    for (const entry of dependency.importValues) {
      let child: string;
      let parent: string;
      if (entry instanceof Map) {
        child = goText(entry.get('child'));
        parent = goText(entry.get('parent'));
      } else if (typeof entry === 'string') {
        child = `exports.${entry}`;
        parent = '.';
      } else {
        continue;
      }
      const table = pathValue(merged, `${dependency.name}.${child}`);
      if (!(table instanceof Map)) {
        context.warnings.push(`Warning: ImportValues missing table from chart ${dependency.name}: ${child}`);
        continue;
      }
      imported = coalesceTables(imported, pathToMap(parent, deepCopy(table, context.origins) as GoMap), '', true, context);
    }
  }
  // `merged` is this call's own fresh tree (coalescing copies every chart's defaults): Helm's copy of it is not needed.
  chart.defaults = coalesceTables(merged, imported, '', true, context);
}

/** `Values.PathValue`: a dotted path through maps; undefined when any step is missing. */
export function pathValue(values: GoMap, path: string): GoValue | undefined {
  let current: GoValue | undefined = values;
  for (const key of path.split('.')) {
    if (!(current instanceof Map)) return undefined;
    current = current.get(key);
  }
  return current;
}

function pathToMap(path: string, data: GoMap): GoMap {
  if (path === '.') return data;
  return path.split('.').reduceRight<GoMap>((inner, key) => new Map([[key, inner]]), data);
}

/** Go's `fmt.Sprintf("%v", x)` for the strings and nils an import entry holds. */
function goText(value: GoValue | undefined): string {
  return value === undefined || value === null ? '<nil>' : String(value);
}
