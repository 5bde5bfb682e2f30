import type { GoMap, GoValue } from '../value';
import type { SourceSet } from '../source-map';
import type { HelmRenderOptions, RenderProblem } from '../render-result';
import type { LoadedChart } from './loader';
import { coalesceChartValues, deepCopy, mergeMaps, type CoalesceContext } from './coalesce';
import { activeTree, processDependencies, type ActiveChart } from './dependencies';
import { parseJson } from '../functions/go-json';
import { parseSetInto, SetParseError, type SetKind } from './set-parser';
import type { ValueOrigins } from './value-origins';
import { loadValuesFileCached } from './values-yaml';
import { chartValuesKey, recallChartValues, rememberChartValues } from './values-memo';

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

/** Helm applies every --set-json, then --set, --set-string and --set-file (pkg/cli/values MergeValues). */
const SET_ORDER: readonly SetKind[] = ['json', 'set', 'string', 'file'];
const SET_FLAGS: Record<SetKind, string> = { json: '--set-json', set: '--set', string: '--set-string', file: '--set-file' };

/** `--set-json '{"a": {"b": 1}}'`: a JSON object merged into the values as a values file would be. */
function jsonObject(text: string): GoMap {
  let value: GoValue;
  try {
    value = parseJson(text.trim());
  } catch (error) {
    throw new SetParseError((error as Error).message);
  }
  if (!(value instanceof Map)) throw new SetParseError('not a JSON object');
  return value;
}

/**
 * The values of one `helm template` run: the user's values files merged (later wins), then `--set-json`, `--set`,
 * `--set-string` and `--set-file` (Helm applies them kind by kind in that order), then dependencies enabled by condition and
 * tags, import-values, and finally coalesced with the chart's and subcharts' defaults.
 * Remembered per chart (values-memo.ts): unchanged inputs give a copy of the last result (`remember` false:
 * coalesced afresh, nothing kept).
 */
export function chartValues(sources: SourceSet, loaded: LoadedChart, options: HelmRenderOptions, origins: ValueOrigins, remember = true): ChartValues {
  if (!remember) return coalescedValues(sources, loaded, options, origins);
  const key = chartValuesKey(sources, loaded, options);
  const recalled = recallChartValues(key, loaded, origins);
  if (recalled) return recalled;
  const coalesced = coalescedValues(sources, loaded, options, origins);
  rememberChartValues(key, loaded, coalesced, origins);
  return coalesced;
}

function coalescedValues(sources: SourceSet, loaded: LoadedChart, options: HelmRenderOptions, origins: ValueOrigins): ChartValues {
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
  const kindOf = (entry: (typeof sets)[number]): SetKind => entry.kind ?? (entry.asString ? 'string' : 'set');
  const readFile = (path: string): string => {
    const text = options.setFiles?.[path];
    if (text === undefined) throw new SetParseError(`open ${path}: no such file or directory`);
    return text;
  };
  for (const kind of SET_ORDER) {
    for (const set of sets.filter((entry) => kindOf(entry) === kind)) {
      try {
        if (kind === 'json' && set.expression.trim().startsWith('{')) user = mergeMaps(user, jsonObject(set.expression), origins);
        else parseSetInto(set.expression, user, kind, readFile);
      } catch (error) {
        if (!(error instanceof SetParseError)) throw error;
        // Helm's messages: --set-json names the expression, not the cause.
        const message = kind === 'json' ? `failed parsing --set-json data ${set.expression.trim().startsWith('{') ? 'JSON: ' : ''}${set.expression}` : `failed parsing ${SET_FLAGS[kind]} data: ${error.message}`;
        problems.push({ reason: 'bad-values', message, location: { file: '', start: 0, end: 0 } });
      }
    }
  }
  const root = activeTree(loaded);
  processDependencies(root, user, context);
  const values = coalesceChartValues(root, user, false, context);
  return { root, values, valuesFiles, problems, warnings: context.warnings };
}
