import { detectKind, factsOfFile, hostWorkspaceFacts, type FileFacts, type LintResult, type StridelintConfig, type WorkspaceFacts } from '../../rules/engine';
import { HOST_KINDS } from '../../rules/facts/host-facts';
import { toPosix } from '../shared/config-loader';
import { FactsDigests } from '../shared/facts-digests';
import { SharedFacts } from '../../rules/facts/detached-facts';
import { heldOutput, outputEncoder, type HeldOutput, type OutputSpec } from './held-output';
import { HeldTexts } from './held-results';
import type { DiskLint } from './lint-on-disk';
import { OnceWorkers, type OnceThreads } from './once-workers';
import { heldText, ShardLinter, type CompleteOrder, type FileOutcome, type OnceFile } from './shard-lint';
import { readQuietly, type RunIndex } from './workspace-index';

/** Files per chunk a thread claims: large enough that a chunk's files often read each other, small enough to share well. */
const CHUNK_SIZE = 32;

/** The plain files linted with one parse each: the run's index, and each file's lint when it still stands. */
export interface LintedOnce {
  runIndex: RunIndex;
  /**
   * The file's lint from the first pass when every answer it got is still the same (taken once), else undefined:
   * its output as `OnceOptions.output` encodes it when the file has a kind, else the lint.
   */
  take(posix: string): DiskLint | HeldOutput | undefined;
  /** Removes the temporary file the findings wait in, and stops the workers. */
  close(): void;
  /** Files linted in the first pass, and how many of them must be linted again. */
  counts: { linted: number; stale: number };
  /** Whether the host settings of the complete run differ from `StartedOnce.host` (read before the lints). */
  hostChanged: boolean;
}

/** A one-parse run begun: the host settings are known (a kustomization's build needs only them) and workers lint. */
export interface StartedOnce {
  host: WorkspaceFacts;
  /**
   * Lints the CLI's thread's share, waits for the workers' and settles which lints stand. `elsewhere`: files whose
   * findings the run takes from elsewhere (a kustomization build covers them): from now on each thread parses
   * them for their facts alone (`take` then gives undefined for one).
   */
  finish(elsewhere?: (posix: string) => boolean): LintedOnce;
  /** Stops the workers and removes the temporary file (a run stopped before `finish`). */
  close(): void;
}

export interface OnceOptions {
  /** Lint workers besides the CLI's thread (0: none). */
  workers: number;
  /** Files per chunk (tests make it small). */
  chunkSize?: number;
  /** Tests: the most chunks the CLI's thread claims before the workers' share (so that the split is known). */
  mainChunks?: number;
  /** Tests: another worker script (one that fails). */
  script?: string;
  /** Worker threads started before the walk ended (at least `workers` of them; the others are stopped). */
  threads?: OnceThreads;
  /** The run's output format, when each thread may encode its files' output (`take` then gives it). */
  output?: OutputSpec;
}

/**
 * One parse per plain file (issue 17): the host files' facts first (few, small; every other kind reads what they
 * say), then each file read, parsed and linted once against the facts its thread has seen, its facts joining
 * them from the same parse (ShardLinter). With workers, the CLI's thread takes chunks of files from the start of
 * the walk and each worker from the end. Once all files are in, a lint stands when every answer it got is the
 * same on the complete index and the host settings did not change; the others are linted again (a worker's by
 * the worker, the CLI thread's by the caller). The output is the one a facts pass followed by a lint pass gives.
 */
export function startLintOnce(files: readonly string[], configFor: (file: string) => StridelintConfig, shown: (file: string) => string, options: OnceOptions): StartedOnce {
  const items: OnceFile[] = files.map((file) => ({ file, posix: toPosix(file), config: configFor(file) }));
  // Paths are shown in the host settings' messages only: the host files' are kept, not every file's.
  const hostFiles = new Map<string, string>();
  const hostOf = (entries: Array<[string, FileFacts]>) => hostWorkspaceFacts(entries, (path) => shown(hostFiles.get(path) ?? path));
  const hostFacts: Array<[string, FileFacts]> = [];
  for (const item of items) {
    const kind = detectKind(item.posix, '', { kindGlobs: item.config.files });
    if (!kind || !HOST_KINDS.has(kind)) continue;
    hostFiles.set(item.posix, item.file);
    const read = readQuietly(item.file, item.config);
    const facts = read && factsOfFile(read.text, item.posix, { config: item.config });
    if (facts) hostFacts.push([item.posix, facts]);
  }
  const host = hostOf(hostFacts);
  // Only the findings wait for the complete index, as JSON in a temporary file (no text, flat memory).
  const held = new HeldTexts();
  const unlinted = new Map<string, DiskLint>();
  const workerFacts = new Map<string, FileFacts>();
  // A worker's facts come as copies of their own: their parts are shared with this thread's facts.
  const sharing = new SharedFacts();
  let workerStale = 0;
  const record = (outcome: FileOutcome, again = false) => {
    if (again) {
      held.forget(outcome.posix);
      workerStale++;
    }
    if ('unlinted' in outcome) unlinted.set(outcome.posix, outcome.unlinted);
    else if ('text' in outcome) held.put(outcome.posix, outcome.text);
    if (!again && 'facts' in outcome && outcome.facts) workerFacts.set(outcome.posix, sharing.adopted(outcome.facts));
  };
  // Each path of the run by value, as this thread holds it: a worker's outcomes name theirs by copies, and these are kept.
  const runPaths = new Map(items.map((item) => [item.posix, item.posix]));
  // One flag per file (walk order), shared with the workers: set for the files `finish` is told the run takes
  // the findings of from elsewhere. A worker may have linted such a file before the flag: no matter, it is not taken.
  const elsewhereFlags = new Uint8Array(new SharedArrayBuffer(Math.max(1, items.length)));
  let elsewhere: ((posix: string) => boolean) | undefined;
  const mine = new ShardLinter(host, hostFacts, heldText(options.output && outputEncoder(options.output)), (path) => runPaths.has(path), (path) => elsewhere?.(path) ?? false, sharing);
  const chunkSize = options.chunkSize ?? CHUNK_SIZE;
  const workers = options.workers > 0 && items.length > 0 ? new OnceWorkers(options.workers, items, chunkSize, host, hostFacts, { outcome: record, lost: (paths) => [...paths].forEach((posix) => held.forget(posix)), path: (posix) => runPaths.get(posix) ?? posix }, options.script, options.threads, options.output, elsewhereFlags) : undefined;
  if (!workers) options.threads?.close();
  const close = () => {
    workers?.close();
    held.dispose();
  };
  return {
    host,
    finish(takenElsewhere) {
      try {
        if (takenElsewhere) {
          elsewhere = takenElsewhere;
          items.forEach((item, index) => {
            if (takenElsewhere(item.posix)) Atomics.store(elsewhereFlags, index, 1);
          });
        }
        return finish();
      } catch (error) {
        close();
        throw error;
      }
    },
    close,
  };

  function finish(): LintedOnce {
    const keep = (outcome: FileOutcome) => {
      if ('unlinted' in outcome) unlinted.set(outcome.posix, outcome.unlinted);
      else if ('text' in outcome) held.put(outcome.posix, outcome.text);
    };
    const received = () => workers?.receive(); // the workers' findings go to the held file as they come
    const lintChunk = (chunk: number) => {
      const files = items.slice(chunk * chunkSize, (chunk + 1) * chunkSize);
      mine.lintChunk(files, received).forEach(keep);
    };
    const chunks = Math.ceil(items.length / chunkSize);
    const limit = workers ? Math.min(chunks, options.mainChunks ?? chunks) : chunks;
    for (let chunk = 0; chunk < limit && (!workers || workers.claimFront(chunk)); chunk++) lintChunk(chunk);
    workers?.finishPass(lintChunk);
    mine.flush(received).forEach(keep);
    // The complete index in the order one thread builds it: the host files first, then every file in walk order.
    const hostPaths = new Set(hostFacts.map(([path]) => path));
    const order: CompleteOrder = [...hostFacts, ...items.filter((item) => !hostPaths.has(item.posix)).map((item): [string, FileFacts | undefined] => [item.posix, mine.factsOf(item.posix) ?? workerFacts.get(item.posix)])];
    const finalHost = hostOf(items.flatMap((item): Array<[string, FileFacts]> => {
      const facts = mine.factsOf(item.posix) ?? workerFacts.get(item.posix);
      return facts ? [[item.posix, facts]] : [];
    }));
    const hostChanged = JSON.stringify(finalHost) !== JSON.stringify(host);
    const { stale, complete } = mine.settle(workers ? order : undefined, hostChanged);
    for (const item of stale) held.forget(item.posix);
    // The workers lint their stale files again while this thread hands on its own files (the first in walk
    // order): their results are waited for when the first of their files is taken.
    workers?.startSettle(order, hostChanged, finalHost);
    let workersSettled = !workers;
    const settleWorkers = () => {
      if (workersSettled) return;
      workersSettled = true;
      workers!.awaitSettled();
      workers!.close();
      workerFacts.clear();
    };
    const index = complete.index;
    return {
      runIndex: { index, host: finalHost, digests: new FactsDigests(index, () => finalHost), contentHashes: new Map() },
      take(posix) {
        if (!mine.took(posix)) settleWorkers(); // a worker's file: after the worker's lints made again at settling
        const unread = unlinted.get(posix);
        if (unread) {
          unlinted.delete(posix);
          return unread;
        }
        const bytes = held.takeBytes(posix);
        if (bytes === undefined) return undefined;
        return heldOutput(bytes) ?? { hash: '', result: JSON.parse(bytes.toString('utf8')) as LintResult, reads: [] };
      },
      close,
      get counts() {
        settleWorkers();
        return { linted: items.length, stale: stale.length + workerStale };
      },
      hostChanged,
    };
  }
}
