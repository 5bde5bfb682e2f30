import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/shared';

const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const SKIP = !hasPreCommit ? 'pre-commit is not installed (Debian package pre-commit; .ci/run installs it)' : !existsSync(CLI) ? 'dist/cli.js is not built' : false;

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

/**
 * A hook repository as a release tag lays it out: this repository's .pre-commit-hooks.yaml, the built CLI
 * bundles (the entry and the engine; they need no packages at run time) and a package.json naming the `stridelint` bin.
 */
function hookRepository(): { path: string; rev: string } {
  const path = mkdtempSync(join(tmpdir(), 'stridelint-hook-repo-'));
  mkdirSync(join(path, 'dist'));
  copyFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), join(path, '.pre-commit-hooks.yaml'));
  // The CLI's entry and the engine it loads beside it.
  for (const bundle of ['cli.js', 'cli-engine.js']) copyFileSync(join(REPO_ROOT, 'dist', bundle), join(path, 'dist', bundle));
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  writeFileSync(join(path, 'package.json'), JSON.stringify({ name: manifest.name, version: manifest.version, license: manifest.license, bin: manifest.bin, engines: { node: manifest.engines.node } }, null, 2));
  git(path, 'init', '-q');
  git(path, 'add', '.');
  git(path, 'commit', '-q', '-m', 'release layout');
  return { path, rev: git(path, 'rev-parse', 'HEAD') };
}

describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
  it('declares a node hook named stridelint that runs the CLI on the files it can lint', () => {
    const hooks = parse(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
    const hook = hooks.find((candidate) => candidate.id === 'stridelint')!;
    assert.equal(hook.language, 'node');
    assert.equal(hook.entry, 'stridelint');
    const files = new RegExp(String(hook.files));
    for (const path of ['Dockerfile', 'svc/Dockerfile.prod', 'api.dockerfile', 'compose.yaml', 'k8s/deploy.yml', 'etc/docker/daemon.json', 'Containerfile']) assert.ok(files.test(path), path);
    for (const path of ['README.md', 'package.json', 'src/Dockerfile_test.go', 'notes.json']) assert.ok(!files.test(path), path);
  });

  it('runs under Debian’s pre-commit with the system Node on a temporary repository', { skip: SKIP, timeout: 240_000 }, () => {
    const hooks = hookRepository();
    const project = mkdtempSync(join(tmpdir(), 'stridelint-hook-user-'));
    git(project, 'init', '-q');
    writeFileSync(join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hooks.path}\n    rev: ${hooks.rev}\n    hooks:\n      - id: stridelint\n        args: [--fail-on, warning]\n`);
    writeFileSync(join(project, 'Dockerfile'), 'FROM alpine:3.20\nADD app/ /srv/app/\nHEALTHCHECK CMD ["/bin/true"]\nUSER 10001\n');
    writeFileSync(join(project, 'README.md'), '# app\n');
    git(project, 'add', '.');
    const env = { ...process.env, PRE_COMMIT_HOME: join(project, '.cache-pre-commit'), npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
    const failing = spawnSync('pre-commit', ['run', '--all-files', '--color', 'never'], { cwd: project, env, encoding: 'utf8' });
    assert.equal(failing.status, 1, `${failing.stdout}\n${failing.stderr}`);
    assert.match(failing.stdout, /^stridelint\.+Failed$/m);
    assert.match(failing.stdout, /^Dockerfile:2:1 warning \[Tampering\] ADD copies local "app\/"/m);

    writeFileSync(join(project, 'Dockerfile'), 'FROM alpine:3.20\nCOPY app/ /srv/app/\nHEALTHCHECK CMD ["/bin/true"]\nUSER 10001\n');
    git(project, 'add', '.');
    const passing = spawnSync('pre-commit', ['run', '--all-files', '--color', 'never'], { cwd: project, env, encoding: 'utf8' });
    assert.equal(passing.status, 0, `${passing.stdout}\n${passing.stderr}`);
    assert.match(passing.stdout, /^stridelint\.+Passed$/m);
  });
});
