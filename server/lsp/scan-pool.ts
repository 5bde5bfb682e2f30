import { Worker } from 'node:worker_threads';
import type { FileFacts, Rule } from '../../rules/engine';
import { lintFromDisk, readFacts, ScanIndex, type FactsItem, type FactsOutcome, type LintItem, type LintOutcome } from './scan-task';
import { yieldToEventLoop } from './workspace-scan';

/** The two kinds of work a scan hands out, with their inputs and outputs. */
export interface ScanTasks {
  facts: { item: FactsItem; result: FactsOutcome };
  lint: { item: LintItem; result: LintOutcome };
}
export type TaskName = keyof ScanTasks;

export interface TaskRun<T extends TaskName> {
  task: T;
  items: Array<ScanTasks[T]['item']>;
  onResult(item: ScanTasks[T]['item'], result: ScanTasks[T]['result']): void;
  /** The file could not be done (its worker crashed or hung on it): the scan goes on without it. */
  onFailure(item: ScanTasks[T]['item'], reason: string): void;
  cancelled(): boolean;
}

/** Where a scan's per-file work runs: worker threads, or the server's own thread. */
export interface ScanExecutor {
  /** The facts index the lint phase reads (sent to every thread). */
  setIndex(entries: Array<[string, FileFacts]>): void;
  run<T extends TaskName>(run: TaskRun<T>): Promise<void>;
  /** Ends the threads (after the scan, or when it is cancelled). */
  close(): void;
  /** The largest V8 heap a worker reported (bytes; 0 in the server's thread). */
  readonly workerPeakHeap: number;
}

/** 0 or 1 workers: the scan runs in the server's thread, in slices that leave the event loop free for keystrokes. */
export class InlineExecutor implements ScanExecutor {
  private readonly index = new ScanIndex();
  readonly workerPeakHeap = 0;

  constructor(private readonly rules: readonly Rule[]) {}

  setIndex(entries: Array<[string, FileFacts]>): void {
    this.index.load(entries);
  }

  async run<T extends TaskName>(run: TaskRun<T>): Promise<void> {
    let sliceStart = Date.now();
    for (const item of run.items) {
      if (run.cancelled()) return;
      try {
        const result = run.task === 'facts' ? readFacts(item as FactsItem) : lintFromDisk(item as LintItem, this.index, this.rules);
        run.onResult(item, result as ScanTasks[T]['result']);
      } catch (error) {
        run.onFailure(item, `stridelint failed on it (${(error as Error).message})`);
      }
      if (Date.now() - sliceStart > 15) {
        await yieldToEventLoop();
        sliceStart = Date.now();
      }
    }
  }

  close(): void {
    // nothing to end
  }
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

interface Slot {
  worker: Worker;
  batch?: { id: number; items: unknown[]; timer: NodeJS.Timeout };
}

/**
 * A pool of worker threads for one scan: batches of files go to whichever worker is free. A worker that
 * crashes, runs out of memory or does not answer in time is ended and replaced; its batch is retried one file
 * at a time, and a file that fails alone is reported as not analysed (never a lost scan).
 */
export class WorkerPool implements ScanExecutor {
  private readonly slots = new Set<Slot>();
  private indexMessage?: { type: 'index'; entries: Array<[string, FileFacts]> };
  private nextId = 0;
  private queue: unknown[][] = [];
  private current?: { run: TaskRun<TaskName>; done: () => void };
  private closed = false;
  workerPeakHeap = 0;

  constructor(private readonly options: PoolOptions) {}

  setIndex(entries: Array<[string, FileFacts]>): void {
    this.indexMessage = { type: 'index', entries };
    for (const slot of this.slots) slot.worker.postMessage(this.indexMessage);
  }

  run<T extends TaskName>(run: TaskRun<T>): Promise<void> {
    const size = this.options.batchSize ?? 25;
    this.queue = [];
    for (let start = 0; start < run.items.length; start += size) this.queue.push(run.items.slice(start, start + size));
    return new Promise((resolve) => {
      this.current = { run: run as unknown as TaskRun<TaskName>, done: resolve };
      this.pump();
    });
  }

  close(): void {
    this.closed = true;
    for (const slot of this.slots) {
      if (slot.batch) clearTimeout(slot.batch.timer);
      void slot.worker.terminate();
    }
    this.slots.clear();
    this.current?.done();
    this.current = undefined;
  }

  /** Hands queued batches to free workers (starting workers up to the pool's size); resolves the run when all are back. */
  private pump(): void {
    const current = this.current;
    if (!current || this.closed) return;
    if (current.run.cancelled()) this.queue = [];
    while (this.queue.length > 0) {
      const slot = [...this.slots].find((candidate) => !candidate.batch) ?? (this.slots.size < Math.max(1, this.options.size) ? this.start() : undefined);
      if (!slot) break;
      this.dispatch(slot, this.queue.shift() as unknown[], current.run.task);
    }
    if (this.queue.length === 0 && [...this.slots].every((slot) => !slot.batch)) {
      this.current = undefined;
      current.done();
    }
  }

  private start(): Slot {
    const worker = new Worker(this.options.script, { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 512 } });
    const slot: Slot = { worker };
    worker.on('message', (message: { id: number; results: unknown[]; heapUsed?: number }) => this.answered(slot, message));
    worker.on('error', (error) => this.failed(slot, `the scan's worker stopped on it (${error.message})`));
    worker.on('exit', (code) => this.failed(slot, `the scan's worker exited on it (code ${code})`));
    worker.unref(); // a worker never keeps the server alive
    if (this.indexMessage) worker.postMessage(this.indexMessage);
    this.slots.add(slot);
    return slot;
  }

  private dispatch(slot: Slot, items: unknown[], task: TaskName): void {
    const id = ++this.nextId;
    const timeout = this.options.batchTimeoutMs ?? 60_000;
    const timer = setTimeout(() => this.failed(slot, `the scan's worker did not finish it within ${Math.round(timeout / 1000)} s`), timeout);
    slot.batch = { id, items, timer };
    slot.worker.postMessage({ type: 'batch', id, task, items });
  }

  private answered(slot: Slot, message: { id: number; results: unknown[]; heapUsed?: number }): void {
    const batch = slot.batch;
    if (!batch || batch.id !== message.id || !this.current) return;
    clearTimeout(batch.timer);
    slot.batch = undefined;
    if (typeof message.heapUsed === 'number') this.workerPeakHeap = Math.max(this.workerPeakHeap, message.heapUsed);
    const { run } = this.current;
    batch.items.forEach((item, index) => run.onResult(item as never, message.results[index] as never));
    this.pump();
  }

  /** A worker crashed, exited or hung: it goes; its batch is retried file by file, or its one file reported. */
  private failed(slot: Slot, reason: string): void {
    if (!this.slots.delete(slot)) return;
    void slot.worker.terminate();
    const batch = slot.batch;
    if (batch) {
      clearTimeout(batch.timer);
      if (batch.items.length > 1) this.queue.unshift(...batch.items.map((item) => [item]));
      else if (this.current) this.current.run.onFailure(batch.items[0] as never, reason);
    }
    this.pump();
  }
}
