import type { FunctionTable } from '../functions/types';
import { GO_BUILTINS } from '../template';
import { helmFunctions, type FailureRecord } from './helm-functions';

/** Helm's funcMap for one render: Go's builtins, Sprig and Helm's conversions, then the renderer's own functions. */
export function chartFunctions(failure: FailureRecord): FunctionTable {
  return new Map([...GO_BUILTINS, ...helmFunctions(failure)]);
}
