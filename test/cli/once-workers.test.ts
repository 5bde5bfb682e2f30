import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { emptyConfig, factsOfFile } from '../../rules/engine';
import { toPosix } from '../../server/shared/config-loader';
import { lintFromDisk } from '../../server/cli/lint-on-disk';
import { startLintOnce, type OnceOptions } from '../../server/cli/lint-once';
import { STALL_MS } from '../../server/cli/lint-pool';
import { OnceThreads, OnceWorkers } from '../../server/cli/once-workers';
import { ShardLinter } from '../../server/cli/shard-lint';
import { run, workspace } from '../helpers/cli';

const deployment = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      serviceAccountName: ${name}\n      containers:\n        - name: ${name}\n          image: ${name}:1.0\n`;
const readSecrets = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules:\n  - apiGroups: [""]\n    resources: [secrets]\n    verbs: [get]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: api-reads\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}\nsubjects:\n  - {kind: ServiceAccount, name: api, namespace: shop}\n';
const offAccount = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  namespace: shop\nautomountServiceAccountToken: false\n';

/** Files that read each other's facts (RBAC, ServiceAccount, compose → Dockerfile), a host file, a broken file. */
const FILES: Record<string, string> = {
  'a/api.yaml': deployment('api'),
  'b/compose.yaml': 'services:\n  api:\n    build: ../c\n    ports: ["8080:80"]\n',
  'c/Dockerfile': 'FROM alpine:3.20\nUSER root\n',
  'd/rbac.yaml': readSecrets,
  'e/sa.yaml': offAccount,
  'f/broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: [\n',
  'g/daemon.json': '{ "no-new-privileges": true, "ip": "127.0.0.1" }\n',
  'h/web.yaml': deployment('web'),
};

/** Each file's lint as the CLI writes it: the one-parse result, or a lint on the complete index when it did not stand. */
function outputOf(root: string, options: OnceOptions, sources: Record<string, string> = FILES, elsewhere?: readonly string[]): { results: string[]; stale: number; complete: string[]; untaken: string[]; indexed: string[] } {
  const files = Object.keys(sources).map((path) => join(root, path));
  const config = emptyConfig();
  const started = startLintOnce(files, () => config, (file) => file, options);
  const once = started.finish(elsewhere && ((posix) => elsewhere.some((path) => posix.endsWith(`/${path}`))));
  const untaken: string[] = [];
  try {
    const results = files.map((file, index) => {
      const taken = once.take(toPosix(file));
      if (!taken) untaken.push(Object.keys(sources)[index]);
      const lint = taken ?? lintFromDisk(file, toPosix(file), config, once.runIndex, false);
      return JSON.stringify('result' in lint ? lint.result : lint);
    });
    // Each file linted against the complete index: what a facts pass followed by a lint pass gives.
    const complete = files.map((file) => {
      const lint = lintFromDisk(file, toPosix(file), config, once.runIndex, false);
      return JSON.stringify('result' in lint ? lint.result : lint);
    });
    const indexed = Object.keys(sources).filter((path) => once.runIndex.index.get(toPosix(join(root, path))) !== undefined);
    return { results, stale: once.counts.stale, complete, untaken, indexed };
  } finally {
    once.close();
  }
}

describe('CLI one parse in lint workers', () => {
  it('gives the one-thread results whichever thread lints which chunk, the workers linting again what did not stand', () => {
    const root = workspace(FILES);
    const single = outputOf(root, { workers: 0 });
    assert.ok(single.results.some((result) => result.includes('compose/no-root-user')), 'a cross-file finding is there');
    let staleInWorker = 0;
    // mainChunks 0: the worker lints every file, from the end of the walk (so a reader comes before what it reads).
    for (const mainChunks of [0, 1, 3, 5, 8]) {
      for (const workers of [1, 2]) {
        const threaded = outputOf(root, { workers, chunkSize: 1, mainChunks });
        assert.deepEqual(threaded.results, single.results, `${workers} workers, the CLI's thread linting ${mainChunks} chunks`);
        if (mainChunks === 0) staleInWorker = Math.max(staleInWorker, threaded.stale);
      }
    }
    assert.ok(staleInWorker > 0, 'a worker linted again a file whose answers changed');
  });

  it('parses the files the run takes from elsewhere (a kustomization covers them) for their facts alone: the other files’ lints are the same', () => {
    const root = workspace(FILES);
    const single = outputOf(root, { workers: 0 });
    // The ServiceAccount turns automounting off for api.yaml, and the RBAC file is read by its lint: their facts must be in.
    const elsewhere = ['d/rbac.yaml', 'e/sa.yaml'];
    const factsOnly = outputOf(root, { workers: 0 }, FILES, elsewhere);
    // Untaken: the lints that did not stand (linted again on the complete index), and theirs.
    assert.ok(elsewhere.every((path) => !single.untaken.includes(path)), 'their lints stand in the plain run');
    assert.deepEqual(factsOnly.untaken, Object.keys(FILES).filter((path) => single.untaken.includes(path) || elsewhere.includes(path)), 'no lint held for them: the run would lint them if it asked');
    assert.deepEqual(factsOnly.results, single.results, 'every file’s output the same (theirs linted when asked)');
    assert.ok(elsewhere.every((path) => factsOnly.indexed.includes(path)), 'their facts in the index');
    assert.deepEqual(factsOnly.indexed, single.indexed);
    // Workers see the flags as the CLI's thread sets them (one may have linted such a file before: it is then taken).
    for (const mainChunks of [0, 4]) {
      const threaded = outputOf(root, { workers: 1, chunkSize: 1, mainChunks }, FILES, elsewhere);
      assert.deepEqual(threaded.results, single.results, `a worker, the CLI's thread linting ${mainChunks} chunks`);
    }
  });

  it('lints a compose file and the Dockerfiles it builds once each, whichever comes first in the walk', () => {
    // p: the Dockerfile before the compose file that builds it (its lint asks which compose files build it);
    // q: the compose file before its Dockerfile (its lint asks for the Dockerfile's facts).
    const sources: Record<string, string> = {
      'p/app/Dockerfile': 'FROM alpine:3.20\nUSER root\n',
      'p/compose.yaml': 'services:\n  app:\n    build: ./app\n',
      'q/compose.yaml': 'services:\n  web:\n    build: ./web\n',
      'q/web/Dockerfile': 'FROM alpine:3.20\nUSER root\n',
    };
    const root = workspace(sources);
    // In one chunk (a compose file and a Dockerfile in different chunks of one thread may still be linted twice).
    for (const options of [{ workers: 0 }, { workers: 1, mainChunks: 0 }]) {
      const once = outputOf(root, options, sources);
      assert.equal(once.stale, 0, `no file linted twice: ${JSON.stringify(options)}`);
      assert.deepEqual(once.results, once.complete, JSON.stringify(options));
      assert.equal(once.results.filter((result) => result.includes('compose/no-root-user')).length, 2, 'both compose files see their Dockerfile');
    }
  });

  it('a worker lints a block of chunks in walk order: the first workload of a namespace is not a new one per chunk', () => {
    // Every Deployment of namespace shop is selected by no NetworkPolicy: only the first (in path order) says so.
    const sources: Record<string, string> = {};
    for (let index = 0; index < 64; index++) sources[`many/${String(index).padStart(2, '0')}/deploy.yaml`] = deployment(`svc${index}`);
    const root = workspace(sources);
    // The worker lints every file, from the end of the walk, one file per chunk.
    const once = outputOf(root, { workers: 1, chunkSize: 1, mainChunks: 0 }, sources);
    assert.deepEqual(once.results, once.complete);
    assert.equal(once.results.filter((result) => result.includes('kubernetes/namespace-network-policy')).length, 1);
    // Chunk by chunk backwards, each file was the first of the namespace when linted (63 linted twice).
    assert.ok(once.stale < 32, `linted twice: ${once.stale}`);
  });

  it("hands each worker outcome on under the run's own string of its path (a report's strings are copies)", () => {
    const root = workspace(FILES);
    const config = emptyConfig();
    const items = Object.keys(FILES).map((path) => ({ file: join(root, path), posix: toPosix(join(root, path)), config }));
    const named: string[] = [];
    const workers = new OnceWorkers(1, items, 2, {}, [], { outcome: (outcome) => named.push(outcome.posix), lost: () => assert.fail('the worker is not lost'), path: (posix) => `run:${posix}` });
    try {
      workers.finishPass(() => assert.fail('the worker lints every chunk'));
    } finally {
      workers.close();
    }
    assert.deepEqual(named.sort(), items.map((item) => `run:${item.posix}`).sort());
  });

  it('a share settled on the complete index answers from it: its partial index is not kept beside it', () => {
    const root = workspace({ 'a/api.yaml': FILES['a/api.yaml'] });
    const api = { file: join(root, 'a/api.yaml'), posix: toPosix(join(root, 'a/api.yaml')), config: emptyConfig() };
    const account = toPosix(join(root, 'e/sa.yaml'));
    const shard = new ShardLinter({}, []);
    shard.lintChunk([api]);
    assert.equal(shard.factsOf(account), undefined);
    const accountFacts = factsOfFile(offAccount, account);
    const { complete } = shard.settle([[api.posix, undefined], [account, accountFacts]], false);
    assert.equal(shard.factsOf(account), accountFacts);
    assert.equal(shard.factsOf(api.posix), complete.index.get(api.posix));
  });

  it('takes threads started before the files were known, and stops those it does not use', async () => {
    const root = workspace(FILES);
    const single = outputOf(root, { workers: 0 }).results;
    const threads = new OnceThreads(3);
    const exited = threads.threads.map(({ worker }) => new Promise<void>((resolve) => worker.once('exit', () => resolve())));
    assert.deepEqual(outputOf(root, { workers: 1, chunkSize: 1, mainChunks: 0, threads }).results, single);
    // The two threads beyond the one used end (closed at the start), and the used one with the run.
    await Promise.all(exited);
    const unused = new OnceThreads(1);
    const unusedExit = new Promise<void>((resolve) => unused.threads[0].worker.once('exit', () => resolve()));
    assert.deepEqual(outputOf(root, { workers: 0, threads: unused }).results, single);
    await unusedExit;
  });

  it('lints a lost worker’s share in the CLI’s thread: same results, no stall', () => {
    const root = workspace(FILES);
    const folder = mkdtempSync(join(tmpdir(), 'stridelint-once-'));
    const script = join(folder, 'crash.js');
    const poolModule = JSON.stringify(join(__dirname, '../../server/cli/lint-pool.js'));
    writeFileSync(script, `const { workerData } = require('node:worker_threads');\nprocess.on('exit', () => require(${poolModule}).announceEnd(workerData));\nprocess.exit(3);\n`);
    const single = outputOf(root, { workers: 0 }).results;
    const started = Date.now();
    assert.deepEqual(outputOf(root, { workers: 1, chunkSize: 1, mainChunks: 0, script }).results, single);
    assert.ok(Date.now() - started < STALL_MS, 'the ended worker was noticed, not waited for until the stall timeout');
  });

  it('the CLI with and without workers writes the same JSON and SARIF', () => {
    const files: Record<string, string> = { ...FILES };
    for (let index = 0; index < 40; index++) files[`many/${index}/deploy.yaml`] = deployment(`svc${index}`);
    const root = workspace(files);
    for (const format of ['json', 'sarif']) {
      const single = run(['.', '--format', format, '--workers', '0'], root);
      assert.equal(single.code, 1, single.stderr);
      assert.equal(run(['.', '--format', format, '--workers', '2'], root).stdout, single.stdout, format);
    }
  });
});
