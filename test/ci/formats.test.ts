import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { USAGE } from '../../server/cli/main';
import { run, workspace } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/shared';
import { junitSchemaErrors } from './junit-check';

/** One finding per severity, a clean file, and a message with characters every format must escape. */
const FILES = {
  'svc/Dockerfile': 'FROM alpine:3.20\nADD app/ /srv/app/\nUSER root\n',
  'clean/Dockerfile': 'FROM alpine:3.20\nCOPY app/ /srv/app/\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n',
  'compose.yaml': 'services:\n  "we,b:x%":\n    image: nginx:1.27\n    privileged: true\n',
};

describe('--format values', () => {
  it('are listed in --help and in the README', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    for (const format of ['text', 'json', 'sarif', 'github', 'gitlab', 'junit']) {
      assert.match(USAGE, new RegExp(`^ +${format} +\\S`, 'm'), format);
      assert.match(readme, new RegExp(`^\\| \`--format [^\`]*\\b${format}\\b`, 'm'), format);
    }
  });
});

describe('--format github (workflow commands)', () => {
  it('writes one ::error/::warning/::notice command per finding with file, line, col and an escaped message', () => {
    const root = workspace(FILES);
    const { stdout, code } = run(['--format', 'github'], root);
    assert.equal(code, 1);
    const json = JSON.parse(run(['--format', 'json'], root).stdout) as { findings: Array<{ path: string; line: number; column: number; severity: string; ruleId: string }> };
    const commands = stdout.split('\n').filter((line) => line.startsWith('::'));
    assert.equal(commands.length, json.findings.length);
    const command = /^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:]*)(?:,[a-zA-Z]+=[^,:]*)*)::(.*)$/;
    for (const [index, line] of commands.entries()) {
      const match = command.exec(line);
      assert.ok(match, `not a workflow command: ${line}`);
      const properties = Object.fromEntries(match[2].split(',').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
      const finding = json.findings[index];
      assert.equal(match[1], { error: 'error', warning: 'warning', info: 'notice' }[finding.severity]);
      assert.equal(decodeURIComponent(properties.file), finding.path);
      assert.equal(Number(properties.line), finding.line);
      assert.equal(Number(properties.col), finding.column);
      assert.ok(!/[\r\n]/.test(match[3]));
    }
    // The service name holds ',', ':' and '%': escaped in the message (%25), never breaking the command.
    assert.match(stdout, /^::error file=compose\.yaml,line=4,endLine=4,col=17,endColumn=21,title=compose\/no-privileged \(Elevation of privilege\)::Service "we,b:x%25" runs privileged/m);
  });
});

describe('--format gitlab (Code Quality report)', () => {
  it('has GitLab’s documented fields: description, check_name, unique fingerprint, severity, location.path, location.lines.begin', () => {
    const root = workspace(FILES);
    const issues = JSON.parse(run(['--format', 'gitlab'], root).stdout) as Array<Record<string, unknown>>;
    assert.ok(Array.isArray(issues) && issues.length >= 3);
    for (const issue of issues) {
      assert.equal(typeof issue.description, 'string');
      assert.equal(typeof issue.check_name, 'string');
      assert.match(String(issue.fingerprint), /^[0-9a-f]{32}$/);
      assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(String(issue.severity)));
      const location = issue.location as { path: string; lines: { begin: number } };
      assert.ok(!location.path.startsWith('/') && !location.path.startsWith('./'), 'relative to the project root');
      assert.ok(Number.isInteger(location.lines.begin) && location.lines.begin >= 1);
    }
    assert.equal(new Set(issues.map((issue) => issue.fingerprint)).size, issues.length, 'fingerprints are unique');
    assert.deepEqual(JSON.parse(run(['--format', 'gitlab', 'clean'], root).stdout), []);
  });

  it('keeps fingerprints when lines move, so GitLab does not see fixed-and-new issues', () => {
    const root = workspace(FILES);
    const before = JSON.parse(run(['--format', 'gitlab', 'compose.yaml'], root).stdout) as Array<{ fingerprint: string }>;
    const moved = workspace({ 'compose.yaml': `# moved\n${FILES['compose.yaml']}` });
    const after = JSON.parse(run(['--format', 'gitlab', 'compose.yaml'], moved).stdout) as Array<{ fingerprint: string }>;
    assert.deepEqual(after.map((issue) => issue.fingerprint).sort(), before.map((issue) => issue.fingerprint).sort());
  });
});

describe('--format junit', () => {
  it('is well-formed JUnit XML of the common schema: a suite per file, a failure per finding, a passing case per clean file', () => {
    const root = workspace(FILES);
    const xml = run(['--format', 'junit'], root).stdout;
    assert.deepEqual(junitSchemaErrors(xml), []);
    const findings = (JSON.parse(run(['--format', 'json'], root).stdout) as { findings: unknown[] }).findings.length;
    assert.equal((xml.match(/<failure /g) ?? []).length, findings);
    assert.match(xml, /<testsuites name="stridelint" tests="\d+" failures="\d+"/);
    assert.match(xml, /<testsuite name="clean\/Dockerfile" tests="1" failures="0"[^>]*>\n {4}<testcase classname="clean\/Dockerfile" name="stridelint" time="0"\/>/);
    assert.match(xml, /Service &quot;we,b:x%&quot; runs privileged/);
  });

  it('the checker rejects what the schema rejects', () => {
    assert.notDeepEqual(junitSchemaErrors('<testsuites><testsuite name="a" tests="1"><testcase name="x"><failure>a < b</failure></testcase></testsuite></testsuites>'), []);
    assert.notDeepEqual(junitSchemaErrors('<testsuites><testsuite name="a" tests="2" failures="0"><testcase name="x" classname="a"/></testsuite></testsuites>'), []);
    assert.notDeepEqual(junitSchemaErrors('<testsuites><testcase name="x" classname="a"/></testsuites>'), []);
  });
});
