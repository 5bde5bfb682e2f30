import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { emptyConfig, FactsIndex } from '../../rules/engine';
import { lintFromDisk } from '../../server/cli/lint-on-disk';
import { LintPool, STALL_MS } from '../../server/cli/lint-pool';
import { FORGED, forge, rewriteCache } from '../helpers/cache-file';
import { run, workspace } from '../helpers/cli';

const DOCKERFILE = 'FROM alpine:3.20\nADD app/ /srv/app/\n';
const COMPOSE = 'services:\n  app:\n    build: ./app\n    privileged: true\n';
const deployment = (name: string, namespace: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      serviceAccountName: ${name}\n      containers:\n        - name: ${name}\n          image: ${name}:latest\n`;
const BINDING = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: b\nroleRef: { kind: ClusterRole, name: admin, apiGroup: rbac.authorization.k8s.io }\nsubjects:\n  - { kind: ServiceAccount, name: web0, namespace: ns0 }\n';

/** Many files of several kinds whose findings read each other's facts (compose → Dockerfile, RBAC, namespaces). */
function mixedWorkspace(): string {
  const files: Record<string, string> = { 'app/Dockerfile': DOCKERFILE, 'compose.yaml': COMPOSE, 'rbac/binding.yaml': BINDING, 'notes.txt': 'not linted\n', 'bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: [\n' };
  for (let index = 0; index < 60; index++) files[`k8s/${index}/deploy.yaml`] = deployment(`web${index}`, `ns${index % 3}`);
  for (let index = 0; index < 10; index++) files[`images/${index}/Dockerfile`] = DOCKERFILE.replace('3.20', `3.${index}`);
  return workspace(files);
}

describe('stridelint --workers', () => {
  it('gives byte-identical output with 0, 1 and 3 workers, in every format', () => {
    const root = mixedWorkspace();
    for (const format of ['json', 'sarif', 'text']) {
      const single = run(['--format', format, '--workers', '0'], root);
      assert.equal(single.code, 1, single.stderr);
      assert.ok(single.stdout.length > 1000);
      for (const workers of ['1', '3']) {
        const threaded = run(['--format', format, '--workers', workers], root);
        assert.equal(threaded.code, single.code);
        assert.equal(threaded.stdout, single.stdout, `${format} with ${workers} workers`);
      }
    }
  });

  it('gives the same --cache entries whoever linted: a warm run after a threaded cold one reuses them', () => {
    const root = mixedWorkspace();
    const cold = run(['--format', 'json', '--workers', '2', '--cache'], root).stdout;
    assert.equal(run(['--format', 'json', '--workers', '0', '--cache'], root).stdout, cold);
    rewriteCache(join(root, '.stridelint-cache'), forge);
    const warm = JSON.parse(run(['--format', 'json', '--workers', '0', '--cache'], root).stdout) as { findings: Array<{ path: string; message: string }> };
    const paths = new Set(warm.findings.map((finding) => finding.path));
    assert.ok(paths.size > 60);
    for (const path of paths) assert.ok(warm.findings.some((finding) => finding.path === path && finding.message.startsWith(FORGED)), `${path} came from the cache`);
  });

  it('rejects a --workers value that is not a small number', () => {
    const root = mixedWorkspace();
    assert.equal(run(['--workers', 'many'], root).code, 2);
    assert.equal(run(['--workers', '1000'], root).code, 2);
  });
});

describe('LintPool', () => {
  it('hands back each file’s lint in the order asked, as the CLI’s thread would lint it', () => {
    const root = mixedWorkspace();
    const facts = { index: new FactsIndex(), host: {} };
    const files = ['app/Dockerfile', 'compose.yaml', 'k8s/1/deploy.yaml', 'bad.yaml', 'notes.txt', 'missing.yaml'].map((path) => join(root, path));
    const config = emptyConfig();
    const pool = new LintPool(2, true);
    pool.setFacts(facts);
    files.forEach((file, id) => pool.add(id, file, file, config));
    let byWorkers = 0;
    try {
      files.forEach((file, id) => {
        const expected = lintFromDisk(file, file, config, facts, true);
        const fromPool = pool.take(id);
        if (fromPool) byWorkers++;
        const got = fromPool ?? lintFromDisk(file, file, config, facts, true);
        assert.deepEqual('result' in got ? { ...got, text: undefined } : got, 'result' in expected ? { ...expected, text: undefined } : expected, file);
      });
    } finally {
      pool.close();
    }
    // The first file is the caller's (no worker had it yet); the rest were out at the workers.
    assert.equal(byWorkers, files.length - 1);
  });

  it('gives every file back to the caller when its worker ends (a crash), instead of waiting for it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'stridelint-pool-'));
    const script = join(folder, 'crash.js');
    // A worker that ends at once, through the exit path every worker has (the real one's first file would do).
    const poolModule = JSON.stringify(join(__dirname, '../../server/cli/lint-pool.js'));
    writeFileSync(script, `const { workerData } = require('node:worker_threads');\nprocess.on('exit', () => require(${poolModule}).announceEnd(workerData));\nprocess.exit(3);\n`);
    chmodSync(script, 0o644);
    const pool = new LintPool(1, false, script);
    pool.setFacts({ index: new FactsIndex(), host: {} });
    for (let id = 0; id < 40; id++) pool.add(id, join(folder, `f${id}.yaml`), `f${id}.yaml`, emptyConfig());
    const started = Date.now();
    try {
      for (let id = 0; id < 40; id++) assert.equal(pool.take(id), undefined);
    } finally {
      pool.close();
    }
    // The crash is noticed, not waited out: the stall timeout would take STALL_MS (no speed bound beyond that).
    assert.ok(Date.now() - started < STALL_MS, 'not the stall timeout');
  });
});
