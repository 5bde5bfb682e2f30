import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { toDiagnostic } from '../../server/lsp/convert';
import { keepJson, keepMovedJson, messageBytes, messageFrame, publishParamsOfJson } from '../../server/lsp/message-json';

// Real findings whose messages quote the user's text: unicode service names, quotes, backslashes, control characters.
const COMPOSE = 'services:\n  "wéb-\\"ü\\"-☃":\n    image: "nginx\\t:latest"\n    privileged: true\n    user: root\n  "𝔡b\\\\x":\n    image: postgres\n    network_mode: host\n';
const { findings, kind } = lintFile(COMPOSE, '/ws/app/compose.yaml');

/** A finding with related places in this file and another (paths with spaces and non-ASCII letters). */
const related: Finding = {
  ...findings[0],
  message: 'Line\u2028separator, lone surrogate \ud800, "quotes", tab\t, NUL \u0000 and emoji 🐳',
  related: [
    { path: '/ws/app/compose.yaml', range: { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } }, message: 'the service "wéb"' },
    { path: '/ws/my app/Dockerfile ü', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, message: 'USER root \\ here' },
  ],
};

function publish(diagnostics: unknown[], version?: number): unknown {
  const params = { uri: 'file:///ws/app/comp%C3%B6se.yaml', ...(version !== undefined ? { version } : {}), diagnostics };
  return { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params };
}

function kept(finding: Finding): Diagnostic {
  const diagnostic = toDiagnostic(finding, kind);
  keepJson(diagnostic);
  return diagnostic;
}

/** What the library's writer sends for a message. */
const expected = (message: unknown) => Buffer.from(JSON.stringify(message), 'utf-8');

describe('messages written from kept diagnostic JSON', () => {
  it('the compose text gives findings with the quoted names (the fixture is real)', () => {
    assert.ok(findings.length >= 3, `findings: ${findings.map((finding) => finding.ruleId).join(', ')}`);
    assert.ok(findings.some((finding) => /[^\x00-\x7f]/.test(finding.message)), 'a message quotes a non-ASCII name');
  });

  it('writes exactly the bytes of JSON.stringify in UTF-8: kept, fresh and mixed diagnostics, with and without a version', () => {
    const all = [...findings.map(kept), kept(related)];
    const fresh = findings.map((finding) => toDiagnostic(finding, kind));
    const configProblem = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 1, source: 'stridelint', message: 'bad "config" ☃' };
    for (const message of [publish(all, 7), publish(all), publish([...fresh, all[0], configProblem], 2), publish(fresh, 3), publish([], 4), publish([all[1]], 0)]) {
      const bytes = messageBytes(message);
      assert.equal(bytes.toString('utf-8'), JSON.stringify(message));
      assert.ok(bytes.equals(expected(message)));
    }
  });

  it('frames a message in one buffer: a header whose Content-Length counts the body\'s bytes, then the body', () => {
    const all = [...findings.map(kept), kept(related)];
    const edited = [...all.slice(0, 2), toDiagnostic(findings[2], kind), ...all.slice(3)];
    // Stringified whole, assembled from kept JSON, then from the runs of the same document's last frame.
    for (const message of [{ jsonrpc: '2.0', id: 1, result: { note: 'non-ASCII ☃ 🐳' } }, publish(all, 1), publish(edited, 2), publish(all, 3)]) {
      const body = expected(message);
      assert.ok(messageFrame(message).equals(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body])), JSON.stringify(message));
    }
  });

  it('uses the kept JSON (a kept diagnostic is serialised once, however often it is published)', () => {
    const diagnostic = kept(findings[0]);
    const before = messageBytes(publish([diagnostic], 1));
    // Changed behind the cache's back (which callers must not do): the kept JSON shows the cache was read.
    diagnostic.message = 'changed';
    assert.ok(messageBytes(publish([diagnostic], 1)).equals(before));
    assert.ok(!expected(publish([diagnostic], 1)).equals(before));
  });

  it('stringifies whole any shape it does not know: other methods, keys after params or diagnostics, odd elements', () => {
    const diagnostic = kept(findings[0]);
    const odd: unknown[] = [
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x' } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { diagnostics: [diagnostic], uri: 'file:///a' } },
      { jsonrpc: '2.0', params: { uri: 'file:///a', diagnostics: [diagnostic] }, method: 'textDocument/publishDiagnostics' },
      publish([diagnostic, undefined]),
      publish([diagnostic, null, 3]),
      publish([diagnostic, { toJSON: () => 'x' }]),
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', skipped: undefined, diagnostics: [diagnostic] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { skipped: undefined, diagnostics: [diagnostic] } },
      { jsonrpc: '2.0', id: 1, result: null },
      'text',
      null,
    ];
    for (const message of odd) assert.ok(messageBytes(message).equals(expected(message)), JSON.stringify(message));
  });

  it('equals JSON.stringify publish after publish of one document while runs of it are copied from the last body', () => {
    // A seeded sequence: diagnostics replaced, inserted, removed at the start, middle and end; fresh and kept ones
    // mixed; another document's publishes interleaved (each document's last body is its own).
    let seed = 17;
    const random = (below: number) => ((seed = (seed * 48271) % 2147483647) % below); // Park-Miller: exact in doubles
    const pool = [...findings, related];
    const diagnosticOf = () => {
      const finding = pool[random(pool.length)];
      return random(4) === 0 ? toDiagnostic(finding, kind) : kept(finding);
    };
    let list: unknown[] = Array.from({ length: 30 }, diagnosticOf);
    const other = (version: number) => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///ws/other.yaml', version, diagnostics: list.slice(0, 3) } });
    for (let version = 1; version <= 300; version++) {
      const at = random(list.length + 1);
      const change = random(5);
      if (change === 0) list = [...list.slice(0, at), diagnosticOf(), ...list.slice(at)];
      else if (change === 1) list = [...list.slice(0, at), ...list.slice(at + 1 + random(3))];
      else if (change === 2) list = list.map((diagnostic, index) => (index === at ? diagnosticOf() : diagnostic));
      else if (change === 3) list = [...list]; // nothing changed
      else list = random(2) === 0 ? [diagnosticOf(), ...list.slice(1)] : [...list.slice(0, -1), diagnosticOf()];
      if (version % 50 === 0) list = version % 100 === 0 ? [] : Array.from({ length: 30 }, diagnosticOf);
      for (const message of [publish(list, version), ...(version % 7 === 0 ? [other(version)] : [])]) {
        assert.ok(messageBytes(message).equals(expected(message)), `version ${version}`);
      }
    }
  });

  it('derives a moved diagnostic\'s JSON (another range) from the kept JSON of the one it moved from, exactly', () => {
    for (const finding of [...findings, related]) {
      const before = kept(finding);
      for (const lines of [1, 9, 120, -1]) {
        const range = { start: { line: finding.range.start.line + lines + 1, character: finding.range.start.character }, end: { line: finding.range.end.line + lines + 1, character: finding.range.end.character } };
        const moved = { ...before, range };
        assert.ok(keepMovedJson(moved, before));
        const message = publish([moved], lines);
        assert.ok(messageBytes(message).equals(expected(message)), `${finding.ruleId} moved by ${lines}`);
      }
    }
    const fresh = toDiagnostic(findings[0], kind);
    assert.equal(keepMovedJson({ ...fresh, range: related.range }, fresh), false, 'nothing kept: nothing derived');
  });
});

describe('publishes whose diagnostics are kept as the JSON of their array (a closed file from the scan cache)', () => {
  const all = [...findings, related].map((finding) => toDiagnostic(finding, kind));
  const wrapped = (params: unknown) => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params });

  it('frames byte for byte what JSON.stringify writes, from text or UTF-8 bytes, empty or not', () => {
    for (const diagnostics of [all, [], [all[0]]]) {
      const text = JSON.stringify(diagnostics);
      for (const json of [text, Buffer.from(text, 'utf-8')]) {
        const params = publishParamsOfJson('file:///ws/app/comp%C3%B6se.yaml', json);
        const message = wrapped(params);
        assert.deepEqual(messageBytes(message), expected({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: params.uri, diagnostics } }));
        const frame = messageFrame(message);
        const body = messageBytes(message);
        assert.equal(frame.toString('latin1', 0, frame.length - body.length), `Content-Length: ${body.length}\r\n\r\n`);
      }
    }
  });

  it('its diagnostics property parses the kept JSON for any other reader (another transport, a trace)', () => {
    const params = publishParamsOfJson('file:///ws/a.yaml', JSON.stringify(all));
    assert.deepEqual(params.diagnostics, JSON.parse(JSON.stringify(all)));
    assert.equal(JSON.stringify(wrapped(params)), JSON.stringify(wrapped({ uri: 'file:///ws/a.yaml', diagnostics: all })));
  });

  it('a message of another shape around such params is stringified whole (the getter reads the JSON)', () => {
    const params = publishParamsOfJson('file:///ws/a.yaml', JSON.stringify(all));
    const paramsFirst = { params, jsonrpc: '2.0', method: 'textDocument/publishDiagnostics' };
    assert.deepEqual(messageBytes(paramsFirst), expected(paramsFirst));
  });
});
