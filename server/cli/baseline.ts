import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { BaselineMatcher, parseBaseline, serializeBaseline, type BaselineEntry, type Finding } from '../../rules/engine';
import { toPosix } from '../shared/config-loader';
import { TOOL_VERSION, type BaselineSummary, type FileResult, type RunResult } from './report-model';

/** Baseline paths are relative to the baseline file's folder, so the file works from any working folder. */
function baselinePath(baselineFile: string, shownPath: string, cwd: string): string {
  return toPosix(relative(dirname(baselineFile), resolve(cwd, shownPath)));
}

/**
 * Records every finding of the run (the engine's own, such as parse errors, included) as the files finish:
 * the entries are kept (path, rule, fingerprint, message), not the findings. `write` returns the count.
 */
export function baselineRecorder(file: string, cwd: string): { file(result: FileResult): void; write(): number } {
  const baselineFile = resolve(cwd, file);
  refuseToOverwriteOther(baselineFile, file);
  const entries: BaselineEntry[] = [];
  return {
    file(result) {
      const path = baselinePath(baselineFile, result.path, cwd);
      for (const finding of result.findings) entries.push({ path, ruleId: finding.ruleId, fingerprint: finding.fingerprint ?? '', message: finding.message });
    },
    write() {
      writeFileSync(baselineFile, serializeBaseline(entries, TOOL_VERSION));
      return entries.length;
    },
  };
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
 * Moves the findings the baseline holds out of `findings` into `baselined`, file by file as the run goes, and
 * at the end says how many baseline entries remain and which disappeared. Throws BaselineError for a
 * malformed file (and the file system's error for a missing one) when created, before any output.
 */
export function baselineFilter(file: string, cwd: string): { apply(result: FileResult): FileResult; summary(): BaselineSummary } {
  const baselineFile = resolve(cwd, file);
  const matcher = new BaselineMatcher(parseBaseline(readFileSync(baselineFile, 'utf8'), file));
  const linted = new Set<string>();
  return {
    apply(result) {
      const path = baselinePath(baselineFile, result.path, cwd);
      linted.add(path);
      const findings: Finding[] = [];
      const baselined: Finding[] = [];
      for (const finding of result.findings) (matcher.match({ path, ruleId: finding.ruleId, fingerprint: finding.fingerprint ?? '' }) ? baselined : findings).push(finding);
      return { ...result, findings, baselined };
    },
    summary() {
      return { file, unchanged: matcher.unchanged.length, absent: matcher.absent((path) => linted.has(path) || !existsSync(resolve(dirname(baselineFile), path))) };
    },
  };
}

/** One line for people: how many baselined findings remain and how many disappeared. */
export function baselineSummaryLine(run: Pick<RunResult, 'baseline'>): string | undefined {
  if (!run.baseline) return undefined;
  const { unchanged, absent, file } = run.baseline;
  const shrink = absent.length > 0 ? ` (run --write-baseline ${file} to drop them)` : '';
  return `Baseline ${file}: ${unchanged} baselined finding${unchanged === 1 ? '' : 's'} remain${unchanged === 1 ? 's' : ''}, ${absent.length} disappeared${shrink}.`;
}
