import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { run, workspace } from '../helpers/cli';
import { sarifSchemaErrors } from '../helpers/sarif';
import { REPO_ROOT, SHARED_SKIP_REASON } from '../helpers/shared';

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function findingCount(stdout: string): number {
  return (JSON.parse(stdout) as { findings: unknown[] }).findings.length;
}

describe('baseline', () => {
  it('done when: examples/ baselined stays at 0 after inserted lines and a re-indent, and privileged: true makes exactly 1', () => {
    const root = mkdtempSync(join(tmpdir(), 'stridelint-baseline-'));
    cpSync(join(REPO_ROOT, 'examples'), join(root, 'examples'), { recursive: true });
    const written = run(['--write-baseline', 'examples'], root);
    assert.equal(written.code, 0, written.stderr);
    const baseline = JSON.parse(readFileSync(join(root, '.stridelint-baseline.json'), 'utf8'));
    assert.equal(baseline.version, 1);
    assert.ok(baseline.findings.length > 50, 'the examples are full of findings');
    assert.equal(findingCount(run(['--baseline', '.stridelint-baseline.json', '--format', 'json', 'examples'], root).stdout), 0);

    for (const file of filesUnder(join(root, 'examples'))) {
      const text = readFileSync(file, 'utf8');
      // JSON has no comments: blank lines there; `#` comment lines everywhere else.
      writeFileSync(file, (file.endsWith('.json') ? '\n' : '# inserted\n').repeat(10) + text);
    }
    const compose = join(root, 'examples', 'compose.yaml');
    writeFileSync(compose, readFileSync(compose, 'utf8').replace(/^( +)/gm, (spaces) => spaces.repeat(2)));
    const shifted = run(['--baseline', '.stridelint-baseline.json', '--format', 'json', 'examples'], root);
    assert.equal(findingCount(shifted.stdout), 0, shifted.stdout);
    assert.equal(JSON.parse(shifted.stdout).baseline.unchanged, baseline.findings.length);

    // One service that was not privileged becomes privileged.
    const text = readFileSync(compose, 'utf8');
    assert.match(text, /^ {4}db:\n {8}image:/m);
    writeFileSync(compose, text.replace(/^( {4}db:\n)/m, '$1        privileged: true\n'));
    const after = JSON.parse(run(['--baseline', '.stridelint-baseline.json', '--format', 'json', 'examples'], root).stdout);
    assert.deepEqual(after.findings.map((finding: { ruleId: string }) => finding.ruleId), ['compose/no-privileged']);
  });

  it('says how many baselined findings remain and how many disappeared, and fails only on new ones', () => {
    const root = workspace({ Dockerfile: 'FROM alpine:3.20\nUSER root\nADD a /a\n' });
    const nowhere = run(['--write-baseline', 'ci/accepted.json', '.'], root);
    assert.equal(nowhere.code, 2, 'the folder does not exist yet');
    assert.match(nowhere.stderr, /cannot write the baseline ci\/accepted\.json/);
    writeFileSync(join(root, 'accepted.json'), '');
    assert.equal(run(['--write-baseline', 'accepted.json'], root).code, 0);
    const entries = JSON.parse(readFileSync(join(root, 'accepted.json'), 'utf8')).findings.length;
    assert.equal(run(['--baseline', 'accepted.json'], root).code, 0);
    writeFileSync(join(root, 'Dockerfile'), 'FROM alpine:3.20\nUSER root\nCOPY a /a\n');
    const text = run(['--baseline', 'accepted.json', '--fail-on', 'info'], root);
    assert.equal(text.code, 0);
    assert.match(text.stdout, new RegExp(`Baseline accepted\\.json: ${entries - 1} baselined findings remain, 1 disappeared \\(run --write-baseline accepted\\.json to drop them\\)\\.`));
    const json = JSON.parse(run(['--baseline', 'accepted.json', '--format', 'json'], root).stdout);
    assert.deepEqual(json.baseline.absent.map((entry: { ruleId: string }) => entry.ruleId), ['dockerfile/add-instead-of-copy']);
  });

  it('SARIF carries partialFingerprints and, with --baseline, baselineState new/unchanged/absent', { skip: SHARED_SKIP_REASON }, () => {
    const root = workspace({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n' });
    const plain = JSON.parse(run(['--format', 'sarif'], root).stdout);
    assert.ok(plain.runs[0].results.every((result: { partialFingerprints: Record<string, string>; baselineState?: string }) => /^[0-9a-f]{16}$/.test(result.partialFingerprints['stridelint/v1']) && result.baselineState === undefined));
    run(['--write-baseline'], root);
    writeFileSync(join(root, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n    pid: host\n');
    const sarif = JSON.parse(run(['--format', 'sarif', '--baseline', '.stridelint-baseline.json'], root).stdout);
    assert.deepEqual(sarifSchemaErrors(sarif), []);
    const states = (sarif.runs[0].results as Array<{ ruleId: string; baselineState: string }>).map((result) => `${result.ruleId}:${result.baselineState}`);
    assert.ok(states.includes('compose/no-host-pid:new'), states.join());
    assert.ok(states.includes('compose/no-privileged:absent'), states.join());
    assert.ok(states.some((state) => state.endsWith(':unchanged')), states.join());
  });

  it('--write-baseline never overwrites a file that is not a baseline (daemon.json as the next argument)', () => {
    const daemon = '{ "icc": true }\n';
    const root = workspace({ 'daemon.json': daemon, Dockerfile: 'FROM alpine:3.20\n' });
    const refused = run(['--write-baseline', 'daemon.json'], root);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /refusing to overwrite daemon\.json: it is not a stridelint baseline/);
    assert.equal(readFileSync(join(root, 'daemon.json'), 'utf8'), daemon);
    assert.equal(run(['--write-baseline=accepted.json', 'daemon.json'], root).code, 0, 'the = form names the file; daemon.json is a path to lint');
    assert.equal(JSON.parse(readFileSync(join(root, 'accepted.json'), 'utf8')).findings[0].path, 'daemon.json');
  });

  it('a malformed or missing baseline is a clear error (exit 2)', () => {
    const root = workspace({ Dockerfile: 'FROM alpine:3.20\n', 'old.json': '{"version": 7, "findings": []}', 'broken.json': '{' });
    const missing = run(['--baseline', 'nope.json'], root);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /baseline file not found: nope\.json/);
    assert.match(run(['--baseline', 'old.json'], root).stderr, /unsupported baseline version 7/);
    assert.match(run(['--baseline', 'broken.json'], root).stderr, /broken\.json: not valid JSON/);
    assert.equal(run(['--baseline', 'old.json', '--write-baseline'], root).code, 2);
  });
});
