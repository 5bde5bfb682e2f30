import fs, { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/cli/main';
import { TEST_CACHE_KEY } from './cache-file';

/** A temporary folder holding the given files (paths relative to it). */
export function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'stridelint-cli-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/**
 * Runs the CLI in-process in `cwd`, capturing its output; `--cache` signs with TEST_CACHE_KEY unless `env` says
 * otherwise (no test makes a key file in the user's configuration folder).
 */
export function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = { ...process.env, STRIDELINT_CACHE_KEY: TEST_CACHE_KEY }): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd, env });
  return { code, stdout, stderr };
}

/** The paths fs.readFileSync was given while `body` ran (the CLI runs in this process), and what `body` returned. */
export function readsDuring<T>(body: () => T): { read: string[]; result: T } {
  const read: string[] = [];
  const original = fs.readFileSync;
  fs.readFileSync = ((path: fs.PathOrFileDescriptor, options?: unknown) => {
    if (typeof path === 'string') read.push(path);
    return original(path, options as never);
  }) as typeof fs.readFileSync;
  try {
    return { read, result: body() };
  } finally {
    fs.readFileSync = original;
  }
}
