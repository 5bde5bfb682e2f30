// stridelint in a real VS Code: diagnostics per kind, a quick fix, fix-all, a suppression, settings and the
// workspace scan, exercised through VS Code's own API the way the editor's UI uses it. The workspace is a
// temporary copy of test/e2e/fixtures/workspace, so the tests may edit its files.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { plain, waitForDiagnostics, waitForText, workspaceUri, open, codeActions, codesOf } = require('./helpers.cjs');

const ADD = 'dockerfile/add-instead-of-copy';
const tampering = (range) => ({ code: ADD, severity: 'warning', range, stride: 'Tampering' });
const lines = (text) => text.split('\n');

describe('stridelint in VS Code', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension('stridelint.stridelint');
    assert.ok(extension, 'the stridelint extension is loaded from extensionDevelopmentPath');
    await extension.activate();
  });

  it('lists findings of a file that was never opened, after the workspace scan', async () => {
    const uri = workspaceUri('services', 'worker', 'Dockerfile');
    const diagnostics = await waitForDiagnostics(uri, (found) => found.length > 0, 'the scan of an unopened Dockerfile');
    assert.deepEqual(diagnostics.map(plain), [tampering('3:1-3:4')]);
    assert.ok(!vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString()), 'the file was never opened');
  });

  it('Dockerfile: each local ADD is a Tampering warning on the ADD keyword', async () => {
    const document = await open('Dockerfile');
    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.length === 4, 'four findings');
    assert.deepEqual(diagnostics.map(plain), [tampering('4:1-4:4'), tampering('5:1-5:4'), tampering('6:1-6:4'), tampering('7:1-7:4')]);
    assert.match(diagnostics[0].message, /^\[Tampering\] ADD copies local "config\.ini"; COPY does the same/);
  });

  it('compose file: a YAML syntax error is a parse-error at the end of the broken flow sequence', async () => {
    const document = await open('compose.yaml');
    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.length > 0, 'a parse error');
    assert.deepEqual(diagnostics.map(plain), [{ code: 'stridelint/parse-error', severity: 'error', range: '7:1-7:1', stride: 'Denial of service' }]);
    assert.match(diagnostics[0].message, /YAML syntax error/);
  });

  it('daemon.json: invalid JSON (a missing comma) is a parse-error on the key where the comma was expected', async () => {
    const document = await open('docker', 'daemon.json');
    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.length > 0, 'a parse error');
    assert.deepEqual(diagnostics.map(plain), [{ code: 'stridelint/parse-error', severity: 'error', range: '3:3-3:8', stride: 'Denial of service' }]);
    assert.match(diagnostics[0].message, /^\[Denial of service\] daemon\.json is not valid JSON\b.*dockerd/);
  });

  it('Kubernetes manifest: "*" in a Role\'s resources is an Elevation of privilege warning on the "*"', async () => {
    const document = await open('k8s', 'rbac.yaml');
    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.length > 0, 'the wildcard finding');
    assert.deepEqual(diagnostics.map(plain), [{ code: 'kubernetes/rbac-wildcard', severity: 'warning', range: '8:17-8:20', stride: 'Elevation of privilege' }]);
  });

  it('a quick fix from the code action provider replaces ADD with COPY and clears its diagnostic', async () => {
    const document = await open('Dockerfile');
    const [first] = await waitForDiagnostics(document.uri, (found) => found.length === 4, 'four findings');
    const actions = await codeActions(document.uri, first.range);
    const fix = actions.find((action) => action.title === 'Replace ADD with COPY');
    assert.ok(fix, `a "Replace ADD with COPY" action among ${JSON.stringify(actions.map((action) => action.title))}`);
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.kind.value, 'quickfix');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const text = await waitForText(document, (current) => current.includes('COPY config.ini'), 'the fixed line');
    assert.equal(lines(text)[3], 'COPY config.ini /etc/app/');
    assert.equal(lines(text)[2], 'ADD app.tar.gz /opt/', 'other lines are untouched');
    const after = await waitForDiagnostics(document.uri, (found) => found.length === 3, 'three findings');
    assert.deepEqual(after.map(plain), [tampering('5:1-5:4'), tampering('6:1-6:4'), tampering('7:1-7:4')]);
  });

  it('"Disable … for this line" inserts a suppression comment and the finding goes away', async () => {
    const document = await open('Dockerfile');
    const [first] = await waitForDiagnostics(document.uri, (found) => found.length === 3, 'three findings');
    const actions = await codeActions(document.uri, first.range);
    const disable = actions.find((action) => action.title === `Disable ${ADD} for this line`);
    assert.ok(disable, `a disable action among ${JSON.stringify(actions.map((action) => action.title))}`);
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    const text = await waitForText(document, (current) => current.includes('stridelint-disable-next-line'), 'the suppression comment');
    assert.deepEqual(lines(text).slice(4, 6), [`# stridelint-disable-next-line ${ADD}`, 'ADD entrypoint.sh /usr/local/bin/']);
    const after = await waitForDiagnostics(document.uri, (found) => found.length === 2, 'two findings');
    assert.deepEqual(after.map(plain), [tampering('7:1-7:4'), tampering('8:1-8:4')], 'no unused-suppression either');
  });

  it('source.fixAll.stridelint applies every safe fix of the file at once', async () => {
    const document = await open('Dockerfile');
    await waitForDiagnostics(document.uri, (found) => found.length === 2, 'two findings');
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = await codeActions(document.uri, whole, 'source.fixAll.stridelint');
    assert.deepEqual(actions.map((action) => [action.title, action.kind?.value]), [['Fix all safe stridelint problems', 'source.fixAll.stridelint']]);
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit));
    const text = await waitForText(document, (current) => current.includes('COPY health.sh'), 'both fixes');
    assert.deepEqual(lines(text).slice(2, 8), ['ADD app.tar.gz /opt/', 'COPY config.ini /etc/app/', `# stridelint-disable-next-line ${ADD}`, 'ADD entrypoint.sh /usr/local/bin/', 'COPY defaults.env /etc/app/', 'COPY health.sh /opt/app/']);
    await waitForDiagnostics(document.uri, (found) => found.length === 0, 'no findings');
    assert.ok(await document.save());
  });

  it('diagnostics follow the stridelint.rules and stridelint.categories settings', async () => {
    const document = await open('k8s', 'rbac.yaml');
    const settings = () => vscode.workspace.getConfiguration('stridelint', document.uri);
    await waitForDiagnostics(document.uri, (found) => found.length === 1, 'the wildcard finding');
    try {
      await settings().update('rules', { 'kubernetes/rbac-wildcard': 'error' }, vscode.ConfigurationTarget.Workspace);
      const raised = await waitForDiagnostics(document.uri, (found) => found.length === 1 && plain(found[0]).severity === 'error', 'the finding as an error');
      assert.equal(plain(raised[0]).range, '8:17-8:20');
      await settings().update('categories', { 'elevation-of-privilege': false }, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(document.uri, (found) => found.length === 0, 'the category hidden');
      assert.deepEqual(codesOf(vscode.languages.getDiagnostics(workspaceUri('services', 'worker', 'Dockerfile'))), [ADD], 'other categories still show in unopened files');
    } finally {
      await settings().update('categories', undefined, vscode.ConfigurationTarget.Workspace);
      await settings().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const restored = await waitForDiagnostics(document.uri, (found) => found.length === 1 && plain(found[0]).severity === 'warning', 'the warning back');
    assert.deepEqual(restored.map(plain), [{ code: 'kubernetes/rbac-wildcard', severity: 'warning', range: '8:17-8:20', stride: 'Elevation of privilege' }]);
  });
});
