import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './corpus.mjs';

/** Runs a command to completion and returns its wall time (ms), stdout, and the child's peak RSS (MiB) and CPU time (ms). */
export function timed(args, env = {}) {
  const rssFile = join(mkdtempSync(join(tmpdir(), 'sl-bench-')), 'rss');
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--require', join(REPO_ROOT, 'scripts', 'bench', 'rss-probe.cjs'), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, ...env, STRIDELINT_BENCH_RSS_FILE: rssFile },
  });
  const wallMs = performance.now() - started;
  const [rssMiB, cpuMs] = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').split(' ').map(Number) : [NaN, NaN];
  rmSync(join(rssFile, '..'), { recursive: true, force: true });
  return { wallMs, stdout: result.stdout, stderr: result.stderr, status: result.status, rssMiB, cpuMs };
}
