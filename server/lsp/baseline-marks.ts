import { readFileSync, statSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { BaselineError, compareWithBaseline, parseBaseline, type Baseline, type Finding } from '../../rules/engine';
import { toPosix } from '../shared/config-loader';

/**
 * The configured baseline (`baseline:` in `.stridelint.yaml`) in the editor: findings it holds are marked
 * (`data.baselined`), so they show as hints, or are dropped. Baselines are cached by modification time.
 */
export class BaselineMarks {
  private readonly cache = new Map<string, { mtimeMs: number; baseline?: Baseline; problem?: string }>();

  /** Reads (or re-reads after a change) a baseline; a missing or broken one is a problem, never a throw. */
  load(file: string): { baseline?: Baseline; problem?: string } {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      return { problem: `The baseline ${file} named in .stridelint.yaml does not exist; no finding is treated as baselined.` };
    }
    const cached = this.cache.get(file);
    if (cached && cached.mtimeMs === mtimeMs) return cached;
    let entry: { mtimeMs: number; baseline?: Baseline; problem?: string };
    try {
      entry = { mtimeMs, baseline: parseBaseline(readFileSync(file, 'utf8'), file) };
    } catch (error) {
      entry = { mtimeMs, problem: error instanceof BaselineError ? error.message : `${file}: ${(error as Error).message}` };
    }
    this.cache.set(file, entry);
    return entry;
  }

  /** The findings (linted with `fingerprints: true`) with those the baseline holds marked (`hint`) or removed (`hide`). */
  apply(baseline: Baseline, baselineFile: string, path: string, findings: Finding[], mode: 'hint' | 'hide'): Finding[] {
    if (findings.length === 0) return findings;
    const relativePath = toPosix(relative(dirname(baselineFile), path));
    const { baselined } = compareWithBaseline(baseline, findings.map((finding) => ({ path: relativePath, ruleId: finding.ruleId, fingerprint: finding.fingerprint ?? '' })), () => false);
    if (mode === 'hide') return findings.filter((_, index) => !baselined[index]);
    return findings.map((finding, index) => (baselined[index] ? { ...finding, data: { ...finding.data, baselined: true } } : finding));
  }
}
