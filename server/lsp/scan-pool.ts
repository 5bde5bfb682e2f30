import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { FileFacts, Rule } from '../../rules/engine';
import { HeldLints } from './held-lints';
import { lintFromDisk, readFacts, ScanIndex, type FactsItem, type FactsOutcome, type LintItem, type LintOutcome, type LintOutcomeJson } from './scan-task';
import { SharedRefs, type SharedEntries } from './scan-refs';
import { UnitLinter, type UnitItem, type UnitOutcome } from './scan-units';
import { SCAN_SLICE_MS, yieldToEventLoop } from './workspace-scan';
import { hasSpareCore, holdSerialScavenges } from '../shared/v8-scavenges';

/** The two kinds of work a scan hands out, with their inputs and outputs. */
export interface ScanTasks {
  facts: { item: FactsItem; result: FactsOutcome };
  /** A worker answers a `json` item with LintOutcomeJson; the server's own thread always with LintOutcome. */
  lint: { item: LintItem; result: LintOutcome | LintOutcomeJson };
  /** A Helm chart or a folder's kustomizations, linted as a whole (reads no facts: runs beside the other tasks). */
  unit: { item: UnitItem; result: UnitOutcome };
}
export type TaskName = keyof ScanTasks;

export interface TaskRun<T extends TaskName> {
  task: T;
  items: Array<ScanTasks[T]['item']>;
  onResult(item: ScanTasks[T]['item'], result: ScanTasks[T]['result']): void;
  /** The file could not be done (its worker crashed or hung on it): the scan goes on without it. */
  onFailure(item: ScanTasks[T]['item'], reason: string): void;
  cancelled(): boolean;
  /** Files per message to a worker (default: the pool's). */
  batchSize?: number;
  /**
   * A batch of this run may take this many times the pool's time limit before its worker is taken as hung (a
   * workspace folder's kustomizations are one item: on a loaded machine they outlast a file's limit, and a unit
   * given up is linted file by file, without its findings).
   */
  timeoutScale?: number;
  /**
   * Batches of this run a worker may hold at once (default 1). With two, a worker starts its next batch as soon as
   * it answers one, instead of waiting for the server to take the answer and send the next (a round trip of two
   * thread wake-ups per batch: most of the lint step's time, which is short work per file). Only for runs of short
   * batches: a batch a busy worker holds cannot go to an idle one.
   */
  inFlight?: number;
}

/** Where a scan's per-file work runs: worker threads, or the server's own thread. */
export interface ScanExecutor {
  /** The host files' facts, before the other files' facts phase: their lints read these settings. */
  setHost(entries: Array<[string, FileFacts]>): void;
  /** The facts index the lint phase reads (sent to every thread). */
  setIndex(entries: Array<[string, FileFacts]>): void;
  /** Several runs may go on at once (units beside a phase): their batches share the threads. */
  run<T extends TaskName>(run: TaskRun<T>): Promise<void>;
  /** Starts the threads ahead of the first run (their start-up overlaps the server's own work), at most one per batch the files to come make. */
  warmUp(files: number): void;
  /** Ends the threads (after the scan, or when it is cancelled). */
  close(): void;
  /** The largest V8 heap a worker reported (bytes; 0 in the server's thread). */
  readonly workerPeakHeap: number;
}

/** 0 or 1 workers: the scan runs in the server's thread, in slices that leave the event loop free for keystrokes. */
export class InlineExecutor implements ScanExecutor {
  private readonly index = new ScanIndex();
  private readonly units: UnitLinter;
  private readonly held = new HeldLints();
  readonly workerPeakHeap = 0;

  constructor(private readonly rules: readonly Rule[]) {
    this.units = new UnitLinter(rules);
  }

  setHost(entries: Array<[string, FileFacts]>): void {
    this.held.setHost(entries);
  }

  setIndex(entries: Array<[string, FileFacts]>): void {
    this.index.load(entries);
    this.held.complete(entries);
  }

  async run<T extends TaskName>(run: TaskRun<T>): Promise<void> {
    let sliceStart = Date.now();
    for (const item of run.items) {
      if (run.cancelled()) return;
      try {
        const result = run.task === 'facts' ? readFacts(item as FactsItem, this.rules, this.held) : run.task === 'unit' ? this.units.lint(item as UnitItem) : (this.held.take((item as LintItem).path) ?? lintFromDisk(item as LintItem, this.index, this.rules));
        run.onResult(item, result as ScanTasks[T]['result']);
      } catch (error) {
        run.onFailure(item, `stridelint failed on it (${(error as Error).message})`);
      }
      if (Date.now() - sliceStart > SCAN_SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = Date.now();
      }
    }
  }

  warmUp(): void {
    // no thread to start
  }

  close(): void {
    // nothing to end
  }
}

/** Files per message to a worker unless the pool or the run says otherwise. */
const DEFAULT_BATCH_SIZE = 25;

/**
 * The old generation a worker's V8 heap grows to before its first full GC (MB). Over a 10,000-file scan a worker's
 * heap grows to ≈ 110 MiB: from V8's default start that took 8–10 full (mark-compact) GCs per worker, each
 * marking all that is live (in the worker and on V8's other threads); from 128 MB, 2. The threads' heaps peak
 * ≈ 20 MiB higher each; they end with the scan.
 */
const WORKER_INITIAL_OLD_SPACE_MB = 128;

/**
 * V8 reads the setting when it makes an isolate: set in this thread, whose heap was made when the process
 * started, it reaches only the isolates made after it, the workers'.
 */
function configureWorkerHeaps(): void {
  setFlagsFromString(`--initial-old-space-size=${WORKER_INITIAL_OLD_SPACE_MB}`);
}

export interface PoolOptions {
  /** The worker's script (dist/scan-worker.js; tests pass their own). */
  script: string;
  size: number;
  batchSize?: number;
  /** A batch not answered in this time is taken as hung: its worker is replaced. */
  batchTimeoutMs?: number;
  /** A worker's heap limit: a file that makes it grow past this ends that worker, not the server. */
  maxHeapMb?: number;
}

interface Batch {
  id: number;
  items: unknown[];
  run: ActiveRun;
}

interface Slot {
  worker: Worker;
  /** The batches handed to this worker and not answered yet, in the order it does them. */
  batches: Array<Batch & { timer: NodeJS.Timeout }>;
  /** The shared objects (configurations, the chart list) this worker has been sent. */
  shared: Set<number>;
  /** Whether this worker takes Helm charts before files (the other kind of worker: files and kustomizations first). */
  chartsFirst: boolean;
}

/** A batch not yet handed out; `slot`: the worker that holds its files' lints (it goes there unless another worker is idle). */
interface QueuedBatch {
  items: unknown[];
  slot?: Slot;
}

/** A run in progress: its batches not yet handed out, how many are out, and how to end it. */
interface ActiveRun {
  run: TaskRun<TaskName>;
  queue: QueuedBatch[];
  out: number;
  done: () => void;
}

/**
 * A pool of worker threads for one scan: batches of files go to whichever worker is free, taken from the runs
 * in the order they were started. A worker that crashes, runs out of memory or does not answer in time is
 * ended and replaced; its batch is retried one file at a time, and a file that fails alone is reported as not
 * analysed (never a lost scan).
 */
export class WorkerPool implements ScanExecutor {
  private readonly slots = new Set<Slot>();
  private hostMessage?: { type: 'host'; entries: Array<[string, FileFacts]> };
  private indexMessage?: { type: 'index'; entries: Array<[string, FileFacts]> };
  private nextId = 0;
  private readonly runs: ActiveRun[] = [];
  private turn = 0;
  private closed = false;
  /** Which worker read each file in the facts phase (and holds the file's lint from that parse). */
  private readonly parsedBy = new Map<string, Slot>();
  private readonly shared = new SharedRefs();
  /** Makes scavenges parallel again (v8-scavenges.ts): held while this pool has workers and no core to spare. */
  private releaseScavenges?: () => void;
  workerPeakHeap = 0;

  constructor(private readonly options: PoolOptions) {}

  setHost(entries: Array<[string, FileFacts]>): void {
    this.hostMessage = { type: 'host', entries };
    for (const slot of this.slots) slot.worker.postMessage(this.hostMessage);
  }

  setIndex(entries: Array<[string, FileFacts]>): void {
    this.indexMessage = { type: 'index', entries };
    for (const slot of this.slots) slot.worker.postMessage(this.indexMessage);
  }

  run<T extends TaskName>(run: TaskRun<T>): Promise<void> {
    const size = run.batchSize ?? this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    const queue: QueuedBatch[] = [];
    for (const [slot, items] of this.byParser(run)) for (let start = 0; start < items.length; start += size) queue.push({ items: items.slice(start, start + size), slot });
    return new Promise((resolve) => {
      this.runs.push({ run: run as unknown as TaskRun<TaskName>, queue, out: 0, done: resolve });
      this.pump();
    });
  }

  warmUp(files: number): void {
    const batches = Math.ceil(files / (this.options.batchSize ?? DEFAULT_BATCH_SIZE));
    while (!this.closed && this.slots.size < Math.min(Math.max(1, this.options.size), batches)) this.start();
  }

  close(): void {
    this.closed = true;
    this.releaseScavenges?.();
    this.releaseScavenges = undefined;
    for (const slot of this.slots) {
      for (const batch of slot.batches) clearTimeout(batch.timer);
      void slot.worker.terminate();
    }
    this.slots.clear();
    for (const active of this.runs.splice(0)) active.done();
  }

  /**
   * A lint run's files grouped by the live worker that parsed them in the facts phase (the rest under
   * undefined); any other run's files as one group.
   */
  private byParser(run: TaskRun<TaskName>): Map<Slot | undefined, unknown[]> {
    const groups = new Map<Slot | undefined, unknown[]>();
    for (const item of run.items) {
      const slot = run.task === 'lint' ? this.parsedBy.get((item as LintItem).path) : undefined;
      const key = slot && this.slots.has(slot) ? slot : undefined;
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
    return groups;
  }

  /**
   * Where in a run's queue a worker's next batch is (−1: none for it): its own (it holds their lints), else one no
   * live worker holds, else the last of a worker busy with another run's batch (a chart). A worker on its own
   * lints keeps them: linting a file again from disk costs ≈ 50× taking its held lint (1.1 ms against 22 µs a
   * file in a 10,000-file scan), and the two cores are the server's and the client's too.
   */
  private batchFor(slot: Slot, active: ActiveRun): number {
    const { queue } = active;
    let at = queue.findIndex((batch) => batch.slot === slot);
    if (at < 0) at = queue.findIndex((batch) => batch.slot === undefined || !this.slots.has(batch.slot));
    for (let last = queue.length - 1; at < 0 && last >= 0; last--) {
      const holder = queue[last].slot as Slot;
      if (holder.batches.length > 0 && holder.batches.every((batch) => batch.run !== active)) at = last; // it takes its own from the front: this one from the end
    }
    return at;
  }

  /**
   * A free worker's next run, and the batch when it is a unit: with two workers or more, half of them take Helm
   * charts first and the others files (and kustomizations) first, each kind of work going on beside the other.
   * A V8 isolate compiles and optimises only the code it runs, and running cold is what a first pass costs most
   * (the one-process loops: a chart pass takes 2.2× the CPU of a warm one, a pass of plain files 1.8×): a thread
   * that never renders a chart never warms the renderer. Whatever a worker's kind leaves it, it takes in turn.
   */
  private choose(slot: Slot, waiting: ActiveRun[]): { active: ActiveRun; at?: number } {
    if (this.options.size > 1) {
      if (slot.chartsFirst) {
        for (const active of waiting) {
          const at = active.run.task === 'unit' ? active.queue.findIndex(isChartBatch) : -1;
          if (at >= 0) return { active, at };
        }
      } else {
        const files = waiting.filter((active) => active.run.task !== 'unit');
        if (files.length > 0) return { active: files[this.turn++ % files.length] };
        for (const active of waiting) {
          const at = active.run.task === 'unit' ? active.queue.findIndex((batch) => !isChartBatch(batch)) : -1;
          if (at >= 0) return { active, at };
        }
      }
    }
    return { active: waiting[this.turn++ % waiting.length] };
  }

  /** Hands queued batches to free workers (starting workers up to the pool's size); resolves each run when all its batches are back. */
  private pump(): void {
    if (this.closed) return;
    for (const active of this.runs) if (active.run.cancelled()) active.queue = [];
    // Free workers with nothing they may take (the lints other workers hold): they wait for the next answer.
    const idle = new Set<Slot>();
    for (;;) {
      // The runs take turns (a unit between two batches of files), so none waits for another to finish.
      const waiting = this.runs.filter((candidate) => candidate.queue.length > 0);
      if (waiting.length === 0) break;
      let slot = [...this.slots].find((candidate) => candidate.batches.length === 0 && !idle.has(candidate)) ?? (this.slots.size < Math.max(1, this.options.size) ? this.start() : undefined);
      let active: ActiveRun | undefined;
      let at: number | undefined;
      if (slot) {
        const free = slot;
        const open = waiting.filter((candidate) => this.batchFor(free, candidate) >= 0);
        if (open.length === 0) {
          idle.add(slot);
          continue;
        }
        ({ active, at } = this.choose(slot, open));
      } else {
        // Every worker is busy: one more batch to the least loaded worker that may hold it (see `inFlight`).
        active = waiting.find((candidate) => (candidate.run.inFlight ?? 1) > 1);
        const run = active;
        slot = run && [...this.slots].filter((candidate) => mayHold(candidate, run) && this.batchFor(candidate, run) >= 0).sort((a, b) => a.batches.length - b.batches.length)[0];
      }
      if (!slot || !active) break;
      const [batch] = active.queue.splice(at ?? this.batchFor(slot, active), 1);
      this.dispatch(slot, { id: ++this.nextId, items: batch.items, run: active });
    }
    for (const active of this.runs.filter((candidate) => candidate.queue.length === 0 && candidate.out === 0)) {
      this.runs.splice(this.runs.indexOf(active), 1);
      active.done();
    }
  }

  private start(): Slot {
    configureWorkerHeaps();
    // The server's thread is idle while the workers scan: a worker per core leaves none to spare.
    if (!this.releaseScavenges && !hasSpareCore(this.options.size)) this.releaseScavenges = holdSerialScavenges();
    const worker = new Worker(this.options.script, { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 512 } });
    // Every other worker takes charts first (a worker replaced by one of its kind).
    const chartsFirst = [...this.slots].filter((other) => other.chartsFirst).length * 2 < this.slots.size;
    const slot: Slot = { worker, batches: [], shared: new Set(), chartsFirst };
    worker.on('message', (message: { id: number; results: unknown[]; heapUsed?: number }) => this.answered(slot, message));
    worker.on('error', (error) => this.failed(slot, `the scan's worker stopped on it (${error.message})`));
    worker.on('exit', (code) => this.failed(slot, `the scan's worker exited on it (code ${code})`));
    worker.unref(); // a worker never keeps the server alive
    if (this.hostMessage) worker.postMessage(this.hostMessage);
    if (this.indexMessage) worker.postMessage(this.indexMessage);
    this.slots.add(slot);
    return slot;
  }

  private dispatch(slot: Slot, batch: Batch): void {
    const timeout = (this.options.batchTimeoutMs ?? 60_000) * (batch.run.run.timeoutScale ?? 1);
    const timer = setTimeout(() => this.failed(slot, `the scan's worker did not finish it within ${Math.round(timeout / 1000)} s`), timeout);
    slot.batches.push({ ...batch, timer });
    batch.run.out++;
    const shared: SharedEntries = [];
    const items = batch.items.map((item) => this.shared.encode(item as object, slot.shared, shared));
    slot.worker.postMessage({ type: 'batch', id: batch.id, task: batch.run.run.task, items, shared });
  }

  private answered(slot: Slot, message: { id: number; results: unknown[]; heapUsed?: number }): void {
    const at = slot.batches.findIndex((candidate) => candidate.id === message.id);
    if (at < 0) return;
    const [batch] = slot.batches.splice(at, 1);
    clearTimeout(batch.timer);
    batch.run.out--;
    if (typeof message.heapUsed === 'number') this.workerPeakHeap = Math.max(this.workerPeakHeap, message.heapUsed);
    if (batch.run.run.task === 'facts') for (const item of batch.items) this.parsedBy.set((item as FactsItem).path, slot);
    // The worker's next batch goes out before this thread handles the results (publishing them): no worker
    // waits for the server's share. A run pump() ends resolves after these results (its waiter runs later);
    // a run cancelled meanwhile (by an earlier result) gets no more results.
    this.pump();
    if (!this.closed && !batch.run.run.cancelled()) batch.items.forEach((item, index) => batch.run.run.onResult(item as never, message.results[index] as never));
  }

  /**
   * A worker crashed, exited or hung: it goes; the batch it was doing is retried file by file, or its one file
   * reported; the batches it held behind that one (not started) go back to their queues as they were.
   */
  private failed(slot: Slot, reason: string): void {
    if (!this.slots.delete(slot)) return;
    void slot.worker.terminate();
    const [batch, ...waiting] = slot.batches;
    for (const held of slot.batches) {
      clearTimeout(held.timer);
      held.run.out--;
    }
    for (const held of waiting.reverse()) held.run.queue.unshift({ items: held.items });
    if (batch) {
      if (batch.items.length > 1) batch.run.queue.unshift(...batch.items.map((item) => ({ items: [item] })));
      else if (!this.closed) batch.run.run.onFailure(batch.items[0] as never, reason);
    }
    this.pump();
  }
}

/** A unit run's batch (one unit) of a Helm chart. */
function isChartBatch(batch: QueuedBatch): boolean {
  return (batch.items[0] as UnitItem).unit === 'chart';
}

/** Whether a worker that holds batches may take one more of `run`: every batch it holds, and run's, allow one more. */
function mayHold(slot: Slot, run: ActiveRun): boolean {
  const held = slot.batches.length;
  return held < (run.run.inFlight ?? 1) && slot.batches.every((batch) => (batch.run.run.inFlight ?? 1) > held);
}
