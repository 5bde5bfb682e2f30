import type { GoMap } from '../value';
import type { SourceSet } from '../source-map';
import type { HelmRenderOptions, RenderProblem } from '../render-result';
import type { LoadedChart } from './loader';
import { coalesceChartValues, deepCopy, mergeMaps, type CoalesceContext } from './coalesce';
import { activeTree, processDependencies, type ActiveChart } from './dependencies';
import { parseSetInto, SetParseError } from './set-parser';
import type { ValueOrigins } from './value-origins';
import { loadValuesFileCached } from './values-yaml';

export interface ChartValues {
  /** The chart tree of this render (aliases applied, disabled subcharts removed). */
  root: ActiveChart;
  /** The root chart's `.Values`; a subchart's are under its name. */
  values: GoMap;
  /** The values files read, in order: the chart's values.yaml first. */
  valuesFiles: string[];
  problems: RenderProblem[];
  /** Helm's coalescing warnings (it logs them; nothing fails). */
  warnings: string[];
}

/**
 * The values of one `helm template` run: the user's values files merged (later wins), then `--set`, then
 * `--set-string` (Helm applies all `--set` before any `--set-string`), then dependencies enabled by condition and
 * tags, import-values, and finally coalesced with the chart's and subcharts' defaults.
 */
export function chartValues(sources: SourceSet, loaded: LoadedChart, options: HelmRenderOptions, origins: ValueOrigins): ChartValues {
  const problems: RenderProblem[] = [];
  const context: CoalesceContext = { origins, warnings: [] };
  const valuesFiles = loaded.valuesFile ? [loaded.valuesFile] : [];
  let user: GoMap = new Map();
  for (const file of options.valuesFiles ?? []) {
    const data = sources.files.get(file);
    if (data === undefined) {
      problems.push({ reason: 'bad-values', message: `values file ${file} is not in the workspace`, location: { file, start: 0, end: 0 } });
      continue;
    }
    const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
    const loadedFile = loadValuesFileCached(text, file);
    if (loadedFile.error) {
      problems.push({ reason: 'bad-values', message: `failed to parse ${file}: ${loadedFile.error.message}`, location: { file, start: loadedFile.error.start, end: loadedFile.error.end } });
      continue;
    }
    valuesFiles.push(file);
    user = mergeMaps(user, loadedFile.values, origins);
  }
  const sets = options.set ?? [];
  // --set changes maps in place; values-file maps are shared with the cache.
  if (sets.length > 0) user = deepCopy(user, origins) as GoMap;
  for (const set of [...sets.filter((entry) => !entry.asString), ...sets.filter((entry) => entry.asString)]) {
    try {
      parseSetInto(set.expression, user, set.asString);
    } catch (error) {
      if (!(error instanceof SetParseError)) throw error;
      problems.push({ reason: 'bad-values', message: `failed parsing ${set.asString ? '--set-string' : '--set'} data: ${error.message}`, location: { file: '', start: 0, end: 0 } });
    }
  }
  const root = activeTree(loaded);
  processDependencies(root, user, context);
  const values = coalesceChartValues(root, user, false, context);
  return { root, values, valuesFiles, problems, warnings: context.warnings };
}
