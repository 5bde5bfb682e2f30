import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ruleDocsUrl } from '../../rules/engine';
import { REPO_ROOT } from '../helpers/shared';
import { TEST_SERVER, TestClient, applyWorkspaceEdit, uriOf } from './lsp-client';

const ADD = 'dockerfile/add-instead-of-copy';
const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((diagnostic) => diagnostic.code);
const has = (code: string) => (params: PublishDiagnosticsParams) => codes(params).includes(code);
const lacks = (code: string) => (params: PublishDiagnosticsParams) => !codes(params).includes(code);

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'stridelint-lsp-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function codeActionsFor(client: TestClient, uri: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
  return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], ...(only ? { only } : {}) } });
}

describe('language server over stdio (dist/server.js)', () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = workspace({});
    client = await TestClient.start({ rootPath: root, settings: {} });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes a Dockerfile finding as a diagnostic: code, docs link, STRIDE category, exact range, version', async (t) => {
    const started = Date.now();
    const measured = await TestClient.start({ rootPath: root });
    const initialized = Date.now();
    const uri = uriOf(join(root, 'measure', 'Dockerfile'));
    await measured.open(uri, 'dockerfile', 'FROM alpine:3.20\nADD app.js /app\n');
    await measured.waitForDiagnostics(uri);
    t.diagnostic(`spawn → first diagnostics: ${Date.now() - started} ms; initialize → first diagnostics: ${Date.now() - initialized} ms`);
    await measured.stop();

    const file = uriOf(join(root, 'Dockerfile'));
    await client.open(file, 'dockerfile', 'FROM alpine:3.20\nRUN true\n  ADD app.js /app\n');
    const published = await client.waitForDiagnostics(file, has(ADD));
    assert.equal(published.version, 1);
    // Other Dockerfile rules may report on this file too: these assertions are about ADD's diagnostic.
    const adds = published.diagnostics.filter((diagnostic) => diagnostic.code === ADD);
    assert.equal(adds.length, 1);
    const [diagnostic] = adds;
    assert.equal(diagnostic.source, 'stridelint');
    assert.equal(diagnostic.severity, 2);
    assert.deepEqual(diagnostic.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 5 } });
    assert.equal(diagnostic.codeDescription?.href, ruleDocsUrl(ADD));
    assert.match(diagnostic.message, /^\[Tampering\] ADD /);
    assert.equal((diagnostic.data as { ruleId: string }).ruleId, ADD);
  });

  it('applies the preferred quick fix as a client would, and the diagnostic clears', async () => {
    const uri = uriOf(join(root, 'fix', 'Dockerfile'));
    const text = 'FROM alpine:3.20\nADD app.js /app\n';
    await client.open(uri, 'dockerfile', text);
    const published = await client.waitForDiagnostics(uri, has(ADD));
    const actions = await codeActionsFor(client, uri, published.diagnostics.find((diagnostic) => diagnostic.code === ADD)!);
    const preferred = actions.filter((action) => action.isPreferred);
    assert.equal(preferred.length, 1);
    assert.equal(preferred[0].title, 'Replace ADD with COPY');
    assert.ok(actions.some((action) => action.title === `Disable ${ADD} for this line`));
    assert.ok(actions.some((action) => action.title === `Show documentation for ${ADD}`));
    const fixed = applyWorkspaceEdit(text, preferred[0].edit!, uri);
    assert.equal(fixed, 'FROM alpine:3.20\nCOPY app.js /app\n');
    const since = client.published.length;
    await client.change(uri, 2, fixed);
    const after = await client.waitForDiagnostics(uri, (params) => params.version === 2, { since });
    assert.ok(lacks(ADD)(after));
  });

  it('clears the diagnostics of a closed file that is not on disk', async () => {
    const uri = uriOf(join(root, 'closing', 'Dockerfile'));
    await client.open(uri, 'dockerfile', 'FROM alpine:3.20\nADD a /a\n');
    await client.waitForDiagnostics(uri, has(ADD));
    const since = client.published.length;
    await client.close(uri);
    assert.deepEqual((await client.waitForDiagnostics(uri, () => true, { since })).diagnostics, []);
  });

  it('answers malformed requests and unknown documents with errors and keeps serving', async () => {
    await assert.rejects(client.request('textDocument/hover', {}), (error: { code: number }) => error.code === -32602);
    await assert.rejects(client.request('textDocument/codeAction', { textDocument: { uri: 'file:///nowhere/Dockerfile' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }), /unknown document/);
    await assert.rejects(client.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere/Dockerfile' }, position: { line: 0, character: 0 } }), /unknown document/);
    await assert.rejects(client.request('workspace/executeCommand', { command: 'stridelint.server.nope' }), /unknown command/);
    await assert.rejects(client.request('stridelint/noSuchRequest', {}), (error: { code: number }) => error.code === -32601);
    await assert.rejects(client.request('textDocument/codeAction', { textDocument: { uri: 42 } }), (error: { code: number }) => error.code === -32602);
    const uri = uriOf(join(root, 'alive', 'Dockerfile'));
    await client.open(uri, 'dockerfile', 'FROM alpine:3.20\nADD a /a\n');
    await client.waitForDiagnostics(uri, has(ADD));
  });

  it('serves over node IPC as well (how VS Code starts it)', async () => {
    const ipc = await TestClient.start({ transport: 'ipc' });
    try {
      const uri = uriOf(join(root, 'ipc', 'Dockerfile'));
      await ipc.open(uri, 'dockerfile', 'FROM alpine:3.20\nADD a /a\n');
      assert.ok(has(ADD)(await ipc.waitForDiagnostics(uri)));
    } finally {
      await ipc.stop();
    }
  });

  it('starts from the command line as `stridelint --stdio`', async () => {
    const viaCli = await TestClient.start({ server: join(REPO_ROOT, 'dist', 'cli.js') });
    try {
      const uri = uriOf(join(root, 'cli', 'Dockerfile'));
      await viaCli.open(uri, 'dockerfile', 'FROM alpine:3.20\nADD a /a\n');
      assert.ok(has(ADD)(await viaCli.waitForDiagnostics(uri)));
    } finally {
      await viaCli.stop();
    }
  });

  it('opens the documentation of a rule through window/showDocument', async () => {
    await client.request('workspace/executeCommand', { command: 'stridelint.server.showDocumentation', arguments: [ADD] });
    assert.deepEqual(client.shownDocuments, [ruleDocsUrl(ADD)]);
  });
});

describe('exact behaviour with a fixed rule set (add-instead-of-copy, a fixable test rule per kind, a rule that throws)', () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = workspace({});
    client = await TestClient.start({ server: TEST_SERVER, rootPath: root });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const cases = [
    { name: 'compose', path: 'compose.yaml', languageId: 'dockercompose', text: 'services:\n  web:\n    image: nginx\n    privileged: true\n', line: 3, character: 16, fixed: 'services:\n  web:\n    image: nginx\n    privileged: false\n' },
    { name: 'daemon', path: 'daemon.json', languageId: 'json', text: '{\n  "privileged": true\n}\n', line: 1, character: 16, fixed: '{\n  "privileged": false\n}\n' },
    { name: 'kubernetes', path: 'pod.yaml', languageId: 'yaml', text: 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      securityContext:\n        privileged: true\n', line: 6, character: 20, fixed: 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      securityContext:\n        privileged: false\n' },
  ];
  for (const kase of cases) {
    it(`${kase.name}: open, fix, change, close`, async () => {
      const uri = uriOf(join(root, kase.name, kase.path));
      const code = `${kase.name}/test-privileged`;
      await client.open(uri, kase.languageId, kase.text);
      const published = await client.waitForDiagnostics(uri, has(code));
      assert.deepEqual(published.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range]), [[code, { start: { line: kase.line, character: kase.character }, end: { line: kase.line, character: kase.character + 4 } }]]);
      assert.match(published.diagnostics[0].message, /^\[Elevation of privilege\] /);
      const actions = await codeActionsFor(client, uri, published.diagnostics[0]);
      const fixed = applyWorkspaceEdit(kase.text, actions.find((action) => action.isPreferred)!.edit!, uri);
      assert.equal(fixed, kase.fixed);
      let since = client.published.length;
      await client.change(uri, 2, fixed);
      assert.deepEqual((await client.waitForDiagnostics(uri, (params) => params.version === 2, { since })).diagnostics, []);
      since = client.published.length;
      await client.close(uri);
      assert.deepEqual((await client.waitForDiagnostics(uri, () => true, { since })).diagnostics, []);
    });
  }

  it('fixes all safe problems with one versioned TextDocumentEdit (source.fixAll.stridelint), and per rule', async () => {
    const uri = uriOf(join(root, 'all', 'Dockerfile'));
    const text = 'FROM alpine:3.20\nADD a /a\nADD b /b\n';
    await client.open(uri, 'dockerfile', text, 7);
    const published = await client.waitForDiagnostics(uri, (params) => codes(params).length === 2);
    const [fixAll] = await codeActionsFor(client, uri, published.diagnostics[0], ['source.fixAll']);
    assert.equal(fixAll.kind, 'source.fixAll.stridelint');
    assert.equal(fixAll.edit?.documentChanges?.length, 1);
    assert.deepEqual((fixAll.edit!.documentChanges![0] as { textDocument: unknown }).textDocument, { uri, version: 7 });
    assert.equal(applyWorkspaceEdit(text, fixAll.edit!, uri), 'FROM alpine:3.20\nCOPY a /a\nCOPY b /b\n');
    const quickFixes = await codeActionsFor(client, uri, published.diagnostics[0]);
    const perRule = quickFixes.find((action) => action.title === `Fix all ${ADD} problems in this file`);
    assert.equal(applyWorkspaceEdit(text, perRule!.edit!, uri), 'FROM alpine:3.20\nCOPY a /a\nCOPY b /b\n');
    const result = await client.request<{ applied: boolean }>('workspace/executeCommand', { command: 'stridelint.server.fixAll', arguments: [uri] });
    assert.equal(result.applied, true);
    assert.equal(applyWorkspaceEdit(text, client.appliedEdits.at(-1)!, uri), 'FROM alpine:3.20\nCOPY a /a\nCOPY b /b\n');
  });

  it('inserts suppression comments that silence the finding, for the line and for the file', async () => {
    const uri = uriOf(join(root, 'disable', 'Dockerfile'));
    const text = '# syntax=docker/dockerfile:1\nFROM alpine:3.20\n    ADD a /a\n';
    await client.open(uri, 'dockerfile', text);
    const published = await client.waitForDiagnostics(uri, has(ADD));
    const actions = await codeActionsFor(client, uri, published.diagnostics[0]);
    const forLine = applyWorkspaceEdit(text, actions.find((action) => action.title === `Disable ${ADD} for this line`)!.edit!, uri);
    assert.equal(forLine, `# syntax=docker/dockerfile:1\nFROM alpine:3.20\n    # stridelint-disable-next-line ${ADD}\n    ADD a /a\n`);
    const forFile = applyWorkspaceEdit(text, actions.find((action) => action.title === `Disable ${ADD} for this file`)!.edit!, uri);
    assert.equal(forFile, `# syntax=docker/dockerfile:1\n# stridelint-disable ${ADD}\nFROM alpine:3.20\n    ADD a /a\n`);
    let since = client.published.length;
    await client.change(uri, 2, forLine);
    assert.deepEqual((await client.waitForDiagnostics(uri, (params) => params.version === 2, { since })).diagnostics, []);
    since = client.published.length;
    await client.change(uri, 3, forFile);
    assert.deepEqual((await client.waitForDiagnostics(uri, (params) => params.version === 3, { since })).diagnostics, []);
  });

  it('never publishes a result for a version that was superseded while typing', async () => {
    const uri = uriOf(join(root, 'typing', 'Dockerfile'));
    const since = client.published.length;
    await client.open(uri, 'dockerfile', 'FROM alpine:3.20\n');
    // Typed in one burst (all changes written in the same tick, so they reach the server together, however
    // loaded the machine is): only the first and the last version may be published, and never out of order.
    const changes: Promise<void>[] = [];
    for (let version = 2; version <= 20; version++) changes.push(client.change(uri, version, `FROM alpine:3.20\n${'ADD a /a\n'.repeat(version)}`));
    await Promise.all(changes);
    const last = await client.waitForDiagnostics(uri, (params) => params.version === 20, { since });
    assert.equal(last.diagnostics.length, 20);
    const versions = client.published.slice(since).filter((params) => params.uri === uri).map((params) => params.version ?? 0);
    assert.deepEqual([...versions].sort((a, b) => a - b), versions, `published out of order: ${versions}`);
    for (const version of versions) assert.ok(version === 1 || version === 20, `published superseded version ${version} (all: ${versions})`);
  });

  it('hovers a flagged range with the rule, its STRIDE threat, references and remediation', async () => {
    const uri = uriOf(join(root, 'hover', 'Dockerfile'));
    await client.open(uri, 'dockerfile', 'FROM alpine:3.20\nADD a /a\n');
    await client.waitForDiagnostics(uri, has(ADD));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } });
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /Use COPY instead of ADD/);
    assert.match(value, /\*\*Tampering\*\*: Code or data can be changed/);
    assert.match(value, /CIS Docker Benchmark 1\.6\.0 §4\.9/);
    assert.match(value, /\*\*Fix:\*\*/);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } }), null);
  });

  it('YAML: "disable for this line" keeps the line’s indentation and silences the finding', async () => {
    const uri = uriOf(join(root, 'indent', 'compose.yaml'));
    const text = 'services:\n  web:\n    privileged: true\n';
    await client.open(uri, 'dockercompose', text);
    const published = await client.waitForDiagnostics(uri, has('compose/test-privileged'));
    const actions = await codeActionsFor(client, uri, published.diagnostics[0]);
    const disabled = applyWorkspaceEdit(text, actions.find((action) => action.title === 'Disable compose/test-privileged for this line')!.edit!, uri);
    assert.equal(disabled, 'services:\n  web:\n    # stridelint-disable-next-line compose/test-privileged\n    privileged: true\n');
    const since = client.published.length;
    await client.change(uri, 2, disabled);
    assert.deepEqual((await client.waitForDiagnostics(uri, (params) => params.version === 2, { since })).diagnostics, []);
  });

  it('daemon.json: "disable for this file" creates .stridelint.yaml with an override (it cannot hold comments)', async () => {
    const uri = uriOf(join(root, 'hosts', 'daemon.json'));
    await client.open(uri, 'json', '{ "privileged": true }\n');
    const published = await client.waitForDiagnostics(uri, has('daemon/test-privileged'));
    const actions = await codeActionsFor(client, uri, published.diagnostics[0]);
    assert.ok(!actions.some((action) => action.title.endsWith('for this line')));
    const disable = actions.find((action) => action.title === 'Disable daemon/test-privileged for this file in .stridelint.yaml');
    const changes = disable!.edit!.documentChanges!;
    const configUri = uriOf(join(root, '.stridelint.yaml'));
    assert.deepEqual(changes[0], { kind: 'create', uri: configUri, options: { ignoreIfExists: true } });
    assert.equal(applyWorkspaceEdit('', disable!.edit!, configUri), 'overrides:\n  - files: ["hosts/daemon.json"]\n    rules: { daemon/test-privileged: off }\n');
  });

  it('a rule that throws becomes one stridelint/internal-error diagnostic; the other rules still report', async () => {
    const uri = uriOf(join(root, 'boom', 'pod.yaml'));
    await client.open(uri, 'yaml', 'apiVersion: v1\nkind: Pod\nmetadata: { name: boom }\nspec:\n  containers:\n    - name: a\n      securityContext: { privileged: true }\n');
    const published = await client.waitForDiagnostics(uri, has('stridelint/internal-error'));
    assert.deepEqual(codes(published).sort(), ['kubernetes/test-privileged', 'stridelint/internal-error']);
    const internal = published.diagnostics.find((diagnostic) => diagnostic.code === 'stridelint/internal-error')!;
    assert.match(internal.message, /^\[Tampering\] Rule kubernetes\/test-throws failed on this file \(Error: boom\)/);
  });
});

describe('workspace: scan, watchers, configuration', () => {
  let root: string;
  let client: TestClient;
  const settings = { exclude: ['excluded/**'] };
  before(async () => {
    root = workspace({
      'Dockerfile': 'FROM alpine:3.20\nADD a /a\n',
      'services/api/Dockerfile': 'FROM alpine:3.20\nADD b /b\nADD c /c\n',
      'services/clean/Dockerfile': 'FROM alpine:3.20\nCOPY b /b\n',
      'excluded/Dockerfile': 'FROM alpine:3.20\nADD a /a\n',
      'hidden/Dockerfile': 'FROM alpine:3.20\nADD a /a\n',
      'node_modules/pkg/Dockerfile': 'FROM alpine:3.20\nADD a /a\n',
      'vendor/Dockerfile': 'FROM alpine:3.20\nADD a /a\n',
      'notes.yaml': 'just: yaml\n',
      '.stridelint.yaml': 'ignore: ["vendor/**"]\n',
    });
    client = await TestClient.start({ server: TEST_SERVER, rootPath: root, settings, filesExclude: { '**/hidden': true } });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes for files that are not open, honouring files.exclude, stridelint.exclude and the config ignore, with progress', async () => {
    const summary = await client.request<{ files: number; filesWithFindings: number; findings: number; cancelled: boolean }>('stridelint/scanWorkspace', null);
    // The test server runs its own rules, so the scan stays in the server's thread (worker threads run the bundled registry).
    assert.deepEqual({ ...summary, milliseconds: undefined }, { files: 3, filesWithFindings: 2, findings: 3, cancelled: false, milliseconds: undefined, workers: 0, fromCache: 0, workerPeakHeapMiB: 0 });
    const uris = new Set(client.published.map((params) => params.uri));
    assert.ok(uris.has(uriOf(join(root, 'Dockerfile'))));
    assert.equal(client.published.find((params) => params.uri === uriOf(join(root, 'services/api/Dockerfile')))?.diagnostics.length, 2);
    for (const path of ['excluded/Dockerfile', 'hidden/Dockerfile', 'node_modules/pkg/Dockerfile', 'vendor/Dockerfile', 'services/clean/Dockerfile']) assert.ok(!uris.has(uriOf(join(root, path))), path);
    assert.equal(client.progressTokens.length, 1);
    const kinds = client.progress.filter((entry) => entry.token === client.progressTokens[0]).map((entry) => entry.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
    assert.equal(client.progress.find((entry) => entry.value.kind === 'begin')?.value.cancellable, true);
  });

  it('stops a scan when the client cancels its progress', async () => {
    const FILES = 3000;
    // Enough files that the scan outlasts the client's cancel on a loaded machine (two workers lint 300 in ≈ 0.2 s,
    // less than a busy test process took to answer the progress with its cancel).
    const big = workspace(Object.fromEntries(Array.from({ length: FILES }, (_, index) => [`app${index}/Dockerfile`, 'FROM alpine:3.20\nADD a /a\n'])));
    const scanner = await TestClient.start({ server: TEST_SERVER, rootPath: big });
    try {
      scanner.connection.onNotification('$/progress', (params: { token: string | number; value: { kind: string } }) => {
        scanner.progress.push(params as TestClient['progress'][number]);
        if (params.value.kind === 'begin') void scanner.connection.sendNotification('window/workDoneProgress/cancel', { token: params.token });
      });
      const summary = await scanner.request<{ files: number; cancelled: boolean }>('stridelint/scanWorkspace', null);
      assert.equal(summary.cancelled, true);
      assert.ok(summary.files < FILES, `scanned ${summary.files} of ${FILES} files`);
      assert.equal(scanner.progress.at(-1)?.value.kind, 'end');
    } finally {
      await scanner.stop();
      rmSync(big, { recursive: true, force: true });
    }
  });

  it('re-lints files created or changed on disk and clears deleted ones (file watchers)', async () => {
    const path = join(root, 'new', 'Dockerfile');
    mkdirSync(join(root, 'new'));
    writeFileSync(path, 'FROM alpine:3.20\nADD a /a\n');
    let since = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path), type: 1 }] });
    assert.equal((await client.waitForDiagnostics(uriOf(path), has(ADD), { since })).diagnostics.length, 1);
    unlinkSync(path);
    since = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path), type: 3 }] });
    assert.deepEqual((await client.waitForDiagnostics(uriOf(path), () => true, { since })).diagnostics, []);
  });

  it('re-lints open documents when .stridelint.yaml changes; an invalid config is one diagnostic on that file, not a crash', async () => {
    const uri = uriOf(join(root, 'Dockerfile'));
    await client.open(uri, 'dockerfile', 'FROM alpine:3.20\nADD a /a\n');
    await client.waitForDiagnostics(uri, (params) => params.version === 1 && has(ADD)(params));
    const configPath = join(root, '.stridelint.yaml');
    const configUri = uriOf(configPath);
    const changed = async (text: string) => {
      writeFileSync(configPath, text);
      const since = client.published.length;
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
      return since;
    };
    let since = await changed(`ignore: ["vendor/**"]\nrules:\n  ${ADD}: off\n`);
    await client.waitForDiagnostics(uri, lacks(ADD), { since });
    since = await changed('rules:\n  dockerfile/add-instead-of-cpy: off\n');
    const invalid = await client.waitForDiagnostics(configUri, (params) => params.diagnostics.length > 0, { since });
    assert.equal(invalid.diagnostics.length, 1);
    assert.match(invalid.diagnostics[0].message, /^Invalid stridelint configuration: unknown rule "dockerfile\/add-instead-of-cpy" \(did you mean "dockerfile\/add-instead-of-copy"\?\)/);
    assert.deepEqual(invalid.diagnostics[0].range.start, { line: 1, character: 2 });
    await client.waitForDiagnostics(uri, has(ADD), { since });
    since = await changed('ignore: ["vendor/**"]\n');
    await client.waitForDiagnostics(configUri, (params) => params.diagnostics.length === 0, { since });
  });

  it('says clearly what is wrong with malformed settings and goes on with the rest', async () => {
    client.settings = { enable: 'yes', rules: { [ADD]: 'loud', 'dockerfile/nope': 'off' }, categories: { tampering: false, sneaky: true }, exclude: 'all' };
    const uri = uriOf(join(root, 'Dockerfile'));
    const since = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    // tampering is hidden: the ADD finding goes, the document is still linted.
    await client.waitForDiagnostics(uri, (params) => params.diagnostics.length === 0, { since });
    const text = client.messages.join('\n');
    assert.match(text, /"stridelint\.enable" must be true or false/);
    assert.match(text, /sets dockerfile\/add-instead-of-copy to "loud"/);
    assert.match(text, /unknown rule "dockerfile\/nope"/);
    assert.match(text, /unknown category "sneaky"/);
    assert.match(text, /"stridelint\.exclude" must be a list/);
    client.settings = settings;
    const restored = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    // Settled: the open document shows tampering again (and the rescan this change starts has begun).
    await client.waitForDiagnostics(uri, has(ADD), { since: restored });
  });

  it('clears what an earlier scan published once the folder is excluded by a settings change', async () => {
    const api = uriOf(join(root, 'services/api/Dockerfile'));
    await client.request('stridelint/scanWorkspace', null);
    assert.equal(client.published.filter((params) => params.uri === api).at(-1)?.diagnostics.length, 2);
    client.settings = { exclude: ['excluded/**', 'services/**'] };
    const since = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(api, (params) => params.diagnostics.length === 0, { since });
    client.settings = settings;
  });
});
