import { ALL_RULES } from '../../rules';
import { lintFile, type FileFacts, type StridelintConfig, type WorkspaceFacts } from '../../rules/engine';
import { detachedFacts } from '../../rules/facts/detached-facts';
import { GrowingIndex, newAnswers, type Answers } from '../../rules/facts/growing-index';
import type { LintResult } from '../../rules/engine';
import { lintFromDisk, readAndLint } from './lint-on-disk';

/** A plain file of the run, as each thread of the one parse takes it. */
export interface OnceFile {
  file: string;
  posix: string;
  config: StridelintConfig;
}

/**
 * One file's first lint: its facts for the run's index, and its findings (`text`) as JSON or its output as the run's
 * format encodes it (held-output.ts; the JSON starts with `{`, the encoded output never), or why it was not linted.
 */
export type FileOutcome = { posix: string; facts?: FileFacts; text: string } | { posix: string; unlinted: { problem: string } | { skipped: string } };

/** A file's lint as a thread hands it on: its output encoded by the run's format (`outputEncoder`), else JSON. */
export type HeldText = (file: string, result: LintResult) => string;

/** `encode`'s output when it gives one, else the lint as JSON. */
export function heldText(encode: ((file: string, result: LintResult) => string | undefined) | undefined): HeldText {
  return (file, result) => encode?.(file, result) ?? JSON.stringify(result);
}

/** The whole run's facts in index order: `undefined` for a path whose facts the receiving thread made itself. */
export type CompleteOrder = Array<[string, FileFacts | undefined]>;

/**
 * One thread's share of the CLI's one parse (issue 17): each file read, parsed and linted once against the facts
 * this thread has seen so far (the host files' and its own files'), every answer the lint got kept. Once the
 * run's whole index is known, `settle` names the files whose answers changed (their lint must be made again).
 * The CLI's thread and each lint worker hold one; a run without workers is one share holding every file.
 */
export class ShardLinter {
  private readonly growing = new GrowingIndex();
  private readonly answersOf = new Map<string, Answers>();
  /** This share's linted files (those with findings to check), in the order linted. */
  private readonly linted: OnceFile[] = [];

  constructor(
    private readonly host: WorkspaceFacts,
    hostFacts: Iterable<[string, FileFacts]>,
    private readonly held: HeldText = heldText(undefined),
  ) {
    for (const [path, facts] of hostFacts) this.growing.add(path, facts);
  }

  lint(item: OnceFile): FileOutcome {
    const { posix, config } = item;
    const answers = newAnswers();
    const lint = readAndLint(item.file, config, false, (text) =>
      lintFile(text, posix, {
        config,
        fingerprints: true,
        rules: ALL_RULES,
        workspaceWithFacts: (facts) => {
          this.growing.add(posix, detachedFacts(facts)); // kept to the run's end: no slices of the file's text
          return { ...this.host, index: this.growing.view(answers) };
        },
      }),
    );
    if (!('result' in lint)) return { posix, unlinted: lint };
    if (answers.list.length > 0) this.answersOf.set(posix, answers);
    this.linted.push(item);
    return { posix, facts: this.growing.index.get(posix), text: this.held(item.file, lint.result) };
  }

  /** The facts this share holds for a path (its own files' and the host files'). */
  factsOf(path: string): FileFacts | undefined {
    return this.growing.index.get(path);
  }

  /**
   * The files of this share whose first lint no longer stands on the complete index (`order`, or this share's
   * own when it held every file): every file when the host settings changed, else those whose answers changed.
   */
  settle(order: CompleteOrder | undefined, hostChanged: boolean): { stale: OnceFile[]; complete: GrowingIndex } {
    const complete = order ? this.growing.completedWith(order) : this.growing;
    const stale = this.linted.filter((item) => {
      const answers = this.answersOf.get(item.posix);
      return hostChanged || (answers !== undefined && !complete.stands(answers));
    });
    this.answersOf.clear();
    return { stale, complete };
  }
}

/** A lint worker's stale files linted again on the complete index (the CLI's thread lints its own as it writes). */
export function lintAgain(stale: readonly OnceFile[], complete: GrowingIndex, host: WorkspaceFacts, linted?: () => void, held: HeldText = heldText(undefined)): FileOutcome[] {
  return stale.map((item) => {
    const lint = lintFromDisk(item.file, item.posix, item.config, { index: complete.index, host }, false);
    linted?.();
    return 'result' in lint ? { posix: item.posix, text: held(item.file, lint.result) } : { posix: item.posix, unlinted: lint };
  });
}
