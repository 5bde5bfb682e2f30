import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFile } from '../../rules/registry-lint';
import { daemonWorkspaceFacts, parseDaemon } from '../../rules/models/daemon';

function parseError(text: string): { line: number; column: number; endColumn: number; message: string } {
  const findings = lintFile(text, 'daemon.json', { rules: [] }).findings;
  assert.equal(findings.length, 1, 'exactly one parse error');
  const [finding] = findings;
  assert.equal(finding.ruleId, 'stridelint/parse-error');
  assert.equal(finding.severity, 'error');
  return { line: finding.range.start.line + 1, column: finding.range.start.character + 1, endColumn: finding.range.end.character + 1, message: finding.message };
}

describe('daemon.json model', () => {
  it('a comment is one error at the comment: dockerd reads strict JSON', () => {
    assert.deepEqual(parseError('{\n  "icc": false // keep it off\n}\n'), {
      line: 2,
      column: 16,
      endColumn: 30,
      message: 'daemon.json cannot hold comments: dockerd reads strict JSON and refuses to start on a comment.',
    });
    assert.equal(parseError('/* settings */\n{}\n').line, 1);
  });

  it('a trailing comma is one error on the comma', () => {
    assert.deepEqual(parseError('{\n  "icc": false,\n}\n'), { line: 2, column: 15, endColumn: 16, message: 'Trailing comma before "}": JSON does not allow it, so dockerd refuses to start.' });
    assert.deepEqual(parseError('{ "dns": ["8.8.8.8", ] }'), { line: 1, column: 20, endColumn: 21, message: 'Trailing comma before "]": JSON does not allow it, so dockerd refuses to start.' });
  });

  it('other syntax errors say what is expected where', () => {
    assert.deepEqual(parseError('{\n  "icc" false\n}\n'), { line: 2, column: 9, endColumn: 14, message: 'daemon.json is not valid JSON (a colon is expected here), so dockerd refuses to start.' });
    assert.equal(parseError('{ "icc": false').message, 'daemon.json is not valid JSON (a closing brace is missing), so dockerd refuses to start.');
    assert.equal(parseError("{ 'icc': false }").message, 'daemon.json is not valid JSON (unexpected character), so dockerd refuses to start.');
  });

  it('a whitespace-only file is an empty configuration, as dockerd reads it', () => {
    const outcome = parseDaemon({ text: ' \n', path: 'daemon.json' });
    assert.deepEqual(outcome.problems, []);
    assert.equal(outcome.model?.root, undefined);
    assert.equal(outcome.model?.members.size, 0);
  });

  it('the last of duplicate keys is the effective one; the earlier ones are listed, at any depth', () => {
    const model = parseDaemon({ text: '{"icc": true, "log-opts": {"max-size": "1m", "max-size": "10m"}, "icc": false}', path: 'daemon.json' }).model!;
    assert.equal(model.members.get('icc')?.value.value, false);
    assert.deepEqual(model.duplicates.map((member) => [member.key, member.value.value]), [['icc', true], ['max-size', '1m']]);
  });

  it('detects indentation and line endings to write new keys alike', () => {
    assert.deepEqual(parseDaemon({ text: '{\r\n    "icc": false\r\n}\r\n', path: 'daemon.json' }).model?.format, { tabSize: 4, insertSpaces: true, eol: '\r\n' });
    assert.deepEqual(parseDaemon({ text: '{\n\t"icc": false\n}\n', path: 'daemon.json' }).model?.format, { tabSize: 1, insertSpaces: false, eol: '\n' });
    assert.deepEqual(parseDaemon({ text: '{"icc": false}', path: 'daemon.json' }).model?.format, { tabSize: 2, insertSpaces: true, eol: '\n' });
  });

  it('recognises a Windows daemon only from what the file shows', () => {
    const windows = (text: string, path = 'daemon.json') => parseDaemon({ text, path }).model?.windows;
    assert.equal(windows('{ "hosts": ["npipe:////./pipe/docker_engine"] }'), true);
    assert.equal(windows('{ "exec-opts": ["isolation=hyperv"] }'), true);
    assert.equal(windows('{}', 'C:\\ProgramData\\docker\\config\\daemon.json'), true);
    assert.equal(windows('{ "hosts": ["unix:///var/run/docker.sock"] }'), false);
  });

  it('gives adapters the facts rules of other kinds read from a workspace daemon.json', () => {
    assert.deepEqual(daemonWorkspaceFacts('\uFEFF{ "no-new-privileges": true, "ip": "127.0.0.1" }'), { daemonNoNewPrivileges: true, daemonDefaultBindIp: '127.0.0.1' });
    assert.deepEqual(daemonWorkspaceFacts('{ "no-new-privileges": false, "no-new-privileges": true }'), { daemonNoNewPrivileges: true });
    assert.deepEqual(daemonWorkspaceFacts('{ "ip": "" }'), {});
    assert.deepEqual(daemonWorkspaceFacts('{ "ip": "127.0.0.1", }'), {}, 'a file dockerd refuses gives no facts');
  });
});
