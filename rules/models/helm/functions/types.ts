import type { GoValue } from '../value';

/** Limits shared by one render (one object passed down, never a global). */
export interface RenderBudget {
  /** Evaluation steps left (`range` iterations, function calls, nodes executed); at 0 the render stops. */
  steps: number;
  /** Characters of output left across the whole render. */
  outputChars: number;
  /** Deadline in `Date.now()` milliseconds; checked every few thousand steps. */
  deadline: number;
}

/** What a function may need besides its arguments. `include`/`tpl` need the template set; most need nothing. */
export interface CallContext {
  readonly budget: RenderBudget;
  /** Executes a named template with `data` as `.` and returns its output (Helm's `include`). */
  include?(name: string, data: GoValue): string;
  /** Parses `text` as a template in the current template set and executes it with `data` (Helm's `tpl`). */
  tpl?(text: string, data: GoValue): string;
}

/** A Go function as text/template calls it. Throw `TemplateError` for Go's errors (wrong type, `fail`, …). */
export type GoFunction = (args: GoValue[], call: CallContext) => GoValue;

export interface FunctionEntry {
  fn: GoFunction;
  /** Go checks the number of arguments before calling: `[min, max]`, `Infinity` for variadic. */
  arity: readonly [number, number];
  /**
   * The result is (a form of) one argument's value, so it keeps that argument's origin in the values file:
   * `quote`, `toString`, `default`, `toYaml`, `nindent`… The evaluator keeps the origin of the argument
   * whose value the result carries (for `default`: the chosen one).
   */
  keepsOrigin?: boolean;
}

/** Name → implementation; the evaluator looks functions up here (Go builtins, Sprig, Helm). */
export type FunctionTable = ReadonlyMap<string, FunctionEntry>;
