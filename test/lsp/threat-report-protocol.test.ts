import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { checkHtml } from '../report/html-check';
import { htmlRows } from '../report/read-report';
import { TEST_SERVER, TestClient, uriOf } from './lsp-client';

const ADD = 'dockerfile/add-instead-of-copy';
const NONCE = 'cHJvdG9jb2wtdGVzdA==';

interface ThreatReport {
  html: string;
  files: number;
  findings: number;
}

/** Each location link's `{ uri, range }`, in document order. */
function links(html: string): Array<{ uri: string; range: { start: { line: number } } }> {
  return [...html.matchAll(/<a href="command:stridelint\.revealLocation\?([^"]*)"/g)].map((match) => JSON.parse(decodeURIComponent(match[1].replace(/&amp;/g, '&')))[0]);
}

describe('stridelint/threatReport over the protocol (test server: ADD and the test rules)', () => {
  let root: string;
  let client: TestClient;
  const report = () => client.request<ThreatReport>('stridelint/threatReport', { styleNonce: NONCE, revealCommand: 'stridelint.revealLocation' });

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'stridelint-report-'));
    const files: Record<string, string> = {
      'app/Dockerfile': 'FROM alpine:3.20\nADD app.js /app\n',
      'clean/Dockerfile': 'FROM alpine:3.20\nCOPY app.js /app\n',
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n  db:\n    image: postgres:16\n',
      'notes.txt': 'not linted\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    client = await TestClient.start({ server: TEST_SERVER, rootPath: root, settings: { rules: { 'compose/test-privileged': 'warning' } } });
    await client.request('stridelint/scanWorkspace', {});
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('returns a report listing the findings of the scanned workspace, each on its asset and linked to its location', async () => {
    const result = await report();
    assert.equal(result.files, 3);
    assert.equal(result.findings, 2);
    assert.deepEqual(checkHtml(result.html), []);
    assert.deepEqual(htmlRows(result.html).map((row) => [row.section, row.ruleId, row.severity, row.path, row.line, row.asset]), [
      ['tampering', ADD, 'warning', 'app/Dockerfile', 2, 'app/Dockerfile'],
      ['elevation-of-privilege', 'compose/test-privileged', 'warning', 'compose.yaml', 4, 'compose.yaml#web'],
    ]);
    assert.deepEqual(
      links(result.html).map((link) => [link.uri, link.range.start.line]),
      [
        [uriOf(join(root, 'app', 'Dockerfile')), 1],
        [uriOf(join(root, 'compose.yaml')), 3],
      ],
    );
    assert.match(result.html, new RegExp(`content="default-src 'none'; style-src 'nonce-${NONCE}'"`));
    // The clean image and the compose service without findings are still assets of the workspace.
    assert.match(result.html, /Assets without findings: clean\/Dockerfile, db\./);
    // The editor's setting is part of the configuration in force.
    assert.match(result.html, /<code>compose\/test-privileged<\/code><\/td><td>warning<\/td><td>all files<\/td><td><code>editor settings \(stridelint\.rules\)<\/code>/);
  });

  it('takes open documents at their current version over what the scan read from disk', async () => {
    const app = uriOf(join(root, 'app', 'Dockerfile'));
    const draft = uriOf(join(root, 'draft', 'Dockerfile'));
    await client.open(app, 'dockerfile', 'FROM alpine:3.20\nCOPY app.js /app\n');
    await client.open(draft, 'dockerfile', 'FROM alpine:3.20\nRUN true\nADD a /a\nADD b /b\n');
    const settled = (params: PublishDiagnosticsParams) => params.version === 1;
    await client.waitForDiagnostics(app, settled);
    await client.waitForDiagnostics(draft, settled);
    const result = await report();
    assert.equal(result.files, 4);
    assert.deepEqual(htmlRows(result.html).map((row) => [row.ruleId, row.path, row.line]), [
      [ADD, 'draft/Dockerfile', 3],
      [ADD, 'draft/Dockerfile', 4],
      ['compose/test-privileged', 'compose.yaml', 4],
    ]);
    assert.deepEqual(links(result.html).slice(0, 2).map((link) => [link.uri, link.range.start.line]), [
      [draft, 2],
      [draft, 3],
    ]);

    // Typing in the open document: the next report follows its new version.
    await client.change(draft, 2, 'FROM alpine:3.20\nCOPY a /a\nADD b /b\n');
    const edited = await report();
    assert.deepEqual(htmlRows(edited.html).map((row) => [row.ruleId, row.path, row.line]), [
      [ADD, 'draft/Dockerfile', 3],
      ['compose/test-privileged', 'compose.yaml', 4],
    ]);

    // Closed again, a file on disk is back at what the disk holds; one that is not on disk leaves the report.
    const since = client.published.length;
    await client.close(app);
    await client.close(draft);
    await client.waitForDiagnostics(app, (params) => params.diagnostics.length === 1, { since });
    const closed = await report();
    assert.equal(closed.files, 3);
    assert.deepEqual(htmlRows(closed.html).map((row) => [row.ruleId, row.path]), [
      [ADD, 'app/Dockerfile'],
      ['compose/test-privileged', 'compose.yaml'],
    ]);
  });

  it('answers without links or nonce when the client asks for none', async () => {
    const result = await client.request<ThreatReport>('stridelint/threatReport', {});
    assert.equal(links(result.html).length, 0);
    assert.equal(htmlRows(result.html).length, 2);
    assert.match(result.html, /style-src 'unsafe-inline'/);
  });
});
