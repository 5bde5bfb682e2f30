import { workerData } from 'node:worker_threads';
import { announceAnswer, announceEnd, type LintWorkerData } from './lint-pool';
import { CLAIM_FREE, CLAIM_MAIN, type OnceReport, type OnceRequest } from './once-workers';
import { outputEncoder } from './held-output';
import { heldText, lintAgain, ShardLinter, type FileOutcome, type HeldText, type OnceFile } from './shard-lint';
import { SharedFacts } from '../../rules/facts/detached-facts';

/**
 * A lint worker of the CLI's one parse (dist/cli-once-worker.js): claims chunks of the run's plain files from the
 * end of the walk while the CLI's thread claims them from the start (so each thread's files stay together and
 * rarely read each other's facts), lints each once (ShardLinter) and sends each chunk's facts and findings. Given
 * the complete index, it says which of its lints still stand and lints the others again. An uncaught error or an
 * exit is said through the shared counters (the CLI's thread then does this worker's part itself).
 */
/** The most chunks a worker claims at once, and how many such blocks it leaves free between it and the CLI's thread. */
const BLOCK_CHUNKS = 8;
const BLOCKS_LEFT = 4;

const data = workerData as LintWorkerData;
process.on('exit', () => announceEnd(data));
const send = (report: OnceReport) => {
  data.port.postMessage(report);
  announceAnswer(data);
};
// A word without a report after each file: the CLI's thread takes a worker silent for STALL_MS as stuck, and on a
// loaded machine a chunk, or the lints made again at settling, can take longer than that.
const alive = () => announceAnswer(data);
let shard: ShardLinter | undefined;
let items: OnceFile[] = [];
let held: HeldText | undefined;
/** Each path's place in `items`. */
let indexOf = new Map<string, number>();
/** The parts of the facts this worker keeps, each once (the facts of the complete index it is sent share them). */
const sharing = new SharedFacts();

data.port.on('message', (request: OnceRequest) => {
  if ('start' in request) {
    const { files, configs, host, hostFacts, claims, chunkSize, output, elsewhere } = request.start;
    const configOf = new Map(configs);
    items = files.map(([file, posix, config]) => ({ file, posix: posix ?? file, config: configOf.get(config)! }));
    held = heldText(output && outputEncoder(output));
    indexOf = new Map(items.map((item, index) => [item.posix, index]));
    const factsOnly = (path: string) => {
      const at = indexOf.get(path);
      return elsewhere !== undefined && at !== undefined && Atomics.load(elsewhere, at) === 1;
    };
    shard = new ShardLinter(host, hostFacts, held, (path) => indexOf.has(path), factsOnly, sharing);
    const mark = CLAIM_MAIN + 1 + data.index;
    // A chunk is reported once each of its files has its outcome (a compose file's may come with a later chunk's).
    const unsent = new Map<number, Set<string>>();
    const sent = (outcomes: FileOutcome[]): number[] => {
      const done: number[] = [];
      for (const [chunk, paths] of unsent) {
        for (const outcome of outcomes) paths.delete(outcome.posix);
        if (paths.size === 0) done.push(chunk);
      }
      for (const chunk of done) unsent.delete(chunk);
      return done;
    };
    for (let next = claims.length - 1; next >= 0; ) {
      // A block of chunks claimed from the end, linted in walk order: the index keeps Kubernetes objects in path
      // order, so a thread that went backwards chunk by chunk found a new "first workload" of a namespace in
      // each (and linted it again at settling). Blocks shrink as the free chunks do, so the threads still end together.
      let free = 0;
      while (next - free >= 0 && Atomics.load(claims, next - free) === CLAIM_FREE && free < BLOCK_CHUNKS * BLOCKS_LEFT) free++;
      const size = Math.max(1, Math.min(BLOCK_CHUNKS, Math.floor(free / BLOCKS_LEFT)));
      const block: number[] = [];
      for (; next >= 0 && block.length < size; next--) {
        const owner = Atomics.compareExchange(claims, next, CLAIM_FREE, mark);
        if (owner === CLAIM_MAIN) next = 0; // the CLI's thread has this chunk and those before it
        else if (owner === CLAIM_FREE) block.push(next);
      }
      if (block.length === 0) continue;
      for (const chunk of block.reverse()) {
        const files = items.slice(chunk * chunkSize, (chunk + 1) * chunkSize);
        unsent.set(chunk, new Set(files.map((item) => item.posix)));
        const outcomes = shard.lintChunk(files, alive);
        send({ chunks: sent(outcomes), outcomes });
      }
    }
    const outcomes = shard.flush(alive);
    send({ chunks: sent(outcomes), outcomes });
    send({ passDone: true });
    return;
  }
  // The complete index keeps this worker's own strings of the paths (the message's are copies) and shared parts.
  const { order } = request.settle;
  for (const entry of order) {
    const at = indexOf.get(entry[0]);
    if (at !== undefined) entry[0] = items[at].posix;
    if (entry[1]) sharing.adopted(entry[1]);
  }
  const { stale, complete } = shard!.settle(order, request.settle.hostChanged);
  send({ settled: lintAgain(stale, complete, request.settle.host, alive, held) });
});
