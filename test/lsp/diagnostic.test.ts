import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import { HINT, SEVERITY, UNNECESSARY } from '../../server/lsp/diagnostic';

describe('diagnostics built without the protocol library (as the scan workers do)', () => {
  it("writes the protocol's own severity and tag numbers", () => {
    assert.deepEqual(SEVERITY, { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information });
    assert.equal(HINT, DiagnosticSeverity.Hint);
    assert.equal(UNNECESSARY, DiagnosticTag.Unnecessary);
  });
});
