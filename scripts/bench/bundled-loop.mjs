// What plain-lint-loop.mjs and kustomize-unit.mjs share: their entry bundled from a source tree as the build
// bundles (esbuild, yaml's debug logging off), then run with PASSES / OUT from the command line, or only written
// (`--bundle-only FILE`, to run under callgrind or with --cpu-prof).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { flag, load, numberFlag } from './bench-args.mjs';

/**
 * JS for an entry: `measured(work)` runs `work` and gives its result, its CPU ms and the JS heap it allocated in
 * MiB (v8.GCProfiler: heap used before each GC minus used after the previous one, from the first GC on).
 */
export const MEASURED = `
import { GCProfiler, getHeapStatistics } from 'node:v8';
function measured(work) {
  const profiler = new GCProfiler();
  profiler.start();
  const cpu = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(cpu);
  let allocated = 0;
  let after = -1;
  for (const gc of profiler.stop().statistics) {
    if (after >= 0) allocated += gc.beforeGC.heapStatistics.usedHeapSize - after;
    after = gc.afterGC.heapStatistics.usedHeapSize;
  }
  if (after >= 0) allocated += getHeapStatistics().used_heap_size - after;
  return { result, cpuMs: (used.user + used.system) / 1000, allocatedMiB: allocated / 1048576 };
}
`;

/** Bundles `entry` (JS resolved from `tree`) and runs it, or writes it where `--bundle-only` says. */
export async function runBundledLoop(entry, tree, name) {
  const { yamlDebugLoggingOff } = await import(pathToFileURL(join(tree, 'scripts', 'yaml-debug-logging-off.mjs')).href);
  const only = flag('--bundle-only');
  const dir = only ? undefined : mkdtempSync(join(tmpdir(), `sl-${name}-`));
  const outfile = only ? resolve(only) : join(dir, `${name}.js`);
  await build({
    stdin: { contents: entry, resolveDir: tree, sourcefile: `${name}-entry.js`, loader: 'js' },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    mainFields: ['module', 'main'],
    logLevel: 'error',
    plugins: [yamlDebugLoggingOff],
  });
  if (only) return;
  try {
    console.log(`${tree}; load ${load()}`);
    const out = flag('--out');
    process.stdout.write(execFileSync(process.execPath, [outfile], { env: { ...process.env, PASSES: String(numberFlag('--passes', 2)), ...(out ? { OUT: resolve(out) } : {}) }, encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
