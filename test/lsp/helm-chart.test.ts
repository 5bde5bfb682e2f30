import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { workspace } from '../helpers/cli';
import { CHART_ROOT, chartSources } from '../helm/integration/chart-fixture';
import { SERVER_BUNDLE, TestClient, uriOf } from './lsp-client';

const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((diagnostic) => diagnostic.code);
const runAsNonRoot = (params: PublishDiagnosticsParams) => params.diagnostics.find((diagnostic) => diagnostic.code === 'kubernetes/run-as-non-root');

describe('language server: a Helm chart is one unit', () => {
  let root: string;
  let client: TestClient;
  let template: string;
  let values: string;
  let helpers: string;
  before(async () => {
    root = workspace(Object.fromEntries([...chartSources().files].map(([path, text]) => [`web${path.slice(CHART_ROOT.length)}`, String(text)])));
    template = uriOf(join(root, 'web/templates/deployment.yaml'));
    values = uriOf(join(root, 'web/values.yaml'));
    helpers = uriOf(join(root, 'web/templates/_helpers.tpl'));
    client = await TestClient.start({ server: SERVER_BUNDLE, rootPath: root });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('opening a template shows the rendered chart\'s findings on it, related to values.yaml; values.yaml gets them too', async () => {
    await client.open(template, 'yaml', readFileSync(join(root, 'web/templates/deployment.yaml'), 'utf8'));
    const published = await client.waitForDiagnostics(template, (params) => runAsNonRoot(params) !== undefined);
    const finding = runAsNonRoot(published) as Diagnostic;
    assert.equal(finding.range.start.line, 10);
    assert.deepEqual(finding.relatedInformation?.map((entry) => [entry.location.uri, entry.location.range.start.line]), [[values, 4]]);
    const onValues = await client.waitForDiagnostics(values, (params) => runAsNonRoot(params) !== undefined);
    assert.equal(runAsNonRoot(onValues)?.range.start.line, 4);
  });

  it('the quick fix edits values.yaml, in the same WorkspaceEdit', async () => {
    const published = await client.waitForDiagnostics(template, (params) => runAsNonRoot(params) !== undefined);
    const diagnostic = runAsNonRoot(published) as Diagnostic;
    const actions = await client.request<Array<{ title: string; edit?: { documentChanges?: Array<{ textDocument: { uri: string }; edits: unknown[] }> } }>>('textDocument/codeAction', { textDocument: { uri: template }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const fix = actions.find((action) => action.title.startsWith('Set `runAsNonRoot: true` for this container'));
    assert.ok(fix, JSON.stringify(actions.map((action) => action.title)));
    assert.deepEqual(fix.edit?.documentChanges?.map((change) => change.textDocument.uri), [values]);
  });

  it('editing values.yaml without saving updates the template\'s diagnostics', async () => {
    const since = client.published.length;
    const text = readFileSync(join(root, 'web/values.yaml'), 'utf8');
    await client.open(values, 'yaml', text);
    await client.change(values, 2, text.replace('securityContext: {}', 'securityContext:\n  runAsNonRoot: true\n  allowPrivilegeEscalation: false'));
    const updated = await client.waitForDiagnostics(template, (params) => !codes(params).includes('kubernetes/run-as-non-root') && !codes(params).includes('kubernetes/allow-privilege-escalation'), { since });
    assert.ok(codes(updated).includes('kubernetes/readonly-root-filesystem'), 'the other findings stay');
  });

  it('editing _helpers.tpl without saving re-renders every template that includes it', async () => {
    const since = client.published.length;
    const text = readFileSync(join(root, 'web/templates/_helpers.tpl'), 'utf8');
    await client.open(helpers, 'helm', text);
    await client.change(helpers, 2, '{{- define "web.labels" -}}\n{{ .Values.nothing.here }}\n{{- end -}}\n');
    const broken = await client.waitForDiagnostics(template, (params) => codes(params).includes('stridelint/not-analysed'), { since });
    assert.match(broken.diagnostics.find((diagnostic) => diagnostic.code === 'stridelint/not-analysed')!.message, /nil pointer/);
  });

  it('hover on a template finding shows the rendered snippet that was judged', async () => {
    const since = client.published.length;
    await client.close(helpers);
    await client.close(values);
    // Closed unsaved edits: the disk's helpers and values count again, and the finding is back.
    const published = await client.waitForDiagnostics(template, (params) => runAsNonRoot(params) !== undefined, { since });
    const finding = runAsNonRoot(published) as Diagnostic;
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: template }, position: finding.range.start });
    assert.match(hover?.contents.value ?? '', /Rendered \(web\/templates\/deployment\.yaml\):\n\n```yaml\n[\s\S]*- name: web/);
  });
});
