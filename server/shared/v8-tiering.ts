import { setFlagsFromString } from 'node:v8';

/**
 * V8's interrupt budget for our processes (the CLI, the language server and its scan workers): how much bytecode
 * a function runs before V8 considers compiling it with its optimising compiler. The default (67,584) makes V8
 * optimise hundreds of functions during a chart's first render, on a background thread whose work rarely pays
 * back within one render: airflow's first render + lint in a fresh process took ~35 % less CPU with 1,000,000,
 * and the steady state is the same (hot functions are still optimised, a little later). Measured in
 * BENCHMARKS.md (`node scripts/bench/helm-warmup.mjs --v8 --interrupt-budget=…`).
 */
export const INTERRUPT_BUDGET = 1_000_000;

/** Whether the user started node with their own interrupt budget (then theirs stays). */
export function hasOwnInterruptBudget(execArgv: readonly string[]): boolean {
  return execArgv.some((arg) => /^--interrupt[-_]budget(?:=|$)/.test(arg));
}

/** Sets the budget above unless node was started with one; call before any linting runs. */
export function delayOptimisingCompiler(execArgv: readonly string[] = process.execArgv): void {
  if (!hasOwnInterruptBudget(execArgv)) setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
