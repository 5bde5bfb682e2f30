import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { ALL_RULE_METAS } from '../../rules';
import { REPO_ROOT, SHARED_DIR, SHARED_SKIP_REASON } from '../helpers/shared';
import { run, workspace } from '../helpers/cli';

/** Trips only dockerfile/add-instead-of-copy: the rest of the file is clean. */
const INSECURE = 'FROM alpine:3.20\nADD app/ /srv/app/\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n';

describe('stridelint CLI', () => {
  it('prints compiler-style lines and a summary by STRIDE category', () => {
    const root = workspace({ 'svc/Dockerfile': INSECURE, 'notes.txt': 'not linted' });
    const { code, stdout } = run([], root);
    assert.equal(code, 0, 'warnings only: below the default --fail-on error');
    assert.match(stdout, /^svc\/Dockerfile:2:1 warning \[Tampering\] ADD copies local "app\/"; .* \(dockerfile\/add-instead-of-copy\)$/m);
    assert.match(stdout, /Summary by STRIDE category:\n {2}Spoofing +0\n {2}Tampering +1 {2}\(0 errors, 1 warning, 0 info\)/);
    assert.match(stdout, /1 finding \(0 errors, 1 warning, 0 info\) in 1 of 1 file checked\./);
  });

  it('--fail-on decides the exit code', () => {
    const root = workspace({ Dockerfile: INSECURE });
    assert.equal(run(['--fail-on', 'warning'], root).code, 1);
    assert.equal(run(['--fail-on=info'], root).code, 1);
    assert.equal(run(['--rule', 'dockerfile/add-instead-of-copy=error'], root).code, 1);
    assert.equal(run(['--rule', 'dockerfile/add-instead-of-copy=off', '--fail-on', 'info'], root).code, 0);
  });

  it('exits 2 with a message for usage and configuration errors', () => {
    const root = workspace({ Dockerfile: INSECURE, 'bad/.stridelint.yaml': 'rules:\n  nope/nope: off\n', 'bad/Dockerfile': INSECURE });
    const missing = run(['does-not-exist'], root);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /path does not exist: does-not-exist/);
    assert.equal(run(['--format', 'xml'], root).code, 2);
    assert.equal(run(['--bogus'], root).code, 2);
    assert.equal(run(['--rule', 'nope/nope=off'], root).code, 2);
    const config = run(['bad'], root);
    assert.equal(config.code, 2);
    assert.match(config.stderr, /\.stridelint\.yaml:2:3: unknown rule "nope\/nope"/);
  });

  it('writes the documented JSON shape, 1-based, with fixes against the original text', () => {
    const root = workspace({ Dockerfile: INSECURE });
    const output = JSON.parse(run(['--format', 'json'], root).stdout);
    assert.equal(output.version, 1);
    assert.equal(output.tool.name, 'stridelint');
    assert.deepEqual(output.files, [{ path: 'Dockerfile', kind: 'dockerfile' }]);
    assert.deepEqual(output.findings[0], {
      ruleId: 'dockerfile/add-instead-of-copy',
      kind: 'dockerfile',
      stride: 'tampering',
      severity: 'warning',
      message: output.findings[0].message,
      path: 'Dockerfile',
      line: 2,
      column: 1,
      endLine: 2,
      endColumn: 4,
      fixable: true,
      fixes: [{ title: 'Replace ADD with COPY', safe: true, edits: [{ line: 2, column: 1, endLine: 2, endColumn: 4, newText: 'COPY' }] }],
    });
  });

  it('--output writes the report to a file', () => {
    const root = workspace({ Dockerfile: INSECURE });
    run(['--format', 'json', '--output', 'out.json'], root);
    assert.equal(JSON.parse(readFileSync(join(root, 'out.json'), 'utf8')).findings.length, 1);
  });

  it('--fix applies safe fixes in place, keeps a BOM and CRLF, and reports what remains', () => {
    const root = workspace({ Dockerfile: '\uFEFFFROM alpine:3.20\r\nADD a /a\r\nADD b /b\r\nUSER 10001:10001\r\nHEALTHCHECK CMD ["/bin/true"]\r\n' });
    const { stdout } = run(['--fix', '--format', 'json'], root);
    assert.equal(readFileSync(join(root, 'Dockerfile'), 'utf8'), '\uFEFFFROM alpine:3.20\r\nCOPY a /a\r\nCOPY b /b\r\nUSER 10001:10001\r\nHEALTHCHECK CMD ["/bin/true"]\r\n');
    assert.deepEqual(JSON.parse(stdout).findings, []);
  });

  it('skips binary and non-UTF-8 files with a reason instead of failing', () => {
    const root = workspace({ 'a/Dockerfile': 'FROM x\u0000' });
    writeFileSync(join(root, 'b.Dockerfile'), Buffer.from([0x46, 0x52, 0xff, 0xfe, 0x0a]));
    const output = JSON.parse(run(['--format', 'json'], root).stdout);
    assert.deepEqual(output.files.map((file: { path: string; skipped?: string }) => [file.path, file.skipped]), [
      ['a/Dockerfile', 'the file contains NUL bytes, so it is binary, not text'],
      ['b.Dockerfile', 'the file is not valid UTF-8 text'],
    ]);
  });

  it('honours the config’s ignore globs and never enters node_modules', () => {
    const root = workspace({ '.stridelint.yaml': 'ignore: ["legacy/**"]\n', 'legacy/Dockerfile': INSECURE, 'node_modules/x/Dockerfile': INSECURE, 'app/Dockerfile': INSECURE });
    const output = JSON.parse(run(['--format', 'json'], root).stdout);
    assert.deepEqual(output.files.map((file: { path: string }) => file.path), ['app/Dockerfile']);
  });

  it('takes the workspace daemon.json into account: no-new-privileges set daemon-wide lowers the compose finding to info', () => {
    const compose = 'services:\n  app:\n    image: nginx:1.27\n';
    const severity = (files: Record<string, string>) =>
      (JSON.parse(run(['--format', 'json'], workspace(files)).stdout).findings as Array<{ ruleId: string; severity: string }>).find((finding) => finding.ruleId === 'compose/no-new-privileges')?.severity;
    assert.equal(severity({ 'compose.yaml': compose }), 'warning');
    assert.equal(severity({ 'compose.yaml': compose, 'etc/docker/daemon.json': '{ "no-new-privileges": true }\n' }), 'info');
    assert.equal(severity({ 'compose.yaml': compose, 'a/daemon.json': '{ "no-new-privileges": true }\n', 'b/daemon.json': '{}\n' }), 'warning', 'only when every daemon.json agrees');
  });

  it('`rules --format json` lists every rule with its metadata and docs page', () => {
    const rules = JSON.parse(run(['rules', '--format', 'json'], REPO_ROOT).stdout);
    assert.equal(rules.length, ALL_RULE_METAS.length);
    const rule = rules.find((entry: { id: string }) => entry.id === 'dockerfile/add-instead-of-copy');
    assert.equal(rule.stride, 'tampering');
    assert.equal(rule.docs, 'docs/rules/dockerfile/add-instead-of-copy.md');
    assert.ok(rule.references.some((reference: { source: string; id: string }) => reference.id === 'DL3020'));
  });

  it('the built binary runs (`node dist/cli.js --version`)', () => {
    const result = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), '--version'], { encoding: 'utf8' });
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});

describe('SARIF output', () => {
  it('is valid against the official SARIF 2.1.0 schema', { skip: SHARED_SKIP_REASON }, () => {
    const root = workspace({ Dockerfile: INSECURE, 'x/Dockerfile': 'FROM a\n# stridelint-disable nope/nope\n' });
    const sarif = JSON.parse(run(['--format', 'sarif'], root).stdout) as { runs: Array<{ results: Array<{ ruleIndex: number }>; tool: { driver: { rules: Array<{ id: string; helpUri: string; properties: { tags: string[]; 'security-severity': string } }> } } }> };
    // The official schema is draft-04; ajv speaks draft-07, which differs here only in the id keyword.
    const schema = JSON.parse(readFileSync(join(SHARED_DIR, 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
    schema.$id = schema.id;
    delete schema.id;
    delete schema.$schema;
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('uri', (value: string) => URL.canParse(value));
    ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/'));
    ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
    const validate = ajv.compile(schema);
    assert.ok(validate(sarif) as boolean, JSON.stringify(validate.errors, null, 2));
    const run0 = sarif.runs[0];
    assert.equal(run0.results.length, JSON.parse(run(['--format', 'json'], root).stdout).findings.length);
    const rule = run0.tool.driver.rules.find((descriptor: { id: string }) => descriptor.id === 'dockerfile/add-instead-of-copy')!;
    assert.match(rule.helpUri, /docs\/rules\/dockerfile\/add-instead-of-copy\.md$/);
    assert.ok(rule.properties.tags.includes('STRIDE/Tampering'));
    assert.ok(rule.properties.tags.includes('CIS-Docker-1.6.0-4.9'));
    assert.equal(rule.properties['security-severity'], '5.5');
    assert.equal(run0.results[0].ruleIndex, run0.tool.driver.rules.indexOf(rule));
  });
});
