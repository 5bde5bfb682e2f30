import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { run, workspace } from '../helpers/cli';
import { TestClient, uriOf } from './lsp-client';

const ADD = 'dockerfile/add-instead-of-copy';
const ACCEPTED = 'FROM alpine:3.20\nADD a /a\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n';
/** The accepted ADD, moved down by an inserted comment, and a new ADD. */
const EDITED = 'FROM alpine:3.20\n# moved\nADD a /a\nADD b /b\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n';

function adds(params: PublishDiagnosticsParams) {
  return params.diagnostics.filter((diagnostic) => diagnostic.code === ADD).map((diagnostic) => ({ line: diagnostic.range.start.line, severity: diagnostic.severity, baselined: diagnostic.message.endsWith('(baselined)') }));
}

describe('language server: the baseline named in .stridelint.yaml', () => {
  for (const mode of ['hint', 'hide'] as const) {
    it(`shows baselined findings ${mode === 'hint' ? 'as hints' : 'not at all'} (stridelint.baselinedFindings: ${mode}), new ones as usual`, async () => {
      const root = workspace({ 'app/Dockerfile': ACCEPTED, '.stridelint.yaml': 'baseline: ci/accepted.json\n', 'ci/.keep': '' });
      assert.equal(run(['--write-baseline', 'ci/accepted.json', 'app'], root).code, 0);
      assert.equal(JSON.parse(readFileSync(join(root, 'ci', 'accepted.json'), 'utf8')).findings[0].path, '../app/Dockerfile');
      const client = await TestClient.start({ rootPath: root, settings: { baselinedFindings: mode } });
      try {
        const uri = uriOf(join(root, 'app', 'Dockerfile'));
        await client.open(uri, 'dockerfile', EDITED);
        const published = await client.waitForDiagnostics(uri, (params) => adds(params).length > 0);
        const expected = mode === 'hint' ? [{ line: 2, severity: 4, baselined: true }, { line: 3, severity: 2, baselined: false }] : [{ line: 3, severity: 2, baselined: false }];
        assert.deepEqual(adds(published), expected);
      } finally {
        await client.stop();
      }
    });
  }
});
