import { factsOfFile, hostWorkspaceFacts, lintFile, type FileFacts, type Rule, type StridelintConfig, type WorkspaceFacts } from '../../rules/engine';
import { parseModel, type ParseFile } from '../../rules/engine/parse-model';
import { askedAny, GrowingIndex, newAnswers, questionsAnsweredBy, type Answers } from '../../rules/facts/growing-index';
import { sameFacts } from '../../rules/facts/same-facts';
import { withoutFixes, type LintOutcome } from './scan-task';

/** A file's lint from its facts parse, with every answer it got from the thread's index and every key it read. */
interface HeldLint {
  answers: Answers;
  reads: Set<string>;
  outcome: LintOutcome;
}

/** The scan's complete index as one thread checks its held lints against it. */
interface Completed {
  index: GrowingIndex;
  /** No held lint stands: the host settings differ from the ones they read (every lint reads them), or a file's facts changed. */
  stale: boolean;
  /** Questions answered with facts the complete index does not hold as this thread saw them (a kustomization took the file). */
  lost: ReadonlySet<string>;
}

/**
 * One parse per file in a workspace scan (issue 17): a scan thread lints each file in its facts phase's parse,
 * against the facts it has seen so far and the host files' settings (read before the other files), and holds
 * that lint. Once the scan's index is complete, a held lint whose every answer is the same on it
 * (`GrowingIndex.stands`, with the same host settings, and no list it got holding facts the complete index
 * dropped) is the lint the lint phase would give; the others are linted again against the complete index.
 */
export class HeldLints {
  private readonly growing = new GrowingIndex();
  private host: WorkspaceFacts = {};
  private readonly held = new Map<string, HeldLint>();
  /** Lints put off (`later`) until `flush`: their files' facts are in the index, their parses kept. */
  private readonly deferred: Array<() => void> = [];
  private completed?: Completed;

  /** The host files' facts (daemon.json, dockerd flags, audit rules), before any file is linted. */
  setHost(entries: ReadonlyArray<[string, FileFacts]>): void {
    this.host = hostWorkspaceFacts(entries);
  }

  /**
   * Lints a file in the parse that gives its facts, holds the lint, and returns the facts. `later`: the facts
   * join the index now, the lint runs at `flush` on the same parse (a compose file, whose lint asks for the
   * facts of the Dockerfiles it builds, and whose facts those Dockerfiles' lints ask for).
   */
  lint(text: string, path: string, config: StridelintConfig, rules: readonly Rule[], key: string, later = false): FileFacts | undefined {
    if (later) {
      let parsed: ReturnType<ParseFile> | undefined;
      const parse: ParseFile = (kind, parsedText, parsedPath) => (parsed ??= parseModel(kind, parsedText, parsedPath));
      // Only the parse (kept for the lint) and its facts: the facts a lint of this text would hand its workspace.
      const facts = factsOfFile(text, path, { config, parse });
      this.growing.add(path, facts);
      this.deferred.push(() => this.lintNow(text, path, config, rules, key, parse));
      return facts;
    }
    return this.lintNow(text, path, config, rules, key);
  }

  /** Runs the lints put off (a worker does at the end of each batch of the facts phase). */
  flush(): void {
    for (const lint of this.deferred.splice(0)) lint();
  }

  private lintNow(text: string, path: string, config: StridelintConfig, rules: readonly Rule[], key: string, parse?: ParseFile): FileFacts | undefined {
    const answers = newAnswers();
    // Every lint reads the host settings (as the lint phase's workspace records).
    const reads = new Set<string>(['host']);
    let facts: FileFacts | undefined;
    const result = lintFile(text, path, {
      config,
      rules,
      fixes: 'none', // the outcome keeps none (withoutFixes)
      parse,
      workspaceWithFacts: (own) => {
        facts = own;
        this.growing.add(path, own);
        return { ...this.host, index: this.growing.view(answers, (read) => reads.add(read)) };
      },
    });
    this.held.set(path, { answers, reads, outcome: { key, kind: result.kind, findings: result.findings.map(withoutFixes), reads: [] } });
    return facts;
  }

  /** The scan's complete index (every file's facts, in the index's order): held lints are checked against it. */
  complete(entries: ReadonlyArray<[string, FileFacts]>): void {
    this.flush();
    const now = new Map(entries);
    const dropped: Array<[string, FileFacts]> = [];
    let changed = false;
    for (const [path, facts] of this.growing.index.entries()) {
      const complete = now.get(path);
      if (complete === undefined) dropped.push([path, facts]);
      else changed ||= !sameFacts(complete, facts);
    }
    // A file whose facts changed since this thread read it (not seen in a scan: the thread's facts are the index's)
    // would answer derived questions wrongly on the completed index: nothing held stands then.
    const hostChanged = !sameFacts(hostWorkspaceFacts(entries), this.host);
    this.completed = { index: this.growing.completedWith(entries), stale: hostChanged || changed, lost: questionsAnsweredBy(dropped) };
  }

  /** A file's held lint when it stands on the complete index (given once); undefined: lint it again. */
  take(path: string): LintOutcome | undefined {
    const held = this.held.get(path);
    this.held.delete(path);
    const completed = this.completed;
    if (!held || !completed || completed.stale || askedAny(held.answers, completed.lost) || !completed.index.stands(held.answers)) return undefined;
    const reads = new Set([...held.reads, ...completed.index.derivedReads(held.answers)]);
    return { ...held.outcome, reads: [...reads] };
  }

  get size(): number {
    return this.held.size;
  }
}
