import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TEST_CACHE_KEY } from '../helpers/cache-file';
import { workspace } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/shared';

// The whole-run fast path of --cache (server/cli/run-record.ts, run-replay.ts): these tests run the built CLI
// (dist/cli.js, the small entry that replays) as a process. To tell a replayed run from a linted one, the test
// rewrites the recorded output (signed again with the tests' key): a run that prints the mark was replayed.

const DIST_CLI = join(REPO_ROOT, 'dist', 'cli.js');
const MARK = 'REPLAYED-FROM-THE-RUN-RECORD\n';
const DOCKERFILE = 'FROM alpine\nUSER root\n';
const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
const ENV = { ...process.env, STRIDELINT_CACHE_KEY: TEST_CACHE_KEY };

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd: string, cliPath = DIST_CLI, env: NodeJS.ProcessEnv = ENV): Outcome {
  const outcome = spawnSync(process.execPath, [cliPath, ...args], { cwd, env, encoding: 'utf8' });
  return { code: outcome.status, stdout: outcome.stdout, stderr: outcome.stderr };
}

/** Waits long enough for files just written not to be racy (a stamp of a path changed < 50 ms before is not kept). */
function settle(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120);
}

/** The cache's run record: its JSON line and its output, and a way to put them back (signed with the tests' key). */
function runSection(cacheFile: string): { record: Record<string, unknown>; output: Buffer; write(record: Record<string, unknown>, output: Buffer, key?: string): void } {
  const data = readFileSync(cacheFile);
  const newline = data.indexOf(10);
  const header = JSON.parse(data.toString('utf8', 0, newline)) as Record<string, unknown>;
  assert.equal(typeof header.run, 'string', 'the cache holds a run record');
  const length = Number(String(header.run).split(':')[0]);
  const bytes = data.subarray(newline + 1, newline + 1 + length);
  const rest = data.subarray(newline + 1 + length);
  const recordEnd = bytes.indexOf(10);
  return {
    record: JSON.parse(bytes.toString('utf8', 0, recordEnd)) as Record<string, unknown>,
    output: bytes.subarray(recordEnd + 1),
    write(record, output, key = TEST_CACHE_KEY) {
      const section = Buffer.concat([Buffer.from(`${JSON.stringify(record)}\n`), output]);
      const sum = createHmac('sha256', key).update(`stridelint-cache-run\n${String(header.version)}\n`).update(section).digest('hex');
      const first = Buffer.byteLength(`${JSON.stringify(record)}\n`);
      const mtime = statSync(cacheFile).mtime;
      writeFileSync(cacheFile, Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, run: `${section.length}:${first}:${sum}` })}\n`), section, rest]));
      // The cache file keeps a write time after every stamp (a later one is as good: the rewrite is the test's).
      utimesSync(cacheFile, mtime, new Date(Math.max(mtime.getTime(), Date.now())));
    },
  };
}

/**
 * Runs the CLI until the cache holds the record of this run (a run records only when it linted nothing anew:
 * the first run after a change stores its lints, the next one records; a file that was racily new when read is
 * stamped by the run after). Returns the last run's outcome.
 */
function recordRun(args: string[], cwd: string, cliPath = DIST_CLI, cacheFile = join(cwd, '.stridelint-cache')): Outcome {
  for (let attempt = 0; attempt < 5; attempt++) {
    const outcome = cli(args, cwd, cliPath);
    const header = JSON.parse(readFileSync(cacheFile, 'utf8').split('\n')[0]) as Record<string, unknown>;
    if (typeof header.run === 'string' && JSON.stringify(runSection(cacheFile).record.argv) === JSON.stringify(args)) return outcome;
    settle();
  }
  assert.fail(`no record of ${args.join(' ')} after 5 runs`);
}

/** Replaces the recorded output with MARK (stdout or the output file), keeping the exit code. */
function mark(cacheFile: string): void {
  const { record, write } = runSection(cacheFile);
  write({ ...record, segments: [['o', Buffer.byteLength(MARK)]] }, Buffer.from(MARK));
}

/**
 * A workspace linted uncached (`expected`), then with `args` and --cache (recording the run), its record marked;
 * checks that the next run with the same arguments is replayed. `lintIn`: the folder the CLI runs in.
 */
function recorded(files: Record<string, string>, args: string[] = ['--format', 'json', '--cache'], lintIn = '', prepare?: (root: string) => void): { root: string; cwd: string; cacheFile: string; first: Outcome } {
  const root = workspace(files);
  const cwd = join(root, lintIn);
  prepare?.(root);
  settle();
  const first = recordRun(args, cwd);
  assert.equal(first.stderr, '');
  const cacheFile = join(cwd, '.stridelint-cache');
  mark(cacheFile);
  const replayed = cli(args, cwd);
  assert.equal(replayed.stdout, MARK, 'nothing changed: the run is replayed');
  assert.equal(replayed.code, first.code, 'with the recorded exit code');
  return { root, cwd, cacheFile, first };
}

/** The run is not replayed: its output is the uncached run's of the workspace as it is now. */
function linted(args: string[], cwd: string, cliPath = DIST_CLI): Outcome {
  const outcome = cli(args, cwd, cliPath);
  assert.notEqual(outcome.stdout, MARK, 'not replayed');
  const uncached = cli(args.filter((arg) => arg !== '--cache'), cwd, cliPath);
  assert.equal(outcome.stdout, uncached.stdout, 'the output of a run without the cache');
  assert.equal(outcome.code, uncached.code);
  return outcome;
}

describe('stridelint --cache: the whole run replayed only while nothing it read changed', () => {
  it('replays an unchanged run (output and exit code), and its output equals the linted one', () => {
    const root = workspace({ 'a/Dockerfile': DOCKERFILE, 'compose.yaml': COMPOSE });
    settle();
    const uncached = cli(['--format', 'json'], root);
    const first = cli(['--format', 'json', '--cache'], root);
    assert.equal(first.stdout, uncached.stdout);
    const header = () => JSON.parse(readFileSync(join(root, '.stridelint-cache'), 'utf8').split('\n')[0]) as Record<string, unknown>;
    assert.equal(header().run, undefined, 'a run that linted files anew keeps no record');
    assert.equal(recordRun(['--format', 'json', '--cache'], root).stdout, uncached.stdout);
    const second = cli(['--format', 'json', '--cache'], root);
    assert.equal(second.stdout, uncached.stdout, 'the replayed output is the linted output');
    assert.equal(second.code, 1);
    assert.equal(second.stderr, '');
    assert.ok(runSection(join(root, '.stridelint-cache')).output.equals(Buffer.from(uncached.stdout)), 'the record holds the output');
  });

  it('lints again when a file was edited to the same size with its mtime set back (ctime moved)', () => {
    // An mtime utimes can set exactly (whole seconds, a minute ago), set before the run is recorded.
    const then = Math.floor(Date.now() / 1000) - 60;
    const { cwd, first } = recorded({ 'a/Dockerfile': DOCKERFILE, 'compose.yaml': COMPOSE }, undefined, '', (root) => utimesSync(join(root, 'a', 'Dockerfile'), then, then));
    const file = join(cwd, 'a', 'Dockerfile');
    const before = statSync(file, { bigint: true });
    writeFileSync(file, DOCKERFILE.replace('root', 'r00t'));
    utimesSync(file, then, then);
    const after = statSync(file, { bigint: true });
    assert.equal(after.size, before.size);
    assert.equal(after.mtimeNs, before.mtimeNs, 'the same mtime, to the nanosecond');
    assert.equal(after.ino, before.ino);
    assert.notEqual(linted(['--format', 'json', '--cache'], cwd).stdout, first.stdout, 'the edit changed the findings');
  });

  it('lints again when a file was added to a folder, or removed from one', () => {
    const { cwd, cacheFile } = recorded({ 'a/Dockerfile': DOCKERFILE, 'compose.yaml': COMPOSE });
    writeFileSync(join(cwd, 'a', 'compose.yaml'), COMPOSE);
    assert.ok(linted(['--format', 'json', '--cache'], cwd).stdout.includes('a/compose.yaml'));
    settle();
    assert.ok(recordRun(['--format', 'json', '--cache'], cwd).stdout.includes('a/compose.yaml'), 'recorded again');
    mark(cacheFile);
    assert.equal(cli(['--format', 'json', '--cache'], cwd).stdout, MARK);
    unlinkSync(join(cwd, 'a', 'compose.yaml'));
    assert.ok(!linted(['--format', 'json', '--cache'], cwd).stdout.includes('a/compose.yaml'));
  });

  it('lints again when a file was renamed within its folder', () => {
    const { cwd } = recorded({ 'a/Dockerfile': DOCKERFILE, 'a/x/compose.yaml': COMPOSE });
    renameSync(join(cwd, 'a', 'x', 'compose.yaml'), join(cwd, 'a', 'x', 'docker-compose.yml'));
    assert.ok(linted(['--format', 'json', '--cache'], cwd).stdout.includes('docker-compose.yml'));
  });

  it('lints again when a .stridelint.yaml appears in a folder above the linted one (outside the walk)', () => {
    const { root, cwd } = recorded({ 'project/a/Dockerfile': DOCKERFILE, 'project/compose.yaml': COMPOSE }, ['--format', 'json', '--cache'], 'project');
    writeFileSync(join(root, '.stridelint.yaml'), 'ignore:\n  - "**/compose.yaml"\n');
    assert.ok(!linted(['--format', 'json', '--cache'], cwd).stdout.includes('compose.yaml'));
  });

  it('lints again when a .stridelint.yaml appears in a linted subfolder (its absence is not stamped alone: the folder is)', () => {
    const { cwd, cacheFile } = recorded({ 'a/Dockerfile': DOCKERFILE, 'compose.yaml': COMPOSE });
    const stamps = runSection(cacheFile).record.stamps as Array<[string, string, string]>;
    assert.ok(!stamps.some(([, path]) => path === join(cwd, 'a', '.stridelint.yaml')), 'implied by the listed folder a');
    writeFileSync(join(cwd, 'a', '.stridelint.yaml'), 'ignore:\n  - "**/Dockerfile"\n');
    assert.ok(!linted(['--format', 'json', '--cache'], cwd).stdout.includes('a/Dockerfile'));
  });

  it('lints again when a kustomize base outside the linted folder changed', () => {
    const base = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n';
    // The CLI lints the folder overlay; the base it builds from lies beside it (read by the build, not walked).
    const args = ['overlay', '--format', 'json', '--cache'];
    const { root, cwd, first } = recorded({ 'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n', 'base/deployment.yaml': base, 'overlay/kustomization.yaml': 'resources:\n  - ../base\n' }, args);
    assert.ok(!first.stdout.includes('privileged'));
    writeFileSync(join(root, 'base', 'deployment.yaml'), base.replace('nginx:1.27', 'nginx:1.27\n          securityContext:\n            privileged: true'));
    assert.ok(linted(args, cwd).stdout.includes('privileged'));
  });

  it('lints again when the target of a linked file changed', () => {
    const { cwd: root } = recorded({ 'a/Dockerfile': DOCKERFILE, 'targets/compose.yaml': COMPOSE });
    // A link made after the record (its folder changed): recorded with it, then its target edited.
    symlinkSync(join(root, 'targets', 'compose.yaml'), join(root, 'a', 'compose.yaml'));
    settle();
    assert.notEqual(linted(['--format', 'json', '--cache'], root).stdout, MARK);
    recordRun(['--format', 'json', '--cache'], root);
    mark(join(root, '.stridelint-cache'));
    assert.equal(cli(['--format', 'json', '--cache'], root).stdout, MARK);
    writeFileSync(join(root, 'targets', 'compose.yaml'), COMPOSE.replace('true', 'false'));
    linted(['--format', 'json', '--cache'], root);
  });

  it('lints again with other arguments or another format, and records that run instead', () => {
    const { cwd, cacheFile } = recorded({ 'a/Dockerfile': DOCKERFILE });
    linted(['--format', 'sarif', '--cache'], cwd);
    linted(['--cache', '--format', 'json'], cwd);
    linted(['--format', 'json', '--cache', '--fail-on', 'warning'], cwd);
    recordRun(['--format', 'json', '--cache', '--fail-on', 'warning'], cwd);
    mark(cacheFile);
    assert.equal(cli(['--format', 'json', '--cache', '--fail-on', 'warning'], cwd).stdout, MARK, 'the last run is the one recorded');
    assert.notEqual(cli(['--format', 'json', '--cache'], cwd).stdout, MARK);
  });

  it('replays --output FILE into the file, and does not replay it to stdout', () => {
    const root = workspace({ 'a/Dockerfile': DOCKERFILE });
    const out = mkdtempSync(join(tmpdir(), 'stridelint-out-'));
    const args = ['a', '--format', 'json', '--cache', '--output', join(out, 'report.json')];
    settle();
    const first = recordRun(args, root);
    assert.equal(first.stdout, '');
    const written = readFileSync(join(out, 'report.json'), 'utf8');
    mark(join(root, '.stridelint-cache'));
    rmSync(join(out, 'report.json'));
    const replayed = cli(args, root);
    assert.equal(replayed.stdout, '');
    assert.equal(readFileSync(join(out, 'report.json'), 'utf8'), MARK, 'replayed into the file');
    assert.equal(replayed.code, first.code);
    const toStdout = cli(['a', '--format', 'json', '--cache'], root);
    assert.equal(toStdout.stdout, written, 'to stdout: linted, the same report');
  });

  it('lints again with another build of the engine', () => {
    const dist = mkdtempSync(join(tmpdir(), 'stridelint-dist-'));
    for (const file of ['cli.js', 'cli-engine.js']) copyFileSync(join(REPO_ROOT, 'dist', file), join(dist, file));
    const root = workspace({ 'a/Dockerfile': DOCKERFILE });
    settle();
    recordRun(['--format', 'json', '--cache'], root, join(dist, 'cli.js'));
    mark(join(root, '.stridelint-cache'));
    assert.equal(cli(['--format', 'json', '--cache'], root, join(dist, 'cli.js')).stdout, MARK);
    appendFileSync(join(dist, 'cli-engine.js'), '\n// another build\n');
    linted(['--format', 'json', '--cache'], root, join(dist, 'cli.js'));
  });

  it('never replays a record signed with another key, or damaged', () => {
    const { cwd, cacheFile } = recorded({ 'a/Dockerfile': DOCKERFILE });
    const section = runSection(cacheFile);
    section.write(section.record, Buffer.from(MARK), 'another machine’s key, not this one');
    linted(['--format', 'json', '--cache'], cwd);
    // Damaged: a byte of the signed record changed after signing.
    mark(cacheFile);
    const data = readFileSync(cacheFile);
    const at = data.indexOf(Buffer.from(MARK));
    data[at] = 'X'.charCodeAt(0);
    writeFileSync(cacheFile, data);
    const outcome = linted(['--format', 'json', '--cache'], cwd);
    assert.ok(!outcome.stdout.includes('XEPLAYED'));
  });

  it('does not replay a record whose stamps are as late as the cache file (racy)', () => {
    const { cwd, cacheFile } = recorded({ 'a/Dockerfile': DOCKERFILE });
    const { record } = runSection(cacheFile);
    const latest = Number(BigInt(String(record.latest)) / 1_000_000n);
    // The cache written in the same instant as the last change it recorded.
    utimesSync(cacheFile, new Date(latest), new Date(latest));
    linted(['--format', 'json', '--cache'], cwd);
  });

  it('keeps no record of a --fix run, nor of one with lint threads (whose reads it cannot see)', () => {
    for (const args of [['--fix'], ['--workers', '1']]) {
      const root = workspace({ 'a/Dockerfile': DOCKERFILE, 'compose.yaml': COMPOSE });
      settle();
      for (let run = 0; run < 3; run++) cli(['--format', 'json', '--cache', ...args], root);
      const header = JSON.parse(readFileSync(join(root, '.stridelint-cache'), 'utf8').split('\n')[0]) as Record<string, unknown>;
      assert.equal(header.run, undefined, args.join(' '));
    }
  });
});

describe('stridelint --cache: the record of a run', () => {
  it('stamps the folders the walk listed and the files it read', () => {
    const root = workspace({ 'a/Dockerfile': DOCKERFILE, 'b/c/compose.yaml': COMPOSE });
    mkdirSync(join(root, 'empty'));
    settle();
    recordRun(['--format', 'json', '--cache'], root);
    const stamps = runSection(join(root, '.stridelint-cache')).record.stamps as Array<[string, string, string]>;
    const has = (operation: string, path: string) => stamps.some(([op, at]) => op === operation && at === path);
    for (const folder of ['a', 'b', join('b', 'c'), 'empty']) assert.ok(has('d', join(root, folder)), `${folder} listed`);
    assert.ok(has('l', root), 'the cache’s own folder compared by its entries');
    assert.ok(has('s', join(root, 'b', 'c', 'compose.yaml')));
    assert.ok(!stamps.some(([, path]) => path === join(root, '.stridelint-cache')), 'the cache itself is not an input');
  });
});
