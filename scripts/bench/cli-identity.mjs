// The CLI's output against a baseline build's, byte for byte (issue 17: a faster run must print the same):
//   node scripts/bench/cli-identity.mjs --baseline <folder holding dist/> [--path <folder>] [--workers 0,1,2]
// Runs the baseline's CLI once per format (json, sarif) and this checkout's CLI once per format and per
// `--workers` value (and once with its default), all from this checkout's folder over the same path (default the
// realworld corpus, Helm charts included); prints one line per run and exits 1 when any output differs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './corpus.mjs';
import { flag } from './bench-args.mjs';

const baselineRoot = flag('--baseline');
if (!baselineRoot) throw new Error('usage: node scripts/bench/cli-identity.mjs --baseline <folder holding dist/> [--path <folder>] [--workers 0,1,2]');
const target = flag('--path') ?? join('..', 'shared', 'corpus', 'realworld');
const workerCounts = [undefined, ...(flag('--workers') ?? '0,1,2').split(',').map(Number)];
const work = mkdtempSync(join(tmpdir(), 'sl-cli-identity-'));

function output(cli, format, extra) {
  const file = join(work, 'out');
  const run = spawnSync(process.execPath, [cli, target, '--format', format, '--output', file, ...extra], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`${cli} ${format} ${extra.join(' ')} failed (exit ${run.status}):\n${run.stderr}`);
  return readFileSync(file);
}

let differ = 0;
try {
  for (const format of ['json', 'sarif']) {
    const expected = output(join(resolve(baselineRoot), 'dist', 'cli.js'), format, []);
    for (const workers of workerCounts) {
      const extra = workers === undefined ? [] : ['--workers', String(workers)];
      const same = output(join(REPO_ROOT, 'dist', 'cli.js'), format, extra).equals(expected);
      if (!same) differ++;
      process.stdout.write(`${format} ${workers === undefined ? 'default workers' : `--workers ${workers}`}: ${same ? 'identical' : 'DIFFERENT'} (${expected.length} bytes in the baseline)\n`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(differ > 0 ? 1 : 0);
