import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { FileFacts, StridelintConfig, WorkspaceFacts } from '../../rules/engine';
import { endedFlag, STALL_MS, WAIT_SLICE_MS, type LintWorkerData } from './lint-pool';
import type { OutputSpec } from './held-output';
import type { CompleteOrder, FileOutcome, OnceFile } from './shard-lint';

/** The worker script beside the CLI's bundle (dist/cli-once-worker.js; beside this module when run from tests). */
const WORKER_SCRIPT = join(__dirname, 'cli-once-worker.js');

/** A chunk's claim in the shared array: free, the CLI's thread's, or worker i's (CLAIM_MAIN + 1 + i). */
export const CLAIM_FREE = 0;
export const CLAIM_MAIN = 1;

export type OnceRequest =
  | {
      start: {
        /** Every plain file of the run in walk order: path, POSIX path (undefined: the path is one), configuration number. */
        files: Array<[string, string | undefined, number]>;
        configs: Array<[number, StridelintConfig]>;
        host: WorkspaceFacts;
        hostFacts: Array<[string, FileFacts]>;
        claims: Int32Array;
        chunkSize: number;
        /** The run's output format, when the worker encodes its files' output. */
        output?: OutputSpec;
        /** One flag per file: set, the run takes its findings from elsewhere (the worker parses it for its facts alone). */
        elsewhere?: Uint8Array;
      };
    }
  | { settle: { order: CompleteOrder; hostChanged: boolean; host: WorkspaceFacts } };

/** `chunks`: the chunks each of whose files has its outcome now (in this report or an earlier one). */
export type OnceReport = { chunks: number[]; outcomes: FileOutcome[] } | { passDone: true } | { settled: FileOutcome[] };

/**
 * Worker threads of a one-parse run started before its files are known: each loads its script (the engine's
 * bundle) while the CLI's thread still walks and reads the host settings, then waits for its `start`.
 */
export class OnceThreads {
  readonly signal: Int32Array;
  readonly threads: Array<{ worker: Worker; port: MessagePort }> = [];

  constructor(count: number, script = WORKER_SCRIPT) {
    this.signal = new Int32Array(new SharedArrayBuffer(4 * (1 + count)));
    for (let index = 0; index < count; index++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(script, { workerData: { port: port2, signal: this.signal, index } satisfies LintWorkerData, transferList: [port2] });
      worker.unref();
      worker.on('error', () => undefined); // said through the ended flag (the run is synchronous)
      this.threads.push({ worker, port: port1 });
    }
  }

  /** Stops the threads a run does not use (from `from` on; all by default). */
  close(from = 0): void {
    for (const { worker, port } of this.threads.slice(from)) {
      port.close();
      void worker.terminate();
    }
  }
}

interface Slot {
  index: number;
  worker: Worker;
  port: MessagePort;
  state: 'pass' | 'passed' | 'settled' | 'lost';
  /** Chunks this worker reported whole (each of their files' outcomes came). */
  reported: Set<number>;
  /** Its files with findings waiting (to be linted again by the CLI's thread if the worker is lost). */
  held: Set<string>;
  /** Paths whose facts came from this worker (it keeps them itself: not sent back at settling). */
  facts: Set<string>;
}

/** What the coordinator does with what the workers send. */
export interface OutcomeSink {
  /** A first lint (facts and findings), or a lint made again at settling. */
  outcome(outcome: FileOutcome, again: boolean): void;
  /** A worker was lost (it ended, or every worker stalled): these files' findings cannot be trusted. */
  lost(posix: Iterable<string>): void;
  /** The run's own string of a path a worker names (a report's strings are copies: kept, they would double the paths). */
  path?(posix: string): string;
}

/**
 * The lint workers of the CLI's one parse (issue 17), seen from the CLI's thread. The run's plain files are cut
 * into chunks in walk order; the CLI's thread claims chunks from the start (`claimFront`), the workers from the
 * end, through one shared array (Atomics), so every chunk is linted once. The run is synchronous: answers are
 * read with receiveMessageOnPort, waiting with Atomics.wait on the counter the workers raise (as LintPool does).
 * A worker that ends or stalls is dropped: the CLI's thread lints its unreported chunks and lints its reported
 * files again on the complete index, so the output never depends on a worker.
 */
export class OnceWorkers {
  readonly claims: Int32Array;
  private readonly signal: Int32Array;
  private readonly slots: Slot[] = [];

  constructor(
    count: number,
    files: readonly OnceFile[],
    readonly chunkSize: number,
    host: WorkspaceFacts,
    hostFacts: Array<[string, FileFacts]>,
    private readonly sink: OutcomeSink,
    script = WORKER_SCRIPT,
    /** Threads started already (at least `count`; those beyond it are stopped); else `count` are started here. */
    threads = new OnceThreads(count, script),
    output?: OutputSpec,
    /** Shared flags, one per file: set, the file is parsed for its facts alone (`StartedOnce.finish`). */
    elsewhere?: Uint8Array,
  ) {
    this.claims = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, Math.ceil(files.length / chunkSize))));
    this.signal = threads.signal;
    threads.close(count);
    const configIds = new Map<StridelintConfig, number>();
    const fileList = files.map((item): [string, string | undefined, number] => {
      let id = configIds.get(item.config);
      if (id === undefined) configIds.set(item.config, (id = configIds.size));
      // A string goes as a copy each time it is sent: the path once when it is the POSIX path too.
      return [item.file, item.posix === item.file ? undefined : item.posix, id];
    });
    const start: OnceRequest = { start: { files: fileList, configs: [...configIds].map(([config, id]) => [id, config]), host, hostFacts, claims: this.claims, chunkSize, ...(output ? { output } : {}), ...(elsewhere ? { elsewhere } : {}) } };
    threads.threads.slice(0, count).forEach(({ worker, port }, index) => {
      port.postMessage(start);
      this.slots.push({ index, worker, port, state: 'pass', reported: new Set(), held: new Set(), facts: new Set() });
    });
  }

  get chunks(): number {
    return this.claims.length;
  }

  /** The CLI's thread takes chunk `chunk`; false when a worker has it. */
  claimFront(chunk: number): boolean {
    return Atomics.compareExchange(this.claims, chunk, CLAIM_FREE, CLAIM_MAIN) === CLAIM_FREE;
  }

  /** Reads every report waiting; true when there was one. */
  receive(): boolean {
    let received = false;
    for (const slot of this.slots) {
      for (let message = receiveMessageOnPort(slot.port); message; message = receiveMessageOnPort(slot.port)) {
        received = true;
        if (slot.state === 'lost') continue;
        const report = message.message as OnceReport;
        if ('chunks' in report) {
          for (const chunk of report.chunks) slot.reported.add(chunk);
          for (const outcome of report.outcomes) this.take(slot, outcome, false);
        } else if ('passDone' in report) slot.state = 'passed';
        else {
          for (const outcome of report.settled) this.take(slot, outcome, true);
          slot.state = 'settled';
        }
      }
    }
    return received;
  }

  /**
   * Waits until every worker has claimed and linted its last chunk, then lints with `lintChunk` (in the CLI's
   * thread) each chunk no worker linted: unclaimed, or claimed by a worker lost on the way.
   */
  finishPass(lintChunk: (chunk: number) => void): void {
    this.waitFor((slot) => slot.state === 'pass');
    for (let chunk = 0; chunk < this.chunks; chunk++) {
      const owner = Atomics.compareExchange(this.claims, chunk, CLAIM_FREE, CLAIM_MAIN);
      const slot = this.slots.find((each) => owner === CLAIM_MAIN + 1 + each.index);
      if (owner === CLAIM_FREE || (slot && slot.state === 'lost' && !slot.reported.has(chunk))) lintChunk(chunk);
    }
  }

  /** Sends each worker the complete index: each lints again its files whose lints did not stand (`awaitSettled`). */
  startSettle(order: CompleteOrder, hostChanged: boolean, host: WorkspaceFacts): void {
    for (const slot of this.slots) {
      if (slot.state === 'lost') continue;
      const own = order.map(([path, facts]): [string, FileFacts | undefined] => [path, slot.facts.has(path) ? undefined : facts]);
      slot.port.postMessage({ settle: { order: own, hostChanged, host } } satisfies OnceRequest);
    }
  }

  /** Waits for the workers' lints made again since `startSettle` (files of a lost worker go to `sink.lost`). */
  awaitSettled(): void {
    this.waitFor((slot) => slot.state === 'passed');
  }

  close(): void {
    for (const slot of this.slots) {
      slot.port.close();
      void slot.worker.terminate();
    }
  }

  private take(slot: Slot, outcome: FileOutcome, again: boolean): void {
    if (this.sink.path) outcome.posix = this.sink.path(outcome.posix); // the report is this thread's own copy
    if ('text' in outcome) slot.held.add(outcome.posix);
    else slot.held.delete(outcome.posix);
    if (!again && 'facts' in outcome && outcome.facts) slot.facts.add(outcome.posix);
    this.sink.outcome(outcome, again);
  }

  /** Waits while some worker is `pending`; after STALL_MS without a word from any, the pending ones are lost. */
  private waitFor(pending: (slot: Slot) => boolean): void {
    let quiet = 0;
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      if (this.receive()) quiet = 0;
      this.dropEnded();
      if (!this.slots.some(pending)) return;
      if (Atomics.wait(this.signal, 0, seen, WAIT_SLICE_MS) !== 'timed-out') quiet = 0;
      else if ((quiet += WAIT_SLICE_MS) >= STALL_MS) for (const slot of this.slots.filter(pending)) this.lose(slot);
    }
  }

  /** A worker that said it ended (an uncaught error, out of memory) is lost, after what it sent before. */
  private dropEnded(): void {
    for (const slot of this.slots) {
      if (slot.state === 'lost' || slot.state === 'settled' || Atomics.load(this.signal, endedFlag(slot.index)) === 0) continue;
      this.receive();
      this.lose(slot); // not when what it sent settled it
    }
  }

  private lose(slot: Slot): void {
    if (slot.state === 'lost' || slot.state === 'settled') return;
    slot.state = 'lost';
    slot.port.close();
    void slot.worker.terminate();
    this.sink.lost(slot.held);
  }
}
