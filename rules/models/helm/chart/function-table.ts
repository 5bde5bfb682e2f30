import { functionLibrary } from '../functions';
import type { FunctionEntry, FunctionTable } from '../functions/types';
import { GO_BUILTINS } from '../template';
import { helmFunctions, type FailureRecord } from './helm-functions';

/**
 * Go's builtins, then Sprig and Helm's conversions, built once: the library is pure (its `now` is fixed), only
 * the renderer's own functions hold per-render state.
 */
let shared: FunctionTable | undefined;

/** Helm's funcMap for one render: Go's builtins, Sprig and Helm's conversions, then the renderer's own functions. */
export function chartFunctions(failure: FailureRecord, lintMode = false): FunctionTable {
  shared ??= new Map([...GO_BUILTINS, ...functionLibrary()]);
  // Copied by forEach: no [name, entry] pair per function for each render.
  const table = new Map<string, FunctionEntry>();
  shared.forEach((entry, name) => table.set(name, entry));
  helmFunctions(failure, lintMode).forEach((entry, name) => table.set(name, entry));
  return table;
}
