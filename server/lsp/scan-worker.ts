import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { ALL_RULES } from '../../rules';
import type { FileFacts } from '../../rules/engine';
import { KeptParses } from './kept-parses';
import { lintFromDisk, readFacts, ScanIndex, type FactsItem, type LintItem } from './scan-task';
import { UnitLinter, type UnitItem } from './scan-units';

/**
 * A workspace scan's worker thread (dist/scan-worker.js, bundled code only): it reads, parses and lints the
 * batches of files (and units: charts, kustomizations) the server sends and answers with compact results.
 * Nothing from the workspace is run.
 */
export type WorkerRequest =
  | { type: 'index'; entries: Array<[string, FileFacts]> }
  | { type: 'batch'; id: number; task: 'facts'; items: FactsItem[] }
  | { type: 'batch'; id: number; task: 'lint'; items: LintItem[] }
  | { type: 'batch'; id: number; task: 'unit'; items: UnitItem[] };

const index = new ScanIndex();
const units = new UnitLinter();
/** The facts phase's parses, for the lint of the same files (the pool sends a file's lint to the worker that parsed it). */
const parses = new KeptParses();

parentPort?.on('message', (request: WorkerRequest) => {
  if (request.type === 'index') {
    index.load(request.entries);
    return;
  }
  const results = request.task === 'facts' ? request.items.map((item) => readFacts(item, ALL_RULES, parses.keep)) : request.task === 'unit' ? request.items.map((item) => units.lint(item)) : request.items.map((item) => lintFromDisk(item, index, ALL_RULES, parses.take));
  parentPort?.postMessage({ id: request.id, results, heapUsed: getHeapStatistics().used_heap_size });
});
