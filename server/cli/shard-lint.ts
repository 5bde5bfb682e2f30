import { ALL_RULES } from '../../rules';
import { factsKindOf, lintFile, type FileFacts, type FileKind, type StridelintConfig, type WorkspaceFacts } from '../../rules/engine';
import { parseModel, type ParseFile } from '../../rules/engine/parse-model';
import { SharedFacts } from '../../rules/facts/detached-facts';
import { GrowingIndex, newAnswers, type Answers } from '../../rules/facts/growing-index';
import type { LintResult } from '../../rules/engine';
import { lintFromDisk, lintRead, readForLint } from './lint-on-disk';

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
export type FileOutcome = { posix: string; facts?: FileFacts; text: string } | { posix: string; unlinted: { problem: string } | { skipped: string } } | FactsOnly;

/**
 * A file parsed for its facts alone (no rule ran): one whose findings the run takes from elsewhere (a file a
 * kustomization build covers is linted as part of the build). Nothing is held for it: should the run ask for
 * its lint after all, it is linted then.
 */
export interface FactsOnly {
  posix: string;
  facts?: FileFacts;
  factsOnly: true;
}

/** A file's lint as a thread hands it on: its output encoded by the run's format (`outputEncoder`), else JSON. */
export type HeldText = (file: string, result: LintResult) => string;

/** `encode`'s output when it gives one, else the lint as JSON. */
export function heldText(encode: ((file: string, result: LintResult) => string | undefined) | undefined): HeldText {
  return (file, result) => encode?.(file, result) ?? JSON.stringify(result);
}

/** A compose file read and parsed, its facts in the share's index, its lint put off (`ShardLinter.lintChunk`). */
interface WaitingCompose {
  item: OnceFile;
  read: { text: string; bytes: Uint8Array };
  parse: ParseFile;
  /** The Dockerfiles it builds that the run lints. */
  builds: string[];
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
  /** The index this share has seen; from `settle` on, the complete one (its facts are the same objects). */
  private growing = new GrowingIndex();
  private readonly answersOf = new Map<string, Answers>();
  /** This share's linted files (those with findings to check), in the order linted. */
  private readonly linted: OnceFile[] = [];
  /** Every file this share linted or parsed first (read or not). */
  private readonly taken = new Set<string>();
  /** Compose files parsed, whose lint waits for the Dockerfiles they build. */
  private waiting: WaitingCompose[] = [];

  constructor(
    private readonly host: WorkspaceFacts,
    hostFacts: Iterable<[string, FileFacts]>,
    private readonly held: HeldText = heldText(undefined),
    /** Whether the run lints this path (a compose file waits only for the Dockerfiles some thread lints). */
    private readonly inRun: (posix: string) => boolean = () => false,
    /** Whether the run takes this file's findings from elsewhere: it is parsed for its facts only (FactsOnly). */
    private readonly factsOnly: (posix: string) => boolean = () => false,
    /** The parts (strings, positions) of the facts this thread keeps, each once; facts it receives share them too. */
    private readonly sharing = new SharedFacts(),
  ) {
    for (const [path, facts] of hostFacts) this.growing.add(path, facts);
  }

  /**
   * Lints a chunk of the run's files so that a compose file and the Dockerfiles it builds see each other's facts
   * in whichever order they come (issue 17: else one of the two is linted again at settling): the chunk's compose
   * files are parsed first, their facts joining this share's index before its other files are linted (a
   * Dockerfile's lint asks which compose files build it); a compose file's lint (which asks for its Dockerfiles'
   * facts) waits, on that same parse, until the Dockerfiles it builds that the run lints are in this share, or
   * until `flush`. The outcomes ready: the chunk's files but its waiting compose files, and those of earlier chunks
   * whose Dockerfiles came in. `each` runs after each file.
   */
  lintChunk(chunk: readonly OnceFile[], each?: () => void): FileOutcome[] {
    const outcomes: FileOutcome[] = [];
    // Read first: a compose file is known by its text too (a YAML file with `services:`), as its lint knows it.
    // The kind found here is the one the lint would find again (the same text, path and settings): passed on.
    const reads = chunk.map((item) => {
      this.taken.add(item.posix);
      const read = readForLint(item.file, item.config);
      return { read, kind: 'text' in read ? factsKindOf(read.text, item.posix, { config: item.config }) : undefined };
    });
    chunk.forEach((item, index) => {
      const { read, kind } = reads[index];
      if (kind === 'compose' && 'text' in read) this.parseFirst(item, read);
    });
    chunk.forEach((item, index) => {
      const { read, kind } = reads[index];
      if (kind === 'compose') return;
      outcomes.push('text' in read && this.factsOnly(item.posix) ? this.parseForFacts(item, read, kind) : this.lint(item, read, undefined, kind));
      each?.();
    });
    const ready = this.waiting.filter((waiting) => waiting.builds.every((path) => this.taken.has(path)));
    if (ready.length > 0) {
      this.waiting = this.waiting.filter((waiting) => !ready.includes(waiting));
      for (const waiting of ready) {
        outcomes.push(this.lint(waiting.item, waiting.read, waiting.parse, 'compose'));
        each?.();
      }
    }
    return outcomes;
  }

  /** The compose files still waiting, linted now (this share has no more files). */
  flush(each?: () => void): FileOutcome[] {
    return this.waiting.splice(0).map((waiting) => {
      const outcome = this.lint(waiting.item, waiting.read, waiting.parse, 'compose');
      each?.();
      return outcome;
    });
  }

  /** A compose file (read) parsed, its facts in the index and its lint put off. */
  private parseFirst(item: OnceFile, read: { text: string; bytes: Uint8Array }): void {
    const { posix } = item;
    let parsed: ReturnType<ParseFile> | undefined;
    const parse: ParseFile = (kind, text, path) => (parsed ??= parseModel(kind, text, path));
    // No rule runs: the parse (kept for the lint) and its facts, as the lint takes them.
    const facts = this.addFacts(item, read.text, 'compose', parse);
    const builds = facts?.kind === 'compose' ? facts.builds.map((build) => build.dockerfile).filter((path) => path !== posix && this.inRun(path)) : [];
    this.waiting.push({ item, read, parse, builds });
  }

  /** A file (read) parsed for its facts, which join the index as its lint's would; no rule runs (FactsOnly). */
  private parseForFacts(item: OnceFile, read: { text: string }, kind: FileKind | undefined): FactsOnly {
    this.addFacts(item, read.text, kind);
    return { posix: item.posix, facts: this.growing.index.get(item.posix), factsOnly: true };
  }

  /** `text` parsed (by `parse` when given) with no rule run; its facts, as a lint takes them, join this share's index. */
  private addFacts(item: OnceFile, text: string, kind: FileKind | undefined, parse?: ParseFile): FileFacts | undefined {
    let facts: FileFacts | undefined;
    lintFile(text, item.posix, { config: item.config, ...(kind ? { kind } : {}), rules: [], fixes: 'none', ...(parse ? { parse } : {}), workspaceWithFacts: (own) => ((facts = own), {}) });
    this.growing.add(item.posix, this.sharing.detached(facts));
    return facts;
  }

  /**
   * Lints a file (read now, or `read` before, and parsed by `parse` before) against the facts this share has seen;
   * `kind`: the file's kind when found on that read (undefined: the lint finds it).
   */
  private lint(item: OnceFile, read?: ReturnType<typeof readForLint>, parse?: ParseFile, kind?: FileKind): FileOutcome {
    const { posix, config } = item;
    this.taken.add(posix);
    const answers = newAnswers();
    const readNow = read ?? readForLint(item.file, config);
    const lint = 'text' in readNow
      ? lintRead(readNow, false, (text) =>
          lintFile(text, posix, {
            config,
            ...(kind ? { kind } : {}),
            fingerprints: true,
            rules: ALL_RULES,
            parse,
            workspaceWithFacts: (facts) => {
              this.growing.add(posix, this.sharing.detached(facts)); // kept to the run's end: no slices of the file's text
              return { ...this.host, index: this.growing.view(answers) };
            },
          }),
        )
      : readNow;
    if (!('result' in lint)) return { posix, unlinted: lint };
    if (answers.list.length > 0) this.answersOf.set(posix, answers);
    this.linted.push(item);
    return { posix, facts: this.growing.index.get(posix), text: this.held(item.file, lint.result) };
  }

  /** Whether this share took the file (linted it, or parsed it first). */
  took(posix: string): boolean {
    return this.taken.has(posix);
  }

  /** The facts this share holds for a path (its own files' and the host files'; once settled, every file's). */
  factsOf(path: string): FileFacts | undefined {
    return this.growing.index.get(path);
  }

  /**
   * The files of this share whose first lint no longer stands on the complete index (`order`, or this share's
   * own when it held every file): every file when the host settings changed, else those whose answers changed.
   */
  settle(order: CompleteOrder | undefined, hostChanged: boolean): { stale: OnceFile[]; complete: GrowingIndex } {
    const complete = order ? this.growing.completedWith(order) : this.growing;
    // The partial index's lists (a copy of each of this share's objects) are not kept beside the complete one's.
    this.growing = complete;
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
