// Builds a bench loop's entry (JS source whose imports resolve from a source tree) with esbuild as the build does,
// then runs it in a fresh process, or with --bundle-only FILE writes the bundle and stops (for callgrind, --cpu-prof).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { flag, load, numberFlag } from './bench-args.mjs';

/**
 * `name`: the entry's file name in the bundle's source map. The run gets PASSES (--passes) and OUT (--out), and
 * `--node-flags "--a --b"` as node's own options (e.g. --expose-gc, V8 settings).
 */
export async function bundleAndRun(tree, entry, name) {
  const { yamlDebugLoggingOff } = await import(pathToFileURL(join(tree, 'scripts', 'yaml-debug-logging-off.mjs')).href);
  const only = flag('--bundle-only');
  const dir = only ? undefined : mkdtempSync(join(tmpdir(), `sl-${name}-`));
  const outfile = only ? resolve(only) : join(dir, 'loop.js');
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
    const nodeFlags = (flag('--node-flags') ?? '').split(' ').filter(Boolean);
    process.stdout.write(execFileSync(process.execPath, [...nodeFlags, outfile], { env: { ...process.env, PASSES: String(numberFlag('--passes', 2)), ...(out ? { OUT: resolve(out) } : {}) }, encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The pass loop's module, for an entry's import (bundled with it). */
export const MEASURED_PASSES = JSON.stringify(fileURLToPath(new URL('measured-passes.mjs', import.meta.url)));
