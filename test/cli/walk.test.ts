import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import fs from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAMES } from '../../server/shared/config-loader';
import { describe, it } from 'node:test';
import { walk } from '../../server/cli/walk';
import { listFiles } from '../../server/lsp/workspace-scan';
import { main } from '../../server/cli/main';

const never = () => false;

/** A repository with a link to `/`, a link to a folder outside it, links inside it, a loop and a broken link. */
function repositoryWithLinks(): { root: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'stridelint-walk-'));
  const root = join(base, 'repo');
  const outside = join(base, 'elsewhere');
  mkdirSync(join(root, 'svc'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'svc', 'Dockerfile'), 'FROM alpine:3.20\n');
  // A configuration error outside the repository: reading it would stop the run (as it once did).
  writeFileSync(join(outside, '.stridelint.yaml'), 'rules: [not, a, map]\n');
  writeFileSync(join(outside, 'Dockerfile'), 'FROM alpine:3.20\n');
  symlinkSync('/', join(root, 'rootfs'));
  symlinkSync(outside, join(root, 'linked-folder'));
  symlinkSync(join(outside, 'Dockerfile'), join(root, 'Dockerfile.outside'));
  symlinkSync(join(root, 'svc'), join(root, 'svc-again'));
  symlinkSync(join(root, 'svc', 'Dockerfile'), join(root, 'Dockerfile.inside'));
  symlinkSync(root, join(root, 'svc', 'loop'));
  symlinkSync(join(base, 'missing'), join(root, 'broken'));
  return { root, outside };
}

describe('the CLI walk tells when it has found many files', () => {
  it('calls `found` once, while walking, when the files it counts reach the count', () => {
    const root = mkdtempSync(join(tmpdir(), 'stridelint-walk-many-'));
    for (let index = 0; index < 6; index++) {
      mkdirSync(join(root, `d${index}`));
      writeFileSync(join(root, `d${index}`, 'Dockerfile'), 'FROM alpine\n');
      writeFileSync(join(root, `d${index}`, 'notes.md'), '# notes\n');
    }
    const seenAt: number[] = [];
    let listed = 0;
    const listing = (_path: string, isDirectory: boolean) => {
      if (!isDirectory) listed++;
      return false;
    };
    const result = walk([root], listing, { manyFiles: { count: 4, counts: (path) => path.endsWith('Dockerfile'), found: () => seenAt.push(listed) } });
    assert.equal(result.files.length, 12);
    assert.deepEqual(seenAt, [7], 'told once, at the fourth Dockerfile (the seventh file walked)');
    const never5: number[] = [];
    walk([root], never, { manyFiles: { count: 7, counts: (path) => path.endsWith('Dockerfile'), found: () => never5.push(1) } });
    assert.deepEqual(never5, [], 'not told when fewer files count');
    const any: number[] = [];
    walk([root], never, { manyFiles: { count: 12, found: () => any.push(1) } });
    assert.deepEqual(any, [1], 'every file counts without `counts`');
  });
});

describe('the CLI walk stays in the folder it is given', () => {
  it('does not follow links to folders, reads linked files only inside the root, and says what it skipped', () => {
    const { root } = repositoryWithLinks();
    const result = walk([root], never);
    assert.deepEqual(result.files, [join(root, 'Dockerfile.inside'), join(root, 'svc', 'Dockerfile')]);
    const messages = Object.fromEntries(result.problems.map((problem) => [problem.path.slice(root.length + 1), problem.message]));
    assert.match(messages.rootfs, /symbolic link to a folder; not followed/);
    assert.match(messages['linked-folder'], /symbolic link to a folder; not followed/);
    assert.match(messages['svc-again'], /not followed/);
    assert.match(messages['svc/loop'], /not followed/);
    assert.match(messages['Dockerfile.outside'], /outside the linted folder; not read/);
    assert.match(messages.broken, /broken symbolic link/);
  });

  it('follows links with --follow-symlinks, once per real folder', () => {
    const { root, outside } = repositoryWithLinks();
    const ignoreRootfs = (path: string) => path === join(root, 'rootfs'); // the test must not walk the real disk
    const result = walk([root], ignoreRootfs, { followSymlinks: true });
    assert.ok(result.files.includes(join(root, 'Dockerfile.outside')));
    assert.ok(result.files.includes(join(root, 'linked-folder', 'Dockerfile')));
    assert.ok(!result.files.some((file) => file.startsWith(outside)), 'files are named by the path walked, not the target');
    assert.ok(result.problems.some((problem) => /symbolic link loop/.test(problem.message)));
  });

  it('lints a repository holding a link to / without reading anything outside it', () => {
    const { root } = repositoryWithLinks();
    let stdout = '';
    const code = main(['--format', 'json'], { stdout: (text) => (stdout += text), stderr: () => undefined, cwd: root });
    assert.notEqual(code, 2, 'no configuration error from a folder outside the repository');
    const report = JSON.parse(stdout) as { files: Array<{ path: string }>; problems?: Array<{ path: string }> };
    assert.deepEqual(report.files.map((file) => file.path).sort(), ['Dockerfile.inside', 'svc/Dockerfile']);
  });

  it('reads and lists nothing outside the repository but the configuration files of the folders above it (every fs call recorded)', () => {
    const { root, outside } = repositoryWithLinks();
    const lint = (args: string[]) => recordingFs(() => main(['--format', 'json', ...args], { stdout: () => undefined, stderr: () => undefined, cwd: root }));
    const realRoot = fs.realpathSync(root);
    const inside = (folder: string) => (path: string) => path === folder || path.startsWith(`${folder}${sep}`);
    const configAbove = (path: string) => CONFIG_FILE_NAMES.includes(basename(path)) && root.startsWith(dirname(path).endsWith(sep) ? dirname(path) : `${dirname(path)}${sep}`);
    const strays = (calls: FsCall[]) => calls.filter((call) => !(call.reads ? inside(realRoot)(call.real) : inside(root)(call.path)) && !configAbove(call.path));
    const calls = lint([]);
    assert.ok(calls.some((call) => call.reads && call.path === join(root, 'svc', 'Dockerfile')), 'the recording sees the run’s reads');
    assert.deepEqual(strays(calls), [], 'only the links themselves are looked at (stat), never what lies behind them');
    // The recording would see it: following the links (the one to / removed) reads the linked folder outside.
    fs.unlinkSync(join(root, 'rootfs'));
    assert.ok(strays(lint(['--follow-symlinks'])).some((call) => call.reads && call.real.startsWith(outside)));
  });
});

describe('the language server workspace scan stays in the workspace folder', () => {
  it('follows a link only when its target lies inside the folder', async () => {
    const { root } = repositoryWithLinks();
    const files = await listFiles(root, never, never);
    assert.deepEqual(files, [join(root, 'Dockerfile.inside'), join(root, 'svc', 'Dockerfile')].sort().concat().sort());
  });
});

interface FsCall {
  path: string;
  /** Where the path really is (links resolved). */
  real: string;
  /** A read of contents or a listing, not a look at the path itself (stat, exists, realpath). */
  reads: boolean;
}

/** Runs `action` with every file-system call on a path recorded. */
function recordingFs(action: () => void): FsCall[] {
  const calls: FsCall[] = [];
  const reading = ['readFileSync', 'readdirSync', 'opendirSync', 'openSync'];
  const names = [...reading, 'statSync', 'lstatSync', 'existsSync', 'accessSync', 'realpathSync', 'readlinkSync'] as const;
  const realpath = fs.realpathSync;
  const originals = names.map((name) => [name, (fs as unknown as Record<string, unknown>)[name]] as const);
  for (const [name, original] of originals) {
    (fs as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      if (typeof args[0] === 'string') {
        const path = resolve(args[0]);
        let real = path;
        try {
          real = realpath(path);
        } catch {
          // not there: the path as given
        }
        calls.push({ path, real, reads: reading.includes(name) });
      }
      return (original as (...rest: unknown[]) => unknown)(...args);
    };
  }
  try {
    action();
  } finally {
    for (const [name, original] of originals) (fs as unknown as Record<string, unknown>)[name] = original;
  }
  return calls;
}
