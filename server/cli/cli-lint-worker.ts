import { workerData } from 'node:worker_threads';
import { FactsIndex, type StridelintConfig } from '../../rules/engine';
import { lintFromDisk, runFactsOf, type DiskLint, type RunFacts, type RunFactsMessage } from './lint-on-disk';
import { announceAnswer, announceEnd, type LintWorkerData } from './lint-pool';

/**
 * A lint worker of the CLI (dist/cli-lint-worker.js): reads and lints the batches of files the CLI's thread
 * sends on its port, against the run's facts (the port's first message), and answers each batch on the same port,
 * then raises the shared counter the CLI's thread waits on (it waits synchronously: see LintPool). An uncaught
 * error or an exit is said through the same counters.
 */
export interface LintBatch {
  id: number;
  /** Configurations not sent to this worker before, by number. */
  configs: Array<[number, StridelintConfig]>;
  items: Array<{ file: string; posix: string; config: number }>;
  hashed: boolean;
}

/** The run's facts: the first message on the port. */
export interface FactsMessage {
  facts: RunFactsMessage;
}

export interface LintAnswer {
  id: number;
  /** Per item: the lint (without its text), or why this worker could not do it (the CLI's thread does it then). */
  results: Array<DiskLint | { failed: string }>;
}

const data = workerData as LintWorkerData;
process.on('exit', () => announceEnd(data));
const configs = new Map<number, StridelintConfig>();
let runFacts: RunFacts = { index: new FactsIndex(), host: {} };

data.port.on('message', (message: FactsMessage | LintBatch) => {
  if ('facts' in message) {
    runFacts = runFactsOf(message.facts);
    return;
  }
  const batch = message;
  for (const [id, config] of batch.configs) configs.set(id, config);
  const results = batch.items.map((item) => {
    try {
      const linted = lintFromDisk(item.file, item.posix, configs.get(item.config)!, runFacts, batch.hashed);
      return 'result' in linted ? { hash: linted.hash, result: linted.result, reads: linted.reads } : linted;
    } catch (error) {
      return { failed: String((error as Error).message) };
    }
  });
  data.port.postMessage({ id: batch.id, results } satisfies LintAnswer);
  announceAnswer(data);
});
