import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import type { Finding } from '../../rules/engine';
import { diagnosticsJsonOf, HINT, SEVERITY, toDiagnostic, UNNECESSARY } from '../../server/lsp/diagnostic';

const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } };

function finding(ruleId: string, extra: Partial<Finding> = {}): Finding {
  return { ruleId, kind: 'dockerfile', stride: 'elevation-of-privilege', severity: 'warning', message: 'Runs as root.', range, fixes: [], ...extra };
}

describe('diagnostics built without the protocol library (as the scan workers do)', () => {
  it("writes the protocol's own severity and tag numbers", () => {
    assert.deepEqual(SEVERITY, { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information });
    assert.equal(HINT, DiagnosticSeverity.Hint);
    assert.equal(UNNECESSARY, DiagnosticTag.Unnecessary);
  });

  it('publishes a plain finding with its members in the protocol order and no optional ones', () => {
    assert.equal(
      diagnosticsJsonOf([finding('dockerfile/no-root-user')], undefined),
      '[{"range":{"start":{"line":1,"character":2},"end":{"line":1,"character":9}},"severity":2,"source":"stridelint","code":"dockerfile/no-root-user",' +
        '"codeDescription":{"href":"https://github.com/stridelint/stridelint/blob/main/docs/rules/dockerfile/no-root-user.md"},' +
        '"message":"[Elevation of privilege] Runs as root.","data":{"ruleId":"dockerfile/no-root-user","stride":"elevation-of-privilege"}}]',
    );
  });

  it('puts tags, related places and the file kind where a spread put them, and marks a baselined finding faint', () => {
    const related = [{ path: '/w/compose.yaml', range, message: 'Built here.' }];
    const json = diagnosticsJsonOf([finding('stridelint/unused-suppression', { related, data: { baselined: true } })], 'dockerfile');
    assert.equal(
      json,
      '[{"range":{"start":{"line":1,"character":2},"end":{"line":1,"character":9}},"severity":4,"source":"stridelint","code":"stridelint/unused-suppression",' +
        '"codeDescription":{"href":"https://github.com/stridelint/stridelint/blob/main/docs/rules/stridelint/unused-suppression.md"},' +
        '"message":"[Elevation of privilege] Runs as root. (baselined)","tags":[1],' +
        '"relatedInformation":[{"location":{"uri":"file:///w/compose.yaml","range":{"start":{"line":1,"character":2},"end":{"line":1,"character":9}}},"message":"Built here."}],' +
        '"data":{"ruleId":"stridelint/unused-suppression","stride":"elevation-of-privilege","fileKind":"dockerfile"}}]',
    );
  });

  it("shares one codeDescription among a rule's diagnostics", () => {
    const [a, b, other] = [finding('dockerfile/no-root-user'), finding('dockerfile/no-root-user'), finding('dockerfile/no-latest-tag')].map((entry) => toDiagnostic(entry, 'dockerfile'));
    assert.equal(a.codeDescription, b.codeDescription);
    assert.notEqual(a.codeDescription, other.codeDescription);
    assert.equal(other.codeDescription?.href, 'https://github.com/stridelint/stridelint/blob/main/docs/rules/dockerfile/no-latest-tag.md');
  });
});
