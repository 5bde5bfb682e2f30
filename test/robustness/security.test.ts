import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { main } from '../../server/cli/main';
import { REPO_ROOT } from '../helpers/shared';

/**
 * stridelint must be safe to open on an untrusted repository: the linting code evaluates nothing, starts no
 * process and opens no socket. These scans fail when such a call appears in our sources or in a bundle.
 */
const CODE_EXECUTION = [/\beval\s*\(/, /\bnew\s+Function\s*\(/, /\bFunction\s*\(\s*["'`]/, /\bvm\.(?:run|Script|compile)/];
const PROCESSES_AND_NETWORK = [/require\(\s*["'](?:node:)?(?:child_process|net|http|https|http2|dgram|tls|worker_threads|vm)["']\s*\)/, /from\s+["'](?:node:)?(?:child_process|net|http|https|http2|dgram|tls|worker_threads|vm)["']/, /\bfetch\s*\(/];

/**
 * The workspace scan's worker pool and the CLI's lint pools (`--workers`, the one parse's workers), with their
 * entries, are the only users of worker_threads: the threads run our own bundles (dist/scan-worker.js beside the
 * server's, dist/cli-lint-worker.js and dist/cli-once-worker.js beside the CLI's), which read and lint files as
 * the main thread does.
 */
const WORKER_THREAD_FILES = ['server/lsp/scan-pool.ts', 'server/lsp/scan-worker.ts', 'server/cli/lint-pool.ts', 'server/cli/cli-lint-worker.ts', 'server/cli/once-workers.ts', 'server/cli/cli-once-worker.ts'];
const isWorkerThreadImport = (offence: string) => /worker_threads/.test(offence);

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
        offences(readFileSync(file, 'utf8'), [...CODE_EXECUTION, ...PROCESSES_AND_NETWORK])
          .filter((offence) => !(WORKER_THREAD_FILES.includes(relative(REPO_ROOT, file)) && isWorkerThreadImport(offence)))
          .map((offence) => `${relative(REPO_ROOT, file)}: ${offence}`),
      );
      assert.deepEqual(found, []);
    });
  }

  it('the scan pool starts only the worker bundle beside the server (never a path from the workspace)', () => {
    const pool = readFileSync(join(REPO_ROOT, 'server', 'lsp', 'workspace-scanner.ts'), 'utf8');
    assert.match(pool, /const WORKER_SCRIPT = join\(__dirname, 'scan-worker\.js'\);/);
    assert.deepEqual(readFileSync(join(REPO_ROOT, 'server', 'lsp', 'scan-pool.ts'), 'utf8').match(/new Worker\([^)]*\)/g), ['new Worker(this.options.script, { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 512 } })']);
  });

  it('the CLI lint pool starts only the worker bundle beside the CLI (never a path from the command line or the workspace)', () => {
    assert.match(readFileSync(join(REPO_ROOT, 'server', 'cli', 'lint-pool.ts'), 'utf8'), /const WORKER_SCRIPT = join\(__dirname, 'cli-lint-worker\.js'\);/);
    // The pool's script parameter exists for tests; the CLI passes only a thread count and a flag.
    assert.deepEqual(readFileSync(join(REPO_ROOT, 'server', 'cli', 'main.ts'), 'utf8').match(/new LintPool\([^)]*\)/g), ['new LintPool(asked, hashed)']);
  });

  it('the CLI one-parse workers start only the worker bundle beside the CLI', () => {
    assert.match(readFileSync(join(REPO_ROOT, 'server', 'cli', 'once-workers.ts'), 'utf8'), /const WORKER_SCRIPT = join\(__dirname, 'cli-once-worker\.js'\);/);
    // The options' script exists for tests; the CLI passes only a thread count.
    assert.deepEqual(readFileSync(join(REPO_ROOT, 'server', 'cli', 'main.ts'), 'utf8').match(/startLintOnce\([^;]*;/g)?.map((call) => /script/.test(call)), [false]);
  });

  it('the CLI bundle (all dependencies included) evaluates no code, starts no process and opens no socket', () => {
    const bundle = join(REPO_ROOT, 'dist', 'cli.js');
    assert.ok(existsSync(bundle), 'run the build first');
    // worker_threads only for the lint pool above (its one import in the bundle).
    const found = offences(readFileSync(bundle, 'utf8'), [...CODE_EXECUTION, ...PROCESSES_AND_NETWORK]);
    assert.deepEqual(found.filter((offence) => !isWorkerThreadImport(offence)), []);
    assert.ok(found.filter(isWorkerThreadImport).length <= 1);
  });

  it('configuration is data: .stridelint.yaml cannot load code (no plugins, no requires)', () => {
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'rules', 'schemas', 'config.schema.json'), 'utf8')) as { additionalProperties: boolean; properties: Record<string, unknown> };
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(Object.keys(schema.properties).filter((key) => /plugin|require|extends|import|script|command/i.test(key) && key !== 'extends'), []);
    // `extends` names built-in presets only: a closed list of `stridelint:` names, never a path or a package.
    const presets = (schema as unknown as { definitions: { profile: { enum: string[] } } }).definitions.profile.enum;
    assert.ok(presets.length > 0 && presets.every((name) => /^stridelint:[a-z-]+$/.test(name)));
    assert.equal(JSON.stringify(schema.properties.extends).match(/"\$ref":"#\/definitions\/profile"/g)?.length, 2, 'both forms of extends take only the preset names');
  });
});

describe('security: secrets found by rules never reach an output in clear', () => {
  const SECRET = 'Zr9pLk2QwXy7Vb4Tn8Ms';
  const root = mkdtempSync(join(tmpdir(), 'stridelint-secrets-'));
  writeFileSync(join(root, 'Dockerfile'), `FROM alpine:3.20\nENV API_TOKEN=${SECRET}\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n`);
  writeFileSync(join(root, 'compose.yaml'), `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${SECRET}\n`);
  writeFileSync(join(root, 'deploy.yaml'), `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: shop}\nspec:\n  template:\n    spec:\n      containers:\n      - name: api\n        image: api:1.2\n        env:\n        - name: DB_PASSWORD\n          value: ${SECRET}\n`);
  for (const args of [['--format', 'text'], ['--format', 'json'], ['--format', 'sarif'], ['--format', 'github'], ['--format', 'gitlab'], ['--format', 'junit'], ['report', '--format', 'html'], ['report', '--format', 'md']]) {
    it(`${args.join(' ')} masks them`, () => {
      let out = '';
      main(args[0] === 'report' ? ['report', '.', ...args.slice(1)] : ['.', ...args], { stdout: (text) => (out += text), stderr: () => undefined, cwd: root });
      assert.ok(out.length > 0);
      assert.ok(out.includes('API_TOKEN') || out.includes('DB_PASSWORD') || out.includes('POSTGRES_PASSWORD'), 'the findings are there');
      assert.equal(out.includes(SECRET.slice(4)), false, 'the secret value (past its first four characters) appears in the output');
    });
  }
  it('--write-baseline masks them in the baseline file', () => {
    main(['.', '--write-baseline', 'baseline.json'], { stdout: () => undefined, stderr: () => undefined, cwd: root });
    const baseline = readFileSync(join(root, 'baseline.json'), 'utf8');
    assert.ok(baseline.includes('DB_PASSWORD'), 'the findings are there');
    assert.equal(baseline.includes(SECRET.slice(4)), false);
  });
});
