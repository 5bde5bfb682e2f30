import packageJson from '../../package.json';
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
/** package.json is the one source of the version (esbuild inlines it into the bundle). */
export const TOOL_VERSION: string = packageJson.version;
