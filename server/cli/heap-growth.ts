import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the CLI's heap grow past what survived the last full collection (V8 picks a factor of up to 4 by
 * itself). The CLI's live heap stays flat over a run, but with V8's own factor its heap — mostly garbage — grew with
 * the run's length: peak RSS at 4× the corpus with its charts, one thread, 277 → 443 MiB (1.60×); with 50 %,
 * 219 → 269 MiB (1.23×), for ≈ 10 % more CPU in more full collections (issue 17, load 6–7, one run each). Once
 * the 1× run itself needed less (≈ 203 MiB), 50 % left the 4× peak at 270–274 MiB (1.33–1.36×); 30 %: 260–261 MiB
 * (1.28–1.29×), with the charts 326 → 308 MiB, CPU within ±1 % (`cli-memory-ab.mjs`, medians of 3 and 2, load 1.6–2.3).
 */
export const HEAP_GROWING_PERCENT = 30;

/** Whether node was started with its own heap growing percent (then it stays). */
export function hasOwnHeapGrowth(execArgv: readonly string[]): boolean {
  return execArgv.some((arg) => /^--heap[-_]growing[-_]percent(?:=|$)/.test(arg));
}

/** Sets the percent above for this process and the workers it starts; call before linting. */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  if (!hasOwnHeapGrowth(execArgv)) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
