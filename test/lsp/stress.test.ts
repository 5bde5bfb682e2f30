// The language server under stress, over stdio (dist/server.js as shipped): floods of edits, stale versions,
// requests for documents never opened, malformed params, a rule that throws and a parser that overflows the
// stack. Whatever the client sends, the server stays up, answers every request and never publishes a stale
// version after a newer one. No fixed sleeps: every wait is on a notification or a response, with a timeout.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { lintFile } from '../../rules/registry-lint';
import { indexOfTexts } from '../../rules/engine';
import { TEST_SERVER, TestClient, uriOf } from './lsp-client';

const INVALID_PARAMS = -32602;

/** A Role and a Deployment: `verbs` is the line the edits toggle between a safe and a wildcard grant. */
function piece(i: number): string {
  return `---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader-${i}
  namespace: shop
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get"]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: { app: web-${i} }
  template:
    metadata:
      labels: { app: web-${i} }
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.${i}
          securityContext:
            privileged: false
            readOnlyRootFilesystem: true
          resources:
            limits: { cpu: 500m, memory: 256Mi }
`;
}

/** A multi-document manifest of about 2,000 lines, and the line numbers of its `verbs:` entries. */
function largeManifest(): { text: string; verbLines: number[] } {
  const text = Array.from({ length: 65 }, (_, i) => piece(i)).join('');
  const verbLines = text.split('\n').flatMap((line, index) => (line.startsWith('    verbs: ') ? [index] : []));
  return { text, verbLines };
}

const shape = (diagnostics: Array<{ code?: unknown; range: Diagnostic['range'] }>) =>
  diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();

/** What the engine reports on the text, as the server would publish it (rule id and range). */
function expected(text: string, path: string): string[] {
  // The server lints an open file against the workspace index, which holds that file's facts.
  return shape(lintFile(text, path, { workspace: { index: indexOfTexts({ [path]: text }).view() } }).findings.map((finding) => ({ code: finding.ruleId, range: finding.range })));
}

function publishedFor(client: TestClient, uri: string): PublishDiagnosticsParams[] {
  return client.published.filter((params) => params.uri === uri);
}

/** A request the server must still answer: proves it is up and its queue has drained past earlier messages. */
async function assertAnswers(client: TestClient, uri: string): Promise<void> {
  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  assert.ok(hover === null || typeof hover === 'object');
  assert.equal(client.process.exitCode, null, `the server exited:\n${client.stderr.join('')}`);
}

async function rejectsWith(promise: Promise<unknown>, code: number): Promise<void> {
  await assert.rejects(promise, (error: { code?: number }) => {
    assert.equal(error.code, code);
    return true;
  });
}

describe('language server under stress (dist/server.js over stdio)', () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'stridelint-stress-'));
    client = await TestClient.start({ rootPath: root, settings: {} });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('1,000 rapid edits of a 2,000-line manifest: versions only go up, the last one is published and correct', { timeout: 120000 }, async () => {
    const path = join(root, 'shop.yaml');
    const uri = uriOf(path);
    const { text, verbLines } = largeManifest();
    assert.ok(text.split('\n').length >= 2000);
    const lines = text.split('\n');
    const texts = new Map<number, string>([[1, text]]);
    await client.open(uri, 'yaml', text, 1);
    await client.waitForDiagnostics(uri, (params) => params.version === 1, { timeoutMs: 30000 });
    // Edit n flips the verbs of Role n mod 65 between ["get"] and ["*"] (an RBAC wildcard), as incremental changes.
    for (let n = 0; n < 1000; n++) {
      const line = verbLines[n % verbLines.length];
      const from = lines[line].slice('    verbs: '.length);
      const to = from === '["get"]' ? '["*"]' : '["get"]';
      lines[line] = `    verbs: ${to}`;
      const version = n + 2;
      texts.set(version, lines.join('\n'));
      const change: TextDocumentContentChangeEvent = { range: { start: { line, character: 11 }, end: { line, character: 11 + from.length } }, text: to };
      void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    }
    const final = await client.waitForDiagnostics(uri, (params) => params.version === 1001, { timeoutMs: 60000 });
    await assertAnswers(client, uri);

    const versions = publishedFor(client, uri).map((params) => params.version as number);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `a stale version was published after a newer one: ${versions.join(', ')}`);
    assert.equal(versions.at(-1), 1001, 'nothing is published after the final version');
    // Every publication is right for the text of the version it names (the wildcards differ from version to version).
    for (const params of publishedFor(client, uri)) assert.deepEqual(shape(params.diagnostics), expected(texts.get(params.version as number)!, path), `version ${params.version}`);
    // 1,000 edits over 65 Roles: Roles 0–24 were flipped 16 times (back to "get"), the other 40 Roles 15 times.
    assert.equal(lines.filter((line) => line === '    verbs: ["*"]').length, 40);
    assert.equal(final.diagnostics.filter((d) => d.code === 'kubernetes/rbac-wildcard').length, 40);
    await client.close(uri);
  });

  it('stale and out-of-order versions: the server follows the client’s changes in order and labels each publication with its version', { timeout: 60000 }, async () => {
    const path = join(root, 'role.yaml');
    const uri = uriOf(path);
    const wildcard = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: { name: a }\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["*"]\n';
    const safe = wildcard.replace('["*"]', '["get"]');
    await client.open(uri, 'yaml', wildcard, 1);
    await client.waitForDiagnostics(uri, (params) => params.version === 1);
    await client.change(uri, 5, safe);
    const five = await client.waitForDiagnostics(uri, (params) => params.version === 5);
    assert.deepEqual(shape(five.diagnostics), expected(safe, path));
    // A client bug: version 3 after version 5. Its text is what the client now shows, so that is what is linted.
    await client.change(uri, 3, wildcard);
    const three = await client.waitForDiagnostics(uri, (params) => params.version === 3);
    assert.deepEqual(shape(three.diagnostics), expected(wildcard, path));
    assert.ok(three.diagnostics.some((d) => d.code === 'kubernetes/rbac-wildcard'));
    // A repeated version number, then the stream goes on.
    await client.change(uri, 3, safe);
    await client.change(uri, 6, wildcard);
    const six = await client.waitForDiagnostics(uri, (params) => params.version === 6);
    assert.deepEqual(shape(six.diagnostics), expected(wildcard, path));
    // A change for a document that was never opened is ignored.
    await client.change(uriOf(join(root, 'never-opened.yaml')), 2, wildcard);
    await assertAnswers(client, uri);
    assert.equal(publishedFor(client, uriOf(join(root, 'never-opened.yaml'))).length, 0);
    await client.close(uri);
  });

  it('requests for documents never opened are refused with InvalidParams, and the server goes on', async () => {
    const uri = uriOf(join(root, 'not-open.yaml'));
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    await rejectsWith(client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), INVALID_PARAMS);
    await rejectsWith(client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } }), INVALID_PARAMS);
    await rejectsWith(client.request('workspace/executeCommand', { command: 'stridelint.server.fixAll', arguments: [uri] }), INVALID_PARAMS);
    const open = uriOf(join(root, 'open.yaml'));
    await client.open(open, 'yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n');
    await client.waitForDiagnostics(open);
    await assertAnswers(client, open);
    await client.close(open);
  });

  it('invalid params: malformed ranges, missing fields and wrong types get an answer (a result or an error), never a crash', { timeout: 60000 }, async () => {
    const path = join(root, 'bad-params.yaml');
    const uri = uriOf(path);
    const text = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: a }\nrules:\n  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n';
    await client.open(uri, 'yaml', text);
    const { diagnostics } = await client.waitForDiagnostics(uri, (params) => params.diagnostics.length > 0);
    const good = diagnostics[0];
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const requests: Array<[string, string, unknown]> = [
      ['hover without a position', 'textDocument/hover', { textDocument: { uri } }],
      ['hover with a string line', 'textDocument/hover', { textDocument: { uri }, position: { line: 'one', character: {} } }],
      ['hover without textDocument', 'textDocument/hover', { position: { line: 0, character: 0 } }],
      ['hover with a numeric uri', 'textDocument/hover', { textDocument: { uri: 7 }, position: { line: 0, character: 0 } }],
      ['hover far past the end', 'textDocument/hover', { textDocument: { uri }, position: { line: 1e9, character: -5 } }],
      ['codeAction with an inverted, negative range', 'textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 9, character: 0 }, end: { line: -1, character: 'x' } }, context: { diagnostics: [] } }],
      ['codeAction without context', 'textDocument/codeAction', { textDocument: { uri }, range: zero }],
      ['codeAction with junk diagnostics', 'textDocument/codeAction', { textDocument: { uri }, range: zero, context: { diagnostics: [null, 5, { code: 'x' }, { ...good, range: 'x' }] } }],
      ['codeAction with `only` not an array', 'textDocument/codeAction', { textDocument: { uri }, range: good.range, context: { diagnostics: [good], only: 'quickfix' } }],
      ['codeAction without textDocument', 'textDocument/codeAction', { range: zero }],
      ['fixAll with a number', 'workspace/executeCommand', { command: 'stridelint.server.fixAll', arguments: [42] }],
      ['showDocumentation with an object', 'workspace/executeCommand', { command: 'stridelint.server.showDocumentation', arguments: [{}] }],
      ['an unknown command', 'workspace/executeCommand', { command: 'no.such.command' }],
      ['an unknown method', 'stridelint/noSuchRequest', {}],
    ];
    for (const [label, method, params] of requests) {
      const answer = await client.request(method, params).then(
        (result) => ({ result }),
        (error: { code?: number }) => ({ code: error.code }),
      );
      assert.ok('result' in answer || typeof answer.code === 'number', label);
      if ('code' in answer) assert.notEqual(answer.code, -32603, `${label}: an internal error, not a refusal`);
    }
    // Malformed notifications: a change with ranges past the end and inverted, without changes, with no params,
    // an open with a numeric uri. None may take the server down.
    const notifications: Array<[string, unknown]> = [
      ['textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 100, character: 0 }, end: { line: 200, character: 5 } }, text: '# appended\n' }] }],
      ['textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 3, character: 9 }, end: { line: 1, character: 0 } }, text: '' }] }],
      ['textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: null }],
      ['textDocument/didChange', { textDocument: { uri, version: 'x' }, contentChanges: [{ text }] }],
      ['textDocument/didChange', {}],
      ['textDocument/didOpen', { textDocument: { uri: 5, languageId: 'yaml', version: 1, text } }],
      ['textDocument/didOpen', {}],
      ['textDocument/didClose', { textDocument: { uri: uriOf(join(root, 'never.yaml')) } }],
    ];
    for (const [method, params] of notifications) await client.connection.sendNotification(method, params);
    await assertAnswers(client, uri);
    // Still linting: the document is set back to its text and published for the new version.
    await client.change(uri, 10, text);
    const again = await client.waitForDiagnostics(uri, (params) => params.version === 10);
    assert.deepEqual(shape(again.diagnostics), expected(text, path));
    await client.close(uri);
  });

  it('a document that overflows the parser’s stack gets one finding, and the server goes on', { timeout: 60000 }, async () => {
    const path = join(root, 'deep.yaml');
    const uri = uriOf(path);
    const deep = `apiVersion: v1\nkind: Pod\nmetadata: { name: deep }\nspec: ${'{a: '.repeat(20000)}1${'}'.repeat(20000)}\n`;
    await client.open(uri, 'yaml', deep);
    const first = await client.waitForDiagnostics(uri, (params) => params.version === 1, { timeoutMs: 30000 });
    assert.deepEqual(first.diagnostics.map((d) => d.code), ['stridelint/parse-error']);
    assert.match(first.diagnostics[0].message, /too deep/);
    await client.change(uri, 2, deep);
    const second = await client.waitForDiagnostics(uri, (params) => params.version === 2, { timeoutMs: 30000 });
    assert.deepEqual(second.diagnostics.map((d) => d.code), ['stridelint/parse-error']);
    await assertAnswers(client, uri);
    await client.close(uri);
  });
});

// The shipped bundle has no way to add a rule (and must not); the rule that throws lives in the test-only server
// (test/lsp/fixtures/test-server.ts: the same startServer with test rules added). Engine-level isolation is
// covered by test/engine; here, over the protocol, with several documents and many versions.
describe('a rule that throws, over the protocol (test-only server)', () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'stridelint-stress-throw-'));
    client = await TestClient.start({ server: TEST_SERVER, rootPath: root, settings: {} });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('is reported once per document and version, the other rules still report, and the server answers throughout', { timeout: 60000 }, async () => {
    const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: { name: ${name} }\nspec:\n  containers:\n    - name: a\n      securityContext: { privileged: true }\n`;
    const uris = Array.from({ length: 5 }, (_, i) => uriOf(join(root, `pod-${i}.yaml`)));
    for (const [i, uri] of uris.entries()) await client.open(uri, 'yaml', pod(i % 2 === 0 ? 'boom' : 'calm'));
    for (let version = 2; version <= 4; version++) for (const [i, uri] of uris.entries()) await client.change(uri, version, pod(i % 2 === 0 ? `boom-${version}` : `calm-${version}`));
    for (const [i, uri] of uris.entries()) {
      const last = await client.waitForDiagnostics(uri, (params) => params.version === 4, { timeoutMs: 30000 });
      const internal = last.diagnostics.filter((d) => d.code === 'stridelint/internal-error');
      assert.equal(internal.length, i % 2 === 0 ? 1 : 0, uri);
      assert.ok(last.diagnostics.some((d) => d.code === 'kubernetes/test-privileged'), 'the other rules still report');
      for (const params of publishedFor(client, uri)) assert.ok(params.diagnostics.filter((d) => d.code === 'stridelint/internal-error').length <= 1, `${uri} v${params.version}`);
      await assertAnswers(client, uri);
    }
  });
});
