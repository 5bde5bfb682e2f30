import packageJson from '../../package.json';
import type { BaselineEntry, FileKind, Finding } from '../../rules/engine';
import type { FileEncoding } from './cached-output';

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
  walkProblems: RunProblem[];
  baseline?: BaselineSummary;
  /** Set when the run applied fixes (`--fix`); whether suggestion fixes were applied too. */
  fix?: { suggestionsApplied: boolean };
}

/** A path the walk or a read could not handle (permission denied, link loops), reported but not fatal. */
export interface RunProblem {
  path: string;
  message: string;
}

/** What an output format learns only when the run ends: every problem, and the baseline's tally. */
export interface RunEnd {
  walkProblems: RunProblem[];
  baseline?: BaselineSummary;
  /** Set when the run applied fixes (`--fix`); whether suggestion fixes were applied too. */
  fix?: { suggestionsApplied: boolean };
}

/** Where a format writes: text, or bytes a spool hands back unchanged (no decoding and encoding again). */
export type Out = (chunk: string | Uint8Array) => void;

/**
 * An output format written while the run goes: each file's result as the file finishes (the writer keeps
 * counts, not findings), problems as they occur, and the end.
 */
export interface RunWriter {
  problem(problem: RunProblem): void;
  file(result: FileResult): void;
  end(end: RunEnd): void;
  /** Set by a format whose per-file output --cache may keep and replay. */
  encoding?: FileEncoding;
}

export const TOOL_NAME = 'stridelint';
/** package.json is the one source of the version (esbuild inlines it into the bundle). */
export const TOOL_VERSION: string = packageJson.version;
