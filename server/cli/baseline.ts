import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { compareWithBaseline, parseBaseline, serializeBaseline, type BaselineEntry, type Finding } from '../../rules/engine';
import { toPosix } from '../shared/config-loader';
import { TOOL_VERSION, type RunResult } from './report-model';

/** Baseline paths are relative to the baseline file's folder, so the file works from any working folder. */
function baselinePath(baselineFile: string, shownPath: string, cwd: string): string {
  return toPosix(relative(dirname(baselineFile), resolve(cwd, shownPath)));
}

/** Records every finding of the run (the engine's own, such as parse errors, included). Returns the count. */
export function writeBaseline(run: RunResult, file: string, cwd: string): number {
  const baselineFile = resolve(cwd, file);
  refuseToOverwriteOther(baselineFile, file);
  const entries: BaselineEntry[] = run.files.flatMap((result) =>
    result.findings.map((finding) => ({ path: baselinePath(baselineFile, result.path, cwd), ruleId: finding.ruleId, fingerprint: finding.fingerprint ?? '', message: finding.message })),
  );
  writeFileSync(baselineFile, serializeBaseline(entries, TOOL_VERSION));
  return entries.length;
}

/** `--write-baseline daemon.json` must not replace a file that is not a baseline (a typo, or a path to lint). */
function refuseToOverwriteOther(baselineFile: string, shown: string): void {
  if (!existsSync(baselineFile)) return;
  const text = readFileSync(baselineFile, 'utf8');
  if (text.trim() === '') return;
  try {
    JSON.parse(text);
  } catch {
    throw new Error(`refusing to overwrite ${shown}: it is not a stridelint baseline`);
  }
  const value = JSON.parse(text) as { findings?: unknown; fingerprintVersion?: unknown };
  if (typeof value !== 'object' || value === null || !Array.isArray(value.findings) || value.fingerprintVersion === undefined) throw new Error(`refusing to overwrite ${shown}: it is not a stridelint baseline`);
}

/**
 * Moves the findings the baseline holds out of `findings` into `baselined`, and records how many baseline
 * entries remain and which disappeared. Throws BaselineError for a missing or malformed file.
 */
export function applyBaseline(run: RunResult, file: string, cwd: string): RunResult {
  const baselineFile = resolve(cwd, file);
  const baseline = parseBaseline(readFileSync(baselineFile, 'utf8'), file);
  const linted = new Set(run.files.map((result) => baselinePath(baselineFile, result.path, cwd)));
  const candidates = run.files.flatMap((result) => {
    const path = baselinePath(baselineFile, result.path, cwd);
    return result.findings.map((finding) => ({ path, ruleId: finding.ruleId, fingerprint: finding.fingerprint ?? '' }));
  });
  const comparison = compareWithBaseline(baseline, candidates, (path) => linted.has(path) || !existsSync(resolve(dirname(baselineFile), path)));
  let index = 0;
  const files = run.files.map((result) => {
    const findings: Finding[] = [];
    const baselined: Finding[] = [];
    for (const finding of result.findings) (comparison.baselined[index++] ? baselined : findings).push(finding);
    return { ...result, findings, baselined };
  });
  return { ...run, files, baseline: { file, unchanged: comparison.unchanged.length, absent: comparison.absent } };
}

/** One line for people: how many baselined findings remain and how many disappeared. */
export function baselineSummaryLine(run: RunResult): string | undefined {
  if (!run.baseline) return undefined;
  const { unchanged, absent, file } = run.baseline;
  const shrink = absent.length > 0 ? ` (run --write-baseline ${file} to drop them)` : '';
  return `Baseline ${file}: ${unchanged} baselined finding${unchanged === 1 ? '' : 's'} remain${unchanged === 1 ? 's' : ''}, ${absent.length} disappeared${shrink}.`;
}
