import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { StridelintConfig } from '../../rules/engine';
import type { FactsMessage, LintAnswer, LintBatch } from './cli-lint-worker';
import { runFactsMessage, type DiskLint, type RunFacts } from './lint-on-disk';

/** The worker script beside the CLI's bundle (dist/cli-lint-worker.js; beside this module when run from tests). */
const WORKER_SCRIPT = join(__dirname, 'cli-lint-worker.js');
const BATCH_SIZE = 16;
/** Batches each worker holds at once: one being linted, one waiting, so that it never idles between answers. */
const IN_FLIGHT = 2;
/**
 * With no answer from any worker for this long, the workers are taken as stuck (or ended without saying so: out
 * of memory) and the CLI's thread lints the rest. Only the time can suffer from a slow file taken as stuck.
 */
export const STALL_MS = 10_000;
/** Waits are cut in slices this long (to count the time without answers). */
export const WAIT_SLICE_MS = 100;

/** What a lint worker is started with: its port, the shared counters and its place in them (the run's facts come first on the port). */
export interface LintWorkerData {
  port: MessagePort;
  /** [0]: answers and ends so far (the CLI's thread waits on it); [1 + index]: 1 once worker `index` has ended. */
  signal: Int32Array;
  index: number;
}

export function endedFlag(index: number): number {
  return 1 + index;
}

/** In a worker: wakes the CLI's thread after an answer. */
export function announceAnswer(data: LintWorkerData): void {
  Atomics.add(data.signal, 0, 1);
  Atomics.notify(data.signal, 0);
}

/** In a worker, as it exits (an uncaught error, process.exit): says so, so the CLI's thread stops waiting for it. */
export function announceEnd(data: LintWorkerData): void {
  Atomics.store(data.signal, endedFlag(data.index), 1);
  announceAnswer(data);
}

interface Slot {
  /** Its place in the shared counters (see endedFlag). */
  index: number;
  worker: Worker;
  port: MessagePort;
  configsSent: Set<number>;
  /** Batches out at this worker: batch id → the ids of its files, in order. */
  batches: Map<number, number[]>;
}

/**
 * The CLI's lint workers (issue 17): files are handed out in batches in walk order and their results taken in
 * walk order, so the output is the single-threaded run's; the CLI's thread lints the files no worker has taken
 * yet when it needs them (so with one worker, two threads lint). The CLI's run is synchronous; it waits for answers
 * with Atomics.wait on a counter the workers raise, reading them with receiveMessageOnPort. A file a worker
 * failed on, and every file still out when the workers stall, comes back undefined: the caller lints it itself.
 */
export class LintPool {
  private slots: Slot[] = [];
  private readonly signal: Int32Array;
  private readonly queue: Array<{ id: number; file: string; posix: string; config: StridelintConfig }> = [];
  private readonly done = new Map<number, DiskLint | undefined>();
  private readonly configIds = new Map<StridelintConfig, number>();
  private nextBatch = 0;
  private stalled = false;

  constructor(
    size: number,
    private readonly hashed: boolean,
    script = WORKER_SCRIPT,
  ) {
    this.signal = new Int32Array(new SharedArrayBuffer(4 * (1 + size)));
    for (let index = 0; index < size; index++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(script, { workerData: { port: port2, signal: this.signal, index } satisfies LintWorkerData, transferList: [port2] });
      worker.unref();
      // The run is synchronous: it learns of an ended worker from the worker's flag, not from this event.
      worker.on('error', () => undefined);
      this.slots.push({ index, worker, port: port1, configsSent: new Set(), batches: new Map() });
    }
  }

  /**
   * The facts every lint reads, before any file is added: the workers are started first, so that loading the
   * engine in them overlaps the run's facts pass.
   */
  setFacts(facts: RunFacts): void {
    const message: FactsMessage = { facts: runFactsMessage(facts) };
    for (const slot of this.slots) slot.port.postMessage(message);
  }

  /** Queues a file (`id`s increase in walk order); `take` gives its result. */
  add(id: number, file: string, posix: string, config: StridelintConfig): void {
    this.queue.push({ id, file, posix, config });
  }

  /**
   * The result of file `id`, waiting for it if a worker has it; undefined: the caller lints it in its own thread
   * (a file no worker has taken yet, so the CLI's thread works too, or one a worker failed on).
   */
  take(id: number): DiskLint | undefined {
    let waited = 0;
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      const received = this.receive();
      if (this.done.has(id)) {
        const result = this.done.get(id);
        this.done.delete(id);
        this.dispatch();
        return result;
      }
      // Files are taken in walk order: the one needed is done, out at a worker, or first in the queue.
      if (this.queue[0]?.id === id || !this.slots.some((slot) => [...slot.batches.values()].some((ids) => ids.includes(id)))) {
        if (this.queue[0]?.id === id) this.queue.shift();
        this.dispatch();
        return undefined;
      }
      this.dispatch();
      if (received) continue;
      if (Atomics.wait(this.signal, 0, seen, WAIT_SLICE_MS) !== 'timed-out') {
        waited = 0;
        this.dropEnded();
        continue;
      }
      waited += WAIT_SLICE_MS;
      if (waited >= STALL_MS) this.giveUp();
    }
  }

  close(): void {
    for (const slot of this.slots) {
      slot.port.close();
      void slot.worker.terminate();
    }
  }

  /** Fills every worker up to IN_FLIGHT batches from the queue. */
  private dispatch(): void {
    if (this.stalled) return;
    for (const slot of this.slots) {
      while (slot.batches.size < IN_FLIGHT && this.queue.length > 0) {
        const items = this.queue.splice(0, BATCH_SIZE);
        const configs: LintBatch['configs'] = [];
        const batch: LintBatch = { id: this.nextBatch++, configs, hashed: this.hashed, items: [] };
        for (const item of items) {
          let configId = this.configIds.get(item.config);
          if (configId === undefined) this.configIds.set(item.config, (configId = this.configIds.size));
          if (!slot.configsSent.has(configId)) {
            slot.configsSent.add(configId);
            configs.push([configId, item.config]);
          }
          batch.items.push({ file: item.file, posix: item.posix, config: configId });
        }
        slot.batches.set(batch.id, items.map((item) => item.id));
        slot.port.postMessage(batch);
      }
    }
  }

  /** Reads every answer waiting on the ports; true when there was one. */
  private receive(): boolean {
    let received = false;
    for (const slot of this.slots) {
      for (let message = receiveMessageOnPort(slot.port); message; message = receiveMessageOnPort(slot.port)) {
        const answer = message.message as LintAnswer;
        const ids = slot.batches.get(answer.id);
        if (!ids) continue;
        slot.batches.delete(answer.id);
        ids.forEach((id, index) => {
          const result = answer.results[index];
          this.done.set(id, result && !('failed' in result) ? result : undefined);
        });
        received = true;
      }
    }
    return received;
  }

  /** A worker that said it ended goes; its files come back undefined. */
  private dropEnded(): void {
    for (const slot of [...this.slots]) {
      if (Atomics.load(this.signal, endedFlag(slot.index)) === 0) continue;
      this.receive(); // what it answered before it ended counts
      for (const ids of slot.batches.values()) for (const id of ids) this.done.set(id, undefined);
      slot.batches.clear();
      this.slots.splice(this.slots.indexOf(slot), 1);
    }
  }

  /** The workers stalled: every file out or queued comes back undefined (linted by the caller). */
  private giveUp(): void {
    this.stalled = true;
    for (const slot of this.slots) {
      for (const ids of slot.batches.values()) for (const id of ids) this.done.set(id, undefined);
      slot.batches.clear();
    }
    for (const item of this.queue.splice(0)) this.done.set(item.id, undefined);
    this.close();
  }
}
