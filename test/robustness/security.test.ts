import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/shared';

/**
 * stridelint must be safe to open on an untrusted repository: the linting code evaluates nothing, starts no
 * process and opens no socket. These scans fail when such a call appears in our sources or in a bundle.
 */
const CODE_EXECUTION = [/\beval\s*\(/, /\bnew\s+Function\s*\(/, /\bFunction\s*\(\s*["'`]/, /\bvm\.(?:run|Script|compile)/];
const PROCESSES_AND_NETWORK = [/require\(\s*["'](?:node:)?(?:child_process|net|http|https|http2|dgram|tls|worker_threads|vm)["']\s*\)/, /from\s+["'](?:node:)?(?:child_process|net|http|https|http2|dgram|tls|worker_threads|vm)["']/, /\bfetch\s*\(/];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

function offences(text: string, patterns: RegExp[]): string[] {
  return patterns.flatMap((pattern) => {
    const match = pattern.exec(text);
    return match ? [match[0]] : [];
  });
}

describe('security: no code execution, processes or network', () => {
  for (const folder of ['rules', 'server']) {
    it(`sources under ${folder}/ evaluate no code, start no process and open no socket`, () => {
      const found = sourceFiles(join(REPO_ROOT, folder)).flatMap((file) =>
        offences(readFileSync(file, 'utf8'), [...CODE_EXECUTION, ...PROCESSES_AND_NETWORK]).map((offence) => `${relative(REPO_ROOT, file)}: ${offence}`),
      );
      assert.deepEqual(found, []);
    });
  }

  it('the CLI bundle (all dependencies included) evaluates no code, starts no process and opens no socket', () => {
    const bundle = join(REPO_ROOT, 'dist', 'cli.js');
    assert.ok(existsSync(bundle), 'run the build first');
    assert.deepEqual(offences(readFileSync(bundle, 'utf8'), [...CODE_EXECUTION, ...PROCESSES_AND_NETWORK]), []);
  });

  it('configuration is data: .stridelint.yaml cannot load code (no plugins, no requires)', () => {
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'rules', 'schemas', 'config.schema.json'), 'utf8')) as { additionalProperties: boolean; properties: Record<string, unknown> };
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(Object.keys(schema.properties).filter((key) => /plugin|require|extends|import|script|command/i.test(key)), []);
  });
});
