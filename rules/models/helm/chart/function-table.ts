import { functionLibrary } from '../functions';
import type { FunctionTable } from '../functions/types';
import { GO_BUILTINS } from '../template';
import { helmFunctions, type FailureRecord } from './helm-functions';

/** Built once: the library is pure (its `now` is fixed), only the renderer's own functions hold per-render state. */
let library: FunctionTable | undefined;

/** Helm's funcMap for one render: Go's builtins, Sprig and Helm's conversions, then the renderer's own functions. */
export function chartFunctions(failure: FailureRecord, lintMode = false): FunctionTable {
  library ??= functionLibrary();
  return new Map([...GO_BUILTINS, ...library, ...helmFunctions(failure, lintMode)]);
}
