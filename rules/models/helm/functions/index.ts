import { entry } from './arguments';
import { conversionFunctionsHelm } from './helm-conversions';
import { conversionFunctions } from './sprig-conversion';
import { cryptoFunctions } from './sprig-crypto';
import { dateFunctions } from './sprig-date';
import { defaultFunctions } from './sprig-defaults';
import { dictFunctions } from './sprig-dicts';
import { encodingFunctions } from './sprig-encoding';
import { listFunctions } from './sprig-lists';
import { mathFunctions } from './sprig-math';
import { networkFunctions } from './sprig-network';
import { pathFunctionTable } from './sprig-paths';
import { reflectFunctions } from './sprig-reflect';
import { regexFunctionTable } from './sprig-regex';
import { semverFunctions } from './sprig-semver';
import { stringFunctions } from './sprig-strings';
import type { FunctionEntry, FunctionTable } from './types';

export { isSyntheticValue } from './sprig-crypto';
export { formatValue, sprint, sprintf, sprintln } from './go-fmt';

export interface FunctionLibraryOptions {
  /**
   * The instant `now`, `ago`, `date` without a date… treat as the present. Defaults to a fixed instant
   * (2025-01-01T00:00:00Z) so that linting the same chart twice gives the same result; `stridelint render`
   * may pass the real time.
   */
  now?: Date;
}

const defaultNow = new Date(Date.UTC(2025, 0, 1));

/**
 * Sprig's TxtFuncMap without `env`/`expandenv` (Helm removes them: a chart must not read the environment), plus
 * Helm's conversions (toYaml, fromYaml, toJson, toToml…). Go's own builtins (and/or/len/index/print…) come from the
 * template engine, and `include`/`tpl`/`required`/`fail`/`lookup` from the chart renderer, which add theirs on top:
 * as in Go, a function in this table wins over a builtin of the same name (Sprig's `slice`).
 */
export function functionLibrary(options: FunctionLibraryOptions = {}): FunctionTable {
  const groups: Record<string, FunctionEntry>[] = [
    stringFunctions,
    conversionFunctions,
    listFunctions,
    dictFunctions,
    defaultFunctions,
    mathFunctions,
    encodingFunctions,
    cryptoFunctions,
    semverFunctions,
    regexFunctionTable,
    dateFunctions(options.now ?? defaultNow),
    reflectFunctions,
    pathFunctionTable,
    networkFunctions,
    conversionFunctionsHelm,
    { hello: entry(() => 'Hello!', [0, 0]) },
  ];
  const table = new Map<string, FunctionEntry>();
  for (const group of groups) for (const [name, fn] of Object.entries(group)) table.set(name, fn);
  return table;
}
