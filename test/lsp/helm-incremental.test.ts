import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { workspace } from '../helpers/cli';
import { CHART_ROOT, chartSources } from '../helm/integration/chart-fixture';
import { SERVER_BUNDLE, TestClient, uriOf } from './lsp-client';

const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((diagnostic) => diagnostic.code);
const PRIVILEGED_POD = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: tools', 'spec:', '  containers:', '    - name: tools', '      image: {{ .Values.image }}', '      securityContext:', '        privileged: true', ''].join('\n');

/** Messages already handled by the server: a request's answer comes after every publication its earlier messages caused. */
async function settled(client: TestClient, uri: string): Promise<void> {
  await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  await new Promise((resolve) => setTimeout(resolve, 200));
}

describe('language server: a chart edit re-lints what it changed', () => {
  let root: string;
  let client: TestClient;
  let deployment: string;
  let tools: string;
  let values: string;
  const text = (relative: string) => readFileSync(join(root, relative), 'utf8');
  const lastFor = (uri: string) => client.published.filter((params) => params.uri === uri).at(-1)!;
  before(async () => {
    const files = Object.fromEntries([...chartSources().files].map(([path, content]) => [`web${path.slice(CHART_ROOT.length)}`, String(content)]));
    root = workspace({ ...files, 'web/templates/tools.yaml': PRIVILEGED_POD });
    deployment = uriOf(join(root, 'web/templates/deployment.yaml'));
    tools = uriOf(join(root, 'web/templates/tools.yaml'));
    values = uriOf(join(root, 'web/values.yaml'));
    client = await TestClient.start({ server: SERVER_BUNDLE, rootPath: root });
    await client.open(deployment, 'yaml', text('web/templates/deployment.yaml'));
    await client.open(tools, 'yaml', text('web/templates/tools.yaml'));
    await client.open(values, 'yaml', text('web/values.yaml'));
    await client.waitForDiagnostics(tools, (params) => codes(params).includes('kubernetes/no-privileged'));
    await client.waitForDiagnostics(values, () => true);
    await settled(client, values);
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('a values edit publishes the template whose findings changed, not the other; undoing it gives the first diagnostics back', async () => {
    const first = lastFor(deployment);
    assert.ok(codes(first).includes('kubernetes/run-as-non-root'));
    const since = client.published.length;
    const original = text('web/values.yaml');
    await client.change(values, 2, original.replace('securityContext: {}', 'securityContext: {runAsNonRoot: true}'));
    await client.waitForDiagnostics(deployment, (params) => !codes(params).includes('kubernetes/run-as-non-root'), { since });
    const undoneSince = client.published.length;
    await client.change(values, 3, original);
    const undone = await client.waitForDiagnostics(deployment, (params) => codes(params).includes('kubernetes/run-as-non-root'), { since: undoneSince });
    assert.deepEqual(undone.diagnostics, first.diagnostics);
    await settled(client, values);
    assert.deepEqual(client.published.slice(since).filter((params) => params.uri === tools), [], 'tools.yaml reads only .Values.image: its findings did not change');
  });

  it('a template edit updates that template; the chart\'s other files keep their diagnostics', async () => {
    const since = client.published.length;
    await client.change(tools, 2, PRIVILEGED_POD.replace('privileged: true', 'privileged: false'));
    await client.waitForDiagnostics(tools, (params) => params.version === 2 && !codes(params).includes('kubernetes/no-privileged'), { since });
    await settled(client, tools);
    assert.deepEqual(client.published.slice(since).filter((params) => params.uri === deployment), []);
  });
});
