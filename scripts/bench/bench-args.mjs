// What every bench script's header needs: its command-line options, the load average it reports beside its
// figures, how it prints numbers, and the check that a benchmarked process did not fail.
import { loadavg } from 'node:os';

/** The value given after `name` on the command line (`--runs 3`), else `fallback`. */
export const flag = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);

/** A numeric option (`--runs 3`), else `fallback`. */
export const numberFlag = (name, fallback) => {
  const value = flag(name);
  return value === undefined ? fallback : Number(value);
};

/** Whether a switch (`--warm`) is on the command line. */
export const has = (name) => process.argv.includes(name);

/** The 1, 5 and 15 minute load averages, as `/proc/loadavg` prints them. */
export const load = (digits = 2) => loadavg().map((value) => value.toFixed(digits)).join(' ');

/** A number formatter with `digits` places unless told otherwise; 'n/a' for no value (NaN, a median of nothing). */
export const fixed = (digits) => (value, places = digits) => (Number.isFinite(value) ? value.toFixed(places) : 'n/a');

/**
 * A benchmarked process that failed (exit code other than 0 or 1 — 1 is "findings") stops the bench: its time
 * would mean nothing. `quiet`: anything on its stderr stops it too.
 */
export function checked(outcome, { quiet = false } = {}) {
  if (outcome.status !== 0 && outcome.status !== 1) throw new Error(`a benchmarked process failed (exit ${outcome.status}):\n${outcome.stderr}`);
  if (quiet && outcome.stderr) throw new Error(`a benchmarked process complained:\n${outcome.stderr}`);
  return outcome;
}
