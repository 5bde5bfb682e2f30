import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { workspace } from '../helpers/cli';
import { TestClient, uriOf } from './lsp-client';

describe('hover: the effective severity and its origin', () => {
  it('names the preset of extends: that set the severity, or the editor setting', async () => {
    const root = workspace({ '.stridelint.yaml': 'extends: [stridelint:pss-restricted]\n' });
    const client = await TestClient.start({ rootPath: root, settings: { rules: { 'kubernetes/no-host-network': 'warning' } } });
    try {
      const uri = uriOf(join(root, 'pod.yaml'));
      await client.open(uri, 'yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n');
      await client.waitForDiagnostics(uri, (params) => params.diagnostics.some((diagnostic) => diagnostic.code === 'kubernetes/no-privileged'));
      const privileged = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 22 } });
      assert.match((privileged.contents as { value: string }).value, /Severity: error \(from stridelint:pss-restricted\)/);
      const hostNetwork = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 16 } });
      assert.match((hostNetwork.contents as { value: string }).value, /Severity: warning \(from the stridelint\.rules setting\)/);
    } finally {
      await client.stop();
    }
  });
});
