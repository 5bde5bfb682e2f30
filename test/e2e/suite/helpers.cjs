// Helpers for the integration suite: waiting on diagnostics events (never a fixed sleep) and plain views of
// diagnostics that tests can compare with deepStrictEqual.
'use strict';
const vscode = require('vscode');

const SEVERITY = ['error', 'warning', 'info', 'hint'];

/** A diagnostic as plain data: rule id, severity name, 1-based range "line:col-line:col", STRIDE label. */
function plain(diagnostic) {
  const code = typeof diagnostic.code === 'object' && diagnostic.code !== null ? diagnostic.code.value : diagnostic.code;
  const { start, end } = diagnostic.range;
  return {
    code,
    severity: SEVERITY[diagnostic.severity],
    range: `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`,
    stride: /^\[([^\]]+)\]/.exec(diagnostic.message)?.[1],
  };
}

function stridelintDiagnostics(uri) {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'stridelint');
}

/**
 * Resolves with the file's stridelint diagnostics once `accept` returns true for them: checked now, then on
 * every onDidChangeDiagnostics event for that file. Rejects after `timeoutMs` with what was last seen.
 */
function waitForDiagnostics(uri, accept, what, timeoutMs = 30000) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const diagnostics = stridelintDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      clearTimeout(timer);
      subscription.dispose();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} in ${vscode.workspace.asRelativePath(uri)}; last seen: ${JSON.stringify(stridelintDiagnostics(uri).map(plain))}`));
    }, timeoutMs);
    check();
  });
}

/** Resolves once the document's text satisfies `accept` (edits apply asynchronously through the client). */
function waitForText(document, accept, what, timeoutMs = 10000) {
  return new Promise((resolve, reject) => {
    if (accept(document.getText())) return resolve(document.getText());
    const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document !== document || !accept(document.getText())) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(document.getText());
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for ${what}; text: ${JSON.stringify(document.getText())}`));
    }, timeoutMs);
  });
}

function workspaceUri(...segments) {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, ...segments);
}

async function open(...segments) {
  const document = await vscode.workspace.openTextDocument(workspaceUri(...segments));
  await vscode.window.showTextDocument(document);
  return document;
}

async function codeActions(uri, range, kind) {
  return (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

const codesOf = (diagnostics) => diagnostics.map((diagnostic) => plain(diagnostic).code);

module.exports = { plain, stridelintDiagnostics, waitForDiagnostics, waitForText, workspaceUri, open, codeActions, codesOf };
