import assert from 'node:assert/strict';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { textWriter } from '../../server/cli/format-text';
import { lintRun } from '../../server/cli/main';
import { openOutput } from '../../server/cli/output-target';
import { counted, Spool } from '../../server/cli/spool';
import { run, workspace } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/shared';

const FILES = {
  Dockerfile: 'FROM alpine:3.20\nADD app /app\nHEALTHCHECK CMD ["/bin/true"]\n# hadolint ignore=DL3002\nUSER root\n',
  'clean/Dockerfile': 'FROM alpine:3.20\nCOPY app /app\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n',
  'compose.yaml': 'services:\n  app:\n    image: nginx:1.27\n    privileged: true\n',
};

/** A workspace with a suppressed finding, a clean file and a walk problem (a link to a folder, not followed). */
function fixture(): string {
  const root = workspace(FILES);
  symlinkSync(tmpdir(), join(root, 'elsewhere'));
  return root;
}

describe('streamed output', () => {
  it('JSON, SARIF and GitLab are laid out exactly as the whole document stringified (examples/ and a workspace with every section)', () => {
    const root = fixture();
    const baselined = run(['--write-baseline', 'base.json'], root);
    assert.equal(baselined.code, 0, baselined.stderr);
    for (const [cwd, extra] of [[REPO_ROOT, ['examples']], [root, []], [root, ['--baseline', 'base.json']]] as const) {
      for (const format of ['json', 'sarif', 'gitlab']) {
        const { stdout } = run(['--format', format, ...extra], cwd);
        assert.equal(stdout, `${JSON.stringify(JSON.parse(stdout), null, 2)}\n`, `${format} ${extra.join(' ')}`);
      }
    }
    const json = JSON.parse(run(['--format', 'json'], root).stdout);
    assert.ok(json.suppressed.length > 0 && json.problems.length > 0 && json.findings.length > 0, 'every section present');
  });

  it('text, GitHub and JUnit: the lines in walk order, the counts of the whole run', () => {
    const root = fixture();
    const text = run([], root).stdout;
    assert.match(text, /^elsewhere: warning: symbolic link to a folder; not followed \(--follow-symlinks follows it\)\nDockerfile:2:1 warning \[Tampering\] ADD copies local /);
    assert.match(text, /\n\n8 findings \(1 error, 4 warnings, 3 info\) in 2 of 3 files checked\.\n1 finding suppressed by other tools' pragmas/);
    const github = run(['--format', 'github'], root).stdout.split('\n');
    assert.match(github[0], /^::warning file=elsewhere,title=stridelint%3A not read::symbolic link/);
    assert.equal(github.at(-2), 'stridelint: 8 findings in 3 files checked.');
    const junit = run(['--format', 'junit'], root).stdout;
    assert.match(junit, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="stridelint" tests="9" failures="8" errors="0" time="0">\n {2}<testsuite name="Dockerfile" tests="1" failures="1"/);
    assert.match(junit, /<testsuite name="clean\/Dockerfile" tests="1" failures="0" errors="0" skipped="0" time="0">\n {4}<testcase classname="clean\/Dockerfile" name="stridelint" time="0"\/>\n {2}<\/testsuite>\n/);
    assert.ok(junit.endsWith('  </testsuite>\n</testsuites>\n'));
  });

  it('writes a file’s findings as soon as the file is finished, before the next file is linted', () => {
    const root = fixture();
    const out: string[] = [];
    const writer = textWriter((text) => out.push(String(text)));
    const seen: string[] = [];
    lintRun({ paths: ['.'], ruleOverrides: {}, fix: false }, root, {
      problem: (problem) => writer.problem(problem),
      file(result) {
        // What the writer has written so far already holds every earlier file's findings.
        for (const path of seen) assert.ok(out.join('').includes(`${path}:`), `${path} written before ${result.path} arrived`);
        writer.file(result);
        if (result.findings.length) seen.push(result.path);
      },
    });
    assert.deepEqual(seen, ['Dockerfile', 'compose.yaml']);
  });

  it('a spool past its memory limit goes to a temporary file and comes back intact, as bytes to a file and as text to stdout (multi-byte characters across chunk boundaries)', () => {
    const piece = 'één ✓ 🐳 line\n';
    const pieces = 200_000;
    const fill = (): { spool: Spool; folder: string } => {
      const spool = new Spool();
      for (let i = 0; i < pieces; i++) spool.write(piece);
      const folder = (spool as unknown as { folder?: string }).folder;
      assert.ok(folder && existsSync(folder), 'spilled to a temporary file');
      return { spool, folder };
    };
    const root = workspace({});
    const toFile = fill();
    const file = openOutput('out.txt', root, () => assert.fail('a file output does not go to stdout'));
    file.write('head\n');
    toFile.spool.drain((chunk) => file.write(chunk));
    file.close();
    assert.equal(readFileSync(join(root, 'out.txt'), 'utf8'), `head\n${piece.repeat(pieces)}`);
    assert.ok(!existsSync(toFile.folder), 'the temporary file is removed');
    const toStdout = fill();
    const texts: string[] = [];
    const stdout = openOutput(undefined, root, (text) => texts.push(text));
    toStdout.spool.drain((chunk) => {
      assert.ok(typeof chunk !== 'string', 'a spilled spool hands back bytes');
      stdout.write(chunk);
    });
    stdout.write('tail\n');
    stdout.close();
    assert.ok(texts.length > 1, 'written in pieces');
    assert.equal(texts.join(''), `${piece.repeat(pieces)}tail\n`);
  });
  it('a spool keeps bytes (--cache’s output, held by the cache anyway) in memory as views, and hands them back intact in pieces of bounded size', () => {
    const piece = Buffer.from('één ✓ 🐳 line');
    const pieces = 300_000; // 6 MB of bytes, past the 1 MiB limit for text; 600,000 characters of text, below it
    const spool = new Spool();
    for (let i = 0; i < pieces; i++) {
      spool.write(',\n');
      spool.write(piece);
    }
    assert.equal((spool as unknown as { folder?: string }).folder, undefined, 'not spilled');
    const chunks: Array<string | Uint8Array> = [];
    spool.drain((chunk) => chunks.push(chunk));
    assert.ok(chunks.length > 1 && chunks.every((chunk) => typeof chunk !== 'string' && chunk.length < 2 << 20), 'pieces of about 1 MiB');
    assert.equal(Buffer.concat(chunks as Uint8Array[]).toString(), `,\n${piece.toString()}`.repeat(pieces));
  });
  it('a spool counts bytes marked as its own (a lint thread’s encoded output) toward its limit, spills them as they are and hands them back intact', () => {
    const piece = 'één ✓ 🐳 line';
    const pieces = 100_000; // 1.9 MB of marked bytes past the 1 MiB limit; their text, 1.3 M characters
    const spool = new Spool();
    for (let i = 0; i < pieces; i++) {
      spool.write(',\n');
      spool.write(counted(Buffer.from(piece)));
    }
    const folder = (spool as unknown as { folder?: string }).folder;
    assert.ok(folder && existsSync(folder), 'spilled to a temporary file');
    const chunks: Array<string | Uint8Array> = [];
    spool.drain((chunk) => chunks.push(chunk));
    assert.ok(chunks.every((chunk) => typeof chunk !== 'string'), 'handed back as bytes');
    assert.equal(Buffer.concat(chunks as Uint8Array[]).toString(), `,\n${piece}`.repeat(pieces));
    assert.ok(!existsSync(folder), 'the temporary file is removed');
  });
});
