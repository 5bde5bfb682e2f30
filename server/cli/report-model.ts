import packageJson from '../../package.json';
import type { BaselineEntry, FileKind, Finding } from '../../rules/engine';

/** What one CLI run produced, before formatting. Paths are as displayed (relative to the working folder). */
export interface FileResult {
  path: string;
  kind: FileKind;
  findings: Finding[];
  skipped?: string;
  /** Findings another tool's pragma suppressed (each with `suppression`); never counted for the exit code. */
  suppressed?: Finding[];
  /** With `--baseline`: findings the baseline holds (not in `findings`, never counted for the exit code). */
  baselined?: Finding[];
}

/** With `--baseline`: the baseline file and its entries this run did not find any more. */
export interface BaselineSummary {
  file: string;
  unchanged: number;
  absent: BaselineEntry[];
}

export interface RunResult {
  files: FileResult[];
  /** Paths the walk could not read (permission denied, link loops), reported but not fatal. */
  walkProblems: Array<{ path: string; message: string }>;
  baseline?: BaselineSummary;
  /** Set when the run applied fixes (`--fix`); whether suggestion fixes were applied too. */
  fix?: { suggestionsApplied: boolean };
}

export const TOOL_NAME = 'stridelint';
/** package.json is the one source of the version (esbuild inlines it into the bundle). */
export const TOOL_VERSION: string = packageJson.version;
