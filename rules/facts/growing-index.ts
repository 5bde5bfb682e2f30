import { DERIVE, type Derive } from './derived-answer';
import { FactsIndex, namespaceOf } from './facts-index';
import type { FileFacts } from './file-facts';
import type { FactsView } from './workspace-facts';

/** What one lint was told: each question with its answer's size (lists), identity (facts) or value (derived). */
type Answer =
  | { question: 'dockerfile'; argument: string; facts: FileFacts | undefined }
  | { question: 'builds'; argument: string; paths: string }
  | { question: 'ns'; argument: string; kind?: string; length: number }
  | { question: 'cluster'; kind?: string; length: number }
  | { question: 'derived'; key: string; value: unknown }
  | { question: 'failed' };

/** The answers one lint got, to check once the index is complete (opaque to adapters). */
export interface Answers {
  readonly list: Answer[];
}

export function newAnswers(): Answers {
  return { list: [] };
}

/**
 * One parse per file for a batch run (issue 17): each file is linted as soon as it is parsed, against the
 * index as filled so far, and its facts (from that same parse) join the index. Every answer a lint got is
 * kept; once every file is in, `stands` tells whether each answer is still the same: then the lint is the one
 * a lint against the complete index gives, else the adapter lints that file again. A path's facts are set
 * once, so the index only grows and a list is the same while its length is.
 */
export class GrowingIndex {
  /** It only grows, and what it answered is checked by length (`stands`): its lists grow in place. */
  readonly index = new FactsIndex({ listsGrowInPlace: true });
  /**
   * How each derived question is answered (the first asker's function: the key says everything it reads), with
   * the first asker's key, which the answers to the question share (many files ask the same one).
   */
  private readonly derivations = new Map<string, { key: string; compute: (view: FactsView) => unknown }>();
  /** Answers to derived questions on the index as it is now (cleared when a file joins). */
  private currentDerived = new Map<string, string>();
  /** The keys each derived question reads on the index as it is now (cleared when a file joins). */
  private currentReads = new Map<string, string[]>();

  /** Adds a file's facts; a path already in keeps its first facts (the index only grows). */
  add(path: string, facts: FileFacts | undefined): void {
    if (!facts || this.index.get(path)) return;
    this.index.add(path, facts);
    this.currentDerived.clear();
    this.currentReads.clear();
  }

  /**
   * The view one lint reads, noting each answer in `answers`; `record` hears every fact key read, by the lint
   * and by the derived questions it asked (the language server's dependencies).
   */
  view(answers: Answers, record?: (key: string) => void): FactsView {
    const plain = this.index.view(record);
    // One lint gets the same answer to the same question (the index does not change meanwhile): noted once.
    const asked = new Set<string>();
    const note = (id: string, answer: Answer) => {
      if (asked.has(id)) return;
      asked.add(id);
      answers.list.push(answer);
    };
    const derive: Derive = (asked, compute) => {
      let derivation = this.derivations.get(asked);
      if (!derivation) this.derivations.set(asked, (derivation = { key: asked, compute }));
      const { key } = derivation;
      try {
        const value = compute(plain);
        note(`derived\u0000${key}`, { question: 'derived', key, value });
        return value;
      } catch (error) {
        answers.list.push({ question: 'failed' }); // the rule failed on this index: judge it again on the complete one
        throw error;
      }
    };
    const view: FactsView & { [DERIVE]: Derive } = {
      dockerfile: (path) => {
        const facts = plain.dockerfile(path);
        note(`dockerfile\u0000${path}`, { question: 'dockerfile', argument: path, facts });
        return facts;
      },
      composeBuildsOf: (path) => {
        const builds = plain.composeBuildsOf(path);
        note(`builds\u0000${path}`, { question: 'builds', argument: path, paths: pathsOf(builds) });
        return builds;
      },
      namespaceObjects: (namespace, kind) => {
        const objects = plain.namespaceObjects(namespace, kind);
        note(`ns\u0000${namespace}\u0000${kind ?? ''}`, { question: 'ns', argument: namespace, kind, length: objects.length });
        return objects;
      },
      clusterObjects: (kind) => {
        const objects = plain.clusterObjects(kind);
        note(`cluster\u0000${kind ?? ''}`, { question: 'cluster', kind, length: objects.length });
        return objects;
      },
      [DERIVE]: derive,
    };
    return view;
  }

  /** Whether every answer in `answers` is what the index says now. */
  stands(answers: Answers): boolean {
    const plain = this.index.view();
    return answers.list.every((answer) => {
      switch (answer.question) {
        case 'dockerfile':
          return plain.dockerfile(answer.argument) === answer.facts;
        case 'builds':
          return pathsOf(plain.composeBuildsOf(answer.argument)) === answer.paths;
        case 'ns':
          return plain.namespaceObjects(answer.argument, answer.kind).length === answer.length;
        case 'cluster':
          return plain.clusterObjects(answer.kind).length === answer.length;
        case 'derived':
          return this.derivedNow(answer.key, plain) === serialised(answer.value);
        case 'failed':
          return false;
      }
    });
  }

  /**
   * This index completed to the run's whole index, in `order` (a path's facts here are kept: the answers this
   * index gave point at them), answering derived questions as this one does: a part of the run linted on its own
   * (a lint worker's share) is checked against the whole run with `stands` on the result.
   */
  completedWith(order: Iterable<[string, FileFacts | undefined]>): GrowingIndex {
    const complete = new GrowingIndex();
    for (const [path, facts] of order) complete.add(path, this.index.get(path) ?? facts);
    for (const [key, derivation] of this.derivations) complete.derivations.set(key, derivation);
    return complete;
  }

  private derivedNow(key: string, view: FactsView): string | undefined {
    let now = this.currentDerived.get(key);
    if (now === undefined) {
      try {
        now = serialised(this.derivations.get(key)!.compute(view));
      } catch {
        now = '\u0000failed'; // never equal to a recorded answer: the file is linted again and says the failure
      }
      this.currentDerived.set(key, now);
    }
    return now;
  }

  /** The fact keys the derived questions in `answers` read on the index as it is now (the asker's dependencies). */
  derivedReads(answers: Answers): string[] {
    const keys = new Set<string>();
    for (const answer of answers.list) {
      if (answer.question !== 'derived') continue;
      let reads = this.currentReads.get(answer.key);
      if (!reads) {
        const asked = new Set<string>();
        try {
          this.derivations.get(answer.key)!.compute(this.index.view((key) => asked.add(key)));
        } catch {
          // a failing derivation read what it asked before it failed
        }
        this.currentReads.set(answer.key, (reads = [...asked]));
      }
      for (const key of reads) keys.add(key);
    }
    return [...keys];
  }
}

/**
 * The list and facts questions whose answers these files' facts were part of (the ids `view` notes them under,
 * a namespace's or the cluster's with and without the kind): an index that later dropped the files answered
 * them otherwise, so a lint that asked one of them is judged again (`askedAny`).
 */
export function questionsAnsweredBy(files: Iterable<[string, FileFacts]>): Set<string> {
  const ids = new Set<string>();
  for (const [path, facts] of files) {
    if (facts.kind === 'dockerfile') ids.add(`dockerfile\u0000${path}`);
    else if (facts.kind === 'compose') for (const build of facts.builds) ids.add(`builds\u0000${build.dockerfile}`);
    else if (facts.kind === 'kubernetes') {
      for (const object of facts.objects) {
        const namespace = namespaceOf(object);
        const prefix = namespace === undefined ? 'cluster\u0000' : `ns\u0000${namespace}\u0000`;
        ids.add(prefix);
        ids.add(`${prefix}${object.kind}`);
      }
    }
  }
  return ids;
}

/** Whether a lint asked any of these questions (`questionsAnsweredBy`). */
export function askedAny(answers: Answers, questions: ReadonlySet<string>): boolean {
  if (questions.size === 0) return false; // no file dropped (a scan): no question ids made per answer to look up
  return answers.list.some((answer) => {
    switch (answer.question) {
      case 'dockerfile':
        return questions.has(`dockerfile\u0000${answer.argument}`);
      case 'builds':
        return questions.has(`builds\u0000${answer.argument}`);
      case 'ns':
        return questions.has(`ns\u0000${answer.argument}\u0000${answer.kind ?? ''}`);
      case 'cluster':
        return questions.has(`cluster\u0000${answer.kind ?? ''}`);
      default:
        return false; // derived answers are computed again on the complete index
    }
  });
}

/**
 * A compose build list as compared: its files in order (builds are listed in the order files joined an index,
 * which may differ between two indexes of the same files; a file's builds are its facts, the same in both).
 */
function pathsOf(builds: ReadonlyArray<{ path: string }>): string {
  return builds.map((build) => build.path).join('\u0000');
}

/** An answer as compared: plain data, `undefined` included. */
function serialised(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}
