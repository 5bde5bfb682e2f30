import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { ALL_RULES } from '../../rules';
import type { FileFacts } from '../../rules/engine';
import { HeldLints } from './held-lints';
import { lintFromDisk, readFacts, ScanIndex, type FactsItem, type FactsOutcome, type IndexEntry, type LintItem } from './scan-task';
import { UnitLinter, type UnitItem } from './scan-units';

/**
 * A workspace scan's worker thread (dist/scan-worker.js, bundled code only): it reads, parses and lints the
 * batches of files (and units: charts, kustomizations) the server sends and answers with compact results.
 * Nothing from the workspace is run.
 */
export type WorkerRequest =
  | { type: 'host'; entries: Array<[string, FileFacts]> }
  /** Facts another worker read (sent on as it answers): the held lints see them too. */
  | { type: 'facts'; entries: Array<[string, FileFacts]> }
  | { type: 'index'; entries: IndexEntry[] }
  | { type: 'batch'; id: number; task: 'facts'; items: FactsItem[] }
  | { type: 'batch'; id: number; task: 'lint'; items: LintItem[] }
  | { type: 'batch'; id: number; task: 'unit'; items: UnitItem[] };

const index = new ScanIndex();
const units = new UnitLinter();
/** The facts phase's lints, for the lint phase of the same files (the pool sends a file's lint to the worker that read it). */
const held = new HeldLints();
/** Every file's facts this thread holds (read here or sent): the index names these by path alone. */
const known = new Map<string, FileFacts>();

parentPort?.on('message', (request: WorkerRequest) => {
  if (request.type === 'host') {
    held.setHost(request.entries);
    return;
  }
  if (request.type === 'facts') {
    for (const [path, facts] of request.entries) known.set(path, facts);
    held.know(request.entries);
    return;
  }
  if (request.type === 'index') {
    const entries = request.entries.map((entry): [string, FileFacts] => {
      if (typeof entry !== 'string') return entry;
      const facts = known.get(entry);
      if (!facts) throw new Error(`the index names ${entry}, whose facts this thread does not have`); // the pool replaces this thread, sending it the whole index
      return [entry, facts];
    });
    index.load(entries);
    held.complete(entries);
    return;
  }
  const results = request.task === 'facts' ? request.items.map((item) => readFacts(item, ALL_RULES, held)) : request.task === 'unit' ? request.items.map((item) => units.lint(item)) : request.items.map((item) => held.take(item.path) ?? lintFromDisk(item, index, ALL_RULES));
  if (request.task === 'facts') request.items.forEach((item, at) => {
    const facts = (results[at] as FactsOutcome).facts;
    if (facts) known.set(item.path, facts);
  });
  parentPort?.postMessage({ id: request.id, results, heapUsed: getHeapStatistics().used_heap_size });
});
