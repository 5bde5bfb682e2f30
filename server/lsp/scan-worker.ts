import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { ALL_RULES } from '../../rules';
import type { FileFacts } from '../../rules/engine';
import { HeldLints } from './held-lints';
import { SharedTable, type SharedEntries } from './scan-refs';
import { lintFromDisk, lintOutcomeJson, readFactsBatch, ScanIndex, type FactsItem, type LintItem, type LintOutcome, type LintOutcomeJson } from './scan-task';
import { UnitLinter, type UnitItem } from './scan-units';
import { lowerThisThreadPriority, SCAN_WORKER_NICENESS } from './thread-priority';

/**
 * A workspace scan's worker thread (dist/scan-worker.js, bundled code only): it reads, parses and lints the
 * batches of files (and units: charts, kustomizations) the server sends and answers with compact results.
 * Nothing from the workspace is run.
 */
export type WorkerRequest =
  | { type: 'host'; entries: Array<[string, FileFacts]> }
  | { type: 'index'; entries: Array<[string, FileFacts]> }
  | ({ type: 'batch'; id: number; shared?: SharedEntries } & ({ task: 'facts'; items: FactsItem[] } | { task: 'lint'; items: LintItem[] } | { task: 'unit'; items: UnitItem[] }));

// Below the server's thread: a keystroke's lint there never waits for this thread's time slice.
lowerThisThreadPriority(SCAN_WORKER_NICENESS);

const index = new ScanIndex();
const units = new UnitLinter();
/** The facts phase's lints, for the lint phase of the same files (the pool sends a file's lint to the worker that read it). */
const held = new HeldLints();
/** The configurations and chart list the items name by number (sent once per worker). */
const shared = new SharedTable();

parentPort?.on('message', (request: WorkerRequest) => {
  if (request.type === 'host') {
    held.setHost(request.entries);
    return;
  }
  if (request.type === 'index') {
    index.load(request.entries);
    held.complete(request.entries);
    return;
  }
  shared.add(request.shared);
  for (const item of request.items) shared.decode(item);
  const results = request.task === 'facts' ? readFactsBatch(request.items, ALL_RULES, held) : request.task === 'unit' ? request.items.map((item) => units.lint(item)) : request.items.map(lint);
  parentPort?.postMessage({ id: request.id, results, heapUsed: getHeapStatistics().used_heap_size });
});

/** A file's lint: the one held from its facts parse where it stands, else linted again against the complete index. */
function lint(item: LintItem): LintOutcome | LintOutcomeJson {
  const outcome = held.take(item.path) ?? lintFromDisk(item, index, ALL_RULES);
  return item.json ? lintOutcomeJson(outcome) : outcome;
}
