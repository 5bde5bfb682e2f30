import { ALL_RULES } from '../../rules';
import { FactsIndex, lintFile, type FileFacts, type LintResult, type StridelintConfig, type WorkspaceFacts } from '../../rules/engine';
import { HOST_READERS } from '../shared/facts-digests';
import { contentHash } from '../shared/lint-cache';
import { readText } from '../shared/read-text';

/** The run's cross-file facts as a lint reads them: the index, and the host settings (which a chart's lint reads alone). */
export interface RunFacts {
  index: FactsIndex;
  host: WorkspaceFacts;
}

/** One file read and linted: a read that failed, a file not read (too large, not text), or the lint. */
export type DiskLint =
  | { problem: string }
  | { skipped: string }
  | {
      /** The text as read (only in the thread that read it: a lint worker sends none back). */
      text?: string;
      /** SHA-256 of the bytes, when asked for (--cache). */
      hash: string;
      result: LintResult;
      /** The fact keys the lint asked under (`host` for a kind that reads the host settings). */
      reads: string[];
    };

/** The workspace facts one lint reads, each question recorded in `reads`. */
export function recordingWorkspace(facts: RunFacts, reads: Set<string>): WorkspaceFacts {
  return { ...facts.host, index: facts.index.view((key) => reads.add(key)) };
}

/** Reads a file and lints it against the run's facts: the same in the CLI's thread and in its lint workers. */
export function lintFromDisk(file: string, posix: string, config: StridelintConfig, facts: RunFacts, hashed: boolean): DiskLint {
  return readAndLint(file, config, hashed, (text, reads) => lintFile(text, posix, { config, workspace: recordingWorkspace(facts, reads), fingerprints: true, rules: ALL_RULES }));
}

/** Reads a file and hands its text to `lint` (which notes the fact keys it asked under in `reads`). */
export function readAndLint(file: string, config: StridelintConfig, hashed: boolean, lint: (text: string, reads: Set<string>) => LintResult): DiskLint {
  const read = readForLint(file, config);
  return 'text' in read ? lintRead(read, hashed, lint) : read;
}

/** A file read for its lint: its text, or why it has none (a read that failed, a file not read). */
export function readForLint(file: string, config: StridelintConfig): { text: string; bytes: Uint8Array } | { problem: string } | { skipped: string } {
  try {
    return readText(file, config.maxFileSize);
  } catch (error) {
    return { problem: (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : String((error as Error).message) };
  }
}

/** A file's text (`readForLint`) handed to `lint`, as `readAndLint` does. */
export function lintRead(read: { text: string; bytes: Uint8Array }, hashed: boolean, lint: (text: string, reads: Set<string>) => LintResult): DiskLint {
  const reads = new Set<string>();
  const result = lint(read.text, reads);
  if (result.kind && HOST_READERS.has(result.kind)) reads.add('host');
  return { text: read.text, hash: hashed ? contentHash(read.bytes) : '', result, reads: [...reads] };
}

/** What a lint worker needs to rebuild the run's facts: the index's entries in their order, and the host settings. */
export interface RunFactsMessage {
  entries: Array<[string, FileFacts]>;
  host: WorkspaceFacts;
}

export function runFactsMessage(facts: RunFacts): RunFactsMessage {
  return { entries: [...facts.index.entries()], host: facts.host };
}

export function runFactsOf(message: RunFactsMessage): RunFacts {
  const index = new FactsIndex();
  for (const [path, facts] of message.entries) index.set(path, facts);
  return { index, host: message.host };
}
