import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { WorkerPool } from '../../server/lsp/scan-pool';
import type { LintItem } from '../../server/lsp/scan-task';
import { emptyConfig } from '../../rules/engine';

const FAULTY = join(__dirname, 'fixtures', 'faulty-scan-worker.js');
const item = (path: string): LintItem => ({ path, config: emptyConfig(), settingsKey: '' });

/** A run's results as the server handles them: when each file reached its worker, and a's results take the server 200 ms (publishing them). */
function serverSlowOnA() {
  const received = new Map<string, number>();
  let handled = 0;
  const onResult = (entry: LintItem, result: unknown) => {
    received.set(entry.path, (result as { received: number }).received);
    if (entry.path !== 'a') return;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    handled = Date.now();
  };
  return { received, onResult, handledA: () => handled };
}

describe('scan worker pool', () => {
  it('a worker that crashes, throws or hangs on a file is replaced; that file alone is reported, every other file is done', async () => {
    const pool = new WorkerPool({ script: FAULTY, size: 2, batchSize: 4, batchTimeoutMs: 1500 });
    const paths = ['a', 'b', 'crash', 'c', 'd', 'throw', 'e', 'f', 'hang', 'g', 'h', 'i'];
    const done: string[] = [];
    const failed = new Map<string, string>();
    try {
      await pool.run({
        task: 'lint',
        items: paths.map(item),
        cancelled: () => false,
        onResult: (entry, result) => done.push(`${entry.path}=${(result as unknown as { echo: string }).echo}`),
        onFailure: (entry, reason) => failed.set(entry.path, reason),
      });
    } finally {
      pool.close();
    }
    assert.deepEqual(done.sort(), ['a=a', 'b=b', 'c=c', 'd=d', 'e=e', 'f=f', 'g=g', 'h=h', 'i=i']);
    assert.deepEqual([...failed.keys()].sort(), ['crash', 'hang', 'throw']);
    assert.match(failed.get('crash')!, /exited on it \(code 3\)/);
    assert.match(failed.get('throw')!, /stopped on it \(boom\)/);
    assert.match(failed.get('hang')!, /did not finish it within 2 s/);
    assert.equal(pool.workerPeakHeap, 1024);
  });

  it('every worker, one started to replace a crashed worker too, gets the configuration the items share (sent to it once, named by number after that)', async () => {
    const pool = new WorkerPool({ script: FAULTY, size: 2, batchSize: 2 });
    const config = { ...emptyConfig('/repo'), ignore: ['vendor/**'] };
    const configs = new Map<string, unknown>();
    try {
      await pool.run({
        task: 'lint',
        items: ['a', 'b', 'c', 'crash', 'd', 'e', 'f', 'g'].map((path) => ({ path, config, settingsKey: '' })),
        cancelled: () => false,
        onResult: (entry, result) => configs.set(entry.path, (result as unknown as { config: unknown }).config),
        onFailure: () => {},
      });
    } finally {
      pool.close();
    }
    assert.deepEqual([...configs.keys()].sort(), ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    for (const [path, seen] of configs) assert.deepEqual(seen, config, `${path}'s configuration`);
  });

  it("a run's timeout scale gives its batches longer before their worker is taken as hung (a folder's kustomizations are one item)", async () => {
    const pool = new WorkerPool({ script: FAULTY, size: 1, batchSize: 1, batchTimeoutMs: 400 });
    const outcome = (timeoutScale?: number) =>
      new Promise<string>((resolve, reject) => {
        let said = 'nothing';
        pool
          .run({ task: 'unit', items: [item('sleep-1000')] as never, timeoutScale, cancelled: () => false, onResult: () => (said = 'done'), onFailure: (_entry, reason) => (said = reason) })
          .then(() => resolve(said), reject);
      });
    try {
      assert.equal(await outcome(5), 'done');
      assert.match(await outcome(), /did not finish it within/);
    } finally {
      pool.close();
    }
  });

  it('two runs at once share the workers, taking turns, and each ends when its own batches are back', async () => {
    const pool = new WorkerPool({ script: FAULTY, size: 1, batchSize: 1 });
    const order: string[] = [];
    const runOf = (prefix: string, count: number) =>
      pool.run({
        task: 'lint',
        items: Array.from({ length: count }, (_, n) => item(`${prefix}${n}`)),
        cancelled: () => false,
        onResult: (entry) => order.push(entry.path),
        onFailure: () => assert.fail('nothing fails'),
      });
    try {
      const short = runOf('a', 2);
      const long = runOf('b', 4);
      await short;
      // The short run ended while the long one still had batches out or queued.
      assert.deepEqual(order.filter((path) => path.startsWith('a')), ['a0', 'a1']);
      assert.ok(order.length < 6, `the short run waited for the long one: ${order.join(',')}`);
      await long;
    } finally {
      pool.close();
    }
    assert.deepEqual(order, ['a0', 'b0', 'a1', 'b1', 'b2', 'b3']);
  });

  it('of two workers one takes the Helm charts first, the other the files and kustomizations first (each warms up one kind of code); one whose kind runs out takes the other', async () => {
    const pool = new WorkerPool({ script: FAULTY, size: 2, batchSize: 1 });
    const threadOf = (result: unknown) => (result as { thread: number }).thread;
    // Each takes 40 ms in the worker: eight charts, a folder's kustomizations and three files.
    const unit = (unit: 'chart' | 'kustomize', root: string) => ({ unit, root, path: 'sleep-40' });
    const unitBy = new Map<string, number>();
    const fileBy = new Map<string, number>();
    try {
      const units = pool.run({
        task: 'unit',
        items: [unit('kustomize', 'folder'), ...Array.from({ length: 8 }, (_, n) => unit('chart', `chart${n}`))] as never,
        cancelled: () => false,
        onResult: (entry, result) => unitBy.set((entry as unknown as { root: string }).root, threadOf(result)),
        onFailure: () => assert.fail('nothing fails'),
      });
      const files = pool.run({
        task: 'facts',
        items: ['f0', 'f1', 'f2'].map((name) => ({ ...item('sleep-40'), name })),
        cancelled: () => false,
        onResult: (entry, result) => fileBy.set((entry as unknown as { name: string }).name, threadOf(result)),
        onFailure: () => assert.fail('nothing fails'),
      });
      await Promise.all([units, files]);
    } finally {
      pool.close();
    }
    const filesThread = unitBy.get('folder')!;
    const chartsThread = unitBy.get('chart0')!;
    assert.notEqual(filesThread, chartsThread);
    assert.deepEqual([...fileBy.values()], [filesThread, filesThread, filesThread], 'every file went to the files-first worker');
    assert.equal(unitBy.get('chart1'), chartsThread, 'the charts-first worker went on with charts while files waited');
    assert.ok([...unitBy.values()].filter((thread) => thread === filesThread).length > 1, `the files-first worker took charts once its files were done: ${[...unitBy]}`);
  });

  it("a file's lint goes to the worker that read it in the facts phase (it holds the file's lint); an idle worker leaves another's to it while it lints", async () => {
    const pool = new WorkerPool({ script: FAULTY, size: 2, batchSize: 1 });
    const threadOf = (result: unknown) => (result as { thread: number }).thread;
    const factsBy = new Map<string, number>();
    const lintBy: Array<[string, number]> = [];
    const paths = ['slow', ...Array.from({ length: 9 }, (_, n) => `f${n}`)];
    try {
      // One worker spends 300 ms on `slow`: the other reads the nine other files meanwhile.
      await pool.run({ task: 'facts', items: paths.map(item), cancelled: () => false, onResult: (entry, result) => factsBy.set(entry.path, threadOf(result)), onFailure: () => assert.fail('nothing fails') });
      await pool.run({ task: 'lint', items: paths.filter((path) => path !== 'slow').concat('slow').map(item), cancelled: () => false, onResult: (entry, result) => lintBy.push([entry.path, threadOf(result)]), onFailure: () => assert.fail('nothing fails') });
    } finally {
      pool.close();
    }
    const slowThread = factsBy.get('slow')!;
    const busyThread = factsBy.get('f0')!;
    assert.notEqual(slowThread, busyThread);
    assert.ok(paths.slice(1).every((path) => factsBy.get(path) === busyThread), `the other worker read the nine: ${[...factsBy]}`);
    // Linting a file again costs far more than taking its held lint: the idle worker does not take the nine.
    assert.deepEqual(lintBy.filter(([, thread]) => thread === busyThread).map(([path]) => path), paths.slice(1), 'the nine, in order, by the worker that read them');
    assert.deepEqual(lintBy.filter(([, thread]) => thread === slowThread).map(([path]) => path), ['slow']);
  });

  it("an idle worker takes the last of the lints another holds while that one is busy with a chart", async () => {
    const pool = new WorkerPool({ script: FAULTY, size: 2, batchSize: 1 });
    const threadOf = (result: unknown) => (result as { thread: number }).thread;
    const factsBy = new Map<string, number>();
    const lintBy = new Map<string, number>();
    let chartBy: number | undefined;
    // The files-first worker reads f0, then f1…f8 while the charts-first one spends 300 ms on `slow`.
    const paths = ['f0', 'slow', ...Array.from({ length: 8 }, (_, n) => `f${n + 1}`)];
    try {
      await pool.run({ task: 'facts', items: paths.map(item), cancelled: () => false, onResult: (entry, result) => factsBy.set(entry.path, threadOf(result)), onFailure: () => assert.fail('nothing fails') });
      // The files-first worker builds a kustomization (100 ms) while the charts-first one renders a chart (600 ms):
      // the lint of `slow`, which the latter holds, is not left waiting for the chart.
      const unit = (kind: 'chart' | 'kustomize', path: string, onResult: (entry: unknown, result: unknown) => void = () => {}) => pool.run({ task: 'unit', items: [{ unit: kind, root: kind, path }] as never, cancelled: () => false, onResult, onFailure: () => assert.fail('nothing fails') });
      const kustomization = unit('kustomize', 'sleep-100');
      const chart = unit('chart', 'sleep-600', (_, result) => {
        chartBy = threadOf(result);
      });
      const lints = pool.run({ task: 'lint', items: paths.map(item), cancelled: () => false, onResult: (entry, result) => lintBy.set(entry.path, threadOf(result)), onFailure: () => assert.fail('nothing fails') });
      await Promise.all([kustomization, chart, lints]);
    } finally {
      pool.close();
    }
    const holder = factsBy.get('slow')!;
    const other = factsBy.get('f0')!;
    assert.notEqual(holder, other);
    assert.equal(chartBy, holder, 'the worker that holds `slow` took the chart');
    assert.ok(paths.every((path) => lintBy.get(path) === other), `the other worker linted every file, slow too: ${[...lintBy]}`);
  });

  it("a worker gets its next batch before the server handles the last one's results (it never waits for them)", async () => {
    const pool = new WorkerPool({ script: FAULTY, size: 1, batchSize: 1 });
    const { received, onResult, handledA } = serverSlowOnA();
    try {
      await pool.run({
        task: 'lint',
        items: ['a', 'b'].map(item),
        cancelled: () => false,
        onResult,
        onFailure: () => assert.fail('nothing fails'),
      });
    } finally {
      pool.close();
    }
    assert.ok(received.get('b')! < handledA(), `b reached the worker at ${received.get('b')}, a's results were handled until ${handledA()}`);
  });

  it("with two batches in flight a worker goes on to its next batch while the server still handles an earlier one's results; one that crashes gives back the batch it held unstarted", async () => {
    const pool = new WorkerPool({ script: FAULTY, size: 1, batchSize: 1 });
    const { received, onResult, handledA } = serverSlowOnA();
    const failed: string[] = [];
    try {
      await pool.run({
        task: 'lint',
        inFlight: 2,
        items: ['a', 'b', 'c', 'crash', 'd', 'e'].map(item),
        cancelled: () => false,
        onResult,
        onFailure: (entry) => failed.push(entry.path),
      });
    } finally {
      pool.close();
    }
    // a and b went out together; c went out when a came back: the worker did b, then c, while a's results were handled.
    assert.ok(received.get('c')! < handledA(), `c reached the worker at ${received.get('c')}, a's results were handled until ${handledA()}`);
    // The batch behind the crash was not started: it was done by the next worker, not reported.
    assert.deepEqual(failed, ['crash']);
    assert.deepEqual([...received.keys()].sort(), ['a', 'b', 'c', 'd', 'e']);
  });

  it('a run cancelled by one of its results delivers no more results and ends (the batch already handed out is dropped)', async () => {
    const pool = new WorkerPool({ script: FAULTY, size: 1, batchSize: 1 });
    const done: string[] = [];
    let cancelled = false;
    try {
      await pool.run({
        task: 'lint',
        items: ['a', 'b', 'c', 'd'].map(item),
        cancelled: () => cancelled,
        onResult: (entry) => {
          done.push(entry.path);
          cancelled = true;
        },
        onFailure: () => assert.fail('nothing fails'),
      });
    } finally {
      pool.close();
    }
    assert.deepEqual(done, ['a']);
  });
});
