import type { FileKind, Finding } from '../../rules/engine';

/** What one CLI run produced, before formatting. Paths are as displayed (relative to the working folder). */
export interface FileResult {
  path: string;
  kind: FileKind;
  findings: Finding[];
  skipped?: string;
}

export interface RunResult {
  files: FileResult[];
  /** Paths the walk could not read (permission denied, link loops), reported but not fatal. */
  walkProblems: Array<{ path: string; message: string }>;
}

export const TOOL_NAME = 'stridelint';
// Replaced at bundle time would be nicer; reading package.json keeps one source of truth.
// eslint-disable-next-line @typescript-eslint/no-var-requires
export const TOOL_VERSION: string = (require('../../package.json') as { version: string }).version;
