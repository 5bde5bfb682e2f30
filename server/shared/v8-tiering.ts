import { setFlagsFromString } from 'node:v8';
import { sharedFlagHold } from './v8-flag-hold';

/**
 * V8's interrupt budget for batch work (the CLI; the language server while a workspace scan runs, its scan workers
 * included): how much bytecode a function runs before V8 considers compiling it with its optimising compiler. The
 * default (67,584) makes V8 optimise hundreds of functions during a chart's first render, on a background thread
 * whose work rarely pays back within one render: airflow's first render + lint in a fresh process took ~35 % less
 * CPU with 1,000,000, and the steady state is the same (hot functions are still optimised, a little later); a cold
 * 10,000-file scan took 15.0 s of CPU against 19.5 s with the default. Measured in BENCHMARKS.md
 * (`node scripts/bench/helm-warmup.mjs --v8 --interrupt-budget=…`, `scan-threads-ab.mjs`).
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

/**
 * The language server's budget between workspace scans: V8's own default (Node 20's V8). An editor's work is many
 * small lints of the same code (an open, a keystroke), which the delayed budget left in the interpreter for
 * thousands of them: a 3-line Dockerfile's open took 0.26 ms with 1,000,000 against 0.11 ms with this, the corpus
 * Dockerfiles' per-file median 0.54–0.67 against 0.42–0.51 ms (the same build, interleaved), Helm edits' p50 −10 to
 * −30 % (BENCHMARKS.md, twentieth session). Set explicitly, not left to the runtime: an editor's node may have another default.
 */
export const INTERACTIVE_INTERRUPT_BUDGET = 67_584;

/** The server's thread starts interactive (unless node was started with a budget). */
export function useInteractiveTiering(execArgv: readonly string[] = process.execArgv, setFlags: (flags: string) => void = setFlagsFromString): void {
  if (!hasOwnInterruptBudget(execArgv)) setFlags(`--interrupt-budget=${INTERACTIVE_INTERRUPT_BUDGET}`);
}

/** The delayed budget while any scan holds it. */
const batchTiering = sharedFlagHold(`--interrupt-budget=${INTERRUPT_BUDGET}`, `--interrupt-budget=${INTERACTIVE_INTERRUPT_BUDGET}`);

/**
 * The delayed budget (INTERRUPT_BUDGET) while a workspace scan runs, the interactive one again when the last
 * scan lets go (the returned function; a second call does nothing). The flag is the process's: the scan's worker
 * threads, started within the hold, run with it too; V8 reads it each time a function's budget is renewed.
 */
export function holdBatchTiering(execArgv: readonly string[] = process.execArgv, setFlags: (flags: string) => void = setFlagsFromString): () => void {
  return hasOwnInterruptBudget(execArgv) ? () => {} : batchTiering(setFlags);
}
