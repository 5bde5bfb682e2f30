// The workspace scan in worker threads, over stdio (dist/server.js): the same diagnostics as a scan in the
// server's thread, and an open document edited during the scan gets its diagnostics before the scan ends.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { SCAN_WORKSPACE_REQUEST, type ScanSummary } from '../../server/lsp/server';
import { THREAT_REPORT_REQUEST, type ThreatReportResult } from '../../server/lsp/threat-report';
import { realworldIndex, realworldPath, SHARED_AVAILABLE, SHARED_SKIP_REASON } from '../helpers/shared';
import { TestClient, uriOf } from './lsp-client';

/** Every file's last publication, as comparable text (code, range, message, related places). */
function lastPublished(published: PublishDiagnosticsParams[]): Map<string, string> {
  const last = new Map<string, string>();
  for (const params of published) {
    last.set(params.uri, JSON.stringify(params.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range, diagnostic.message, diagnostic.relatedInformation ?? []])));
  }
  return new Map([...last].filter(([, diagnostics]) => diagnostics !== '[]'));
}

async function scanWith(root: string, workers: number): Promise<{ summary: ScanSummary; published: Map<string, string>; whole: Map<string, string>; report: ThreatReportResult }> {
  const client = await TestClient.start({ rootPath: root, settings: { scan: { workers } } });
  try {
    const summary = await client.request<ScanSummary>(SCAN_WORKSPACE_REQUEST, null);
    // Each file's last publication whole (severity, data, tags, links too): the workers send findings as JSON.
    const whole = new Map(client.published.map((params) => [params.uri, JSON.stringify(params.diagnostics)]));
    // The report reads the findings the server kept (from the workers' JSON, parsed when first read).
    const report = await client.request<ThreatReportResult>(THREAT_REPORT_REQUEST, {});
    return { summary, published: lastPublished(client.published), whole, report };
  } finally {
    await client.stop();
  }
}

describe('language server: the workspace scan in worker threads', () => {
  it('publishes exactly what a scan in the server thread publishes (every fourth file of the real-world corpus)', { skip: SHARED_SKIP_REASON, timeout: 300_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'stridelint-scan-'));
    try {
      const files = SHARED_AVAILABLE ? realworldIndex().filter((_, index) => index % 4 === 0) : [];
      for (const file of files) {
        mkdirSync(dirname(join(root, file.path)), { recursive: true });
        copyFileSync(realworldPath(file), join(root, file.path));
      }
      const inThread = await scanWith(root, 0);
      const inWorkers = await scanWith(root, 2);
      assert.equal(inThread.summary.workers, 0);
      assert.equal(inWorkers.summary.workers, 2);
      assert.ok(inThread.published.size > 300, `files with diagnostics: ${inThread.published.size}`);
      assert.deepEqual([...inWorkers.published.keys()].sort(), [...inThread.published.keys()].sort());
      for (const [uri, diagnostics] of inThread.published) assert.equal(inWorkers.published.get(uri), diagnostics, uri);
      assert.equal(inWorkers.summary.findings, inThread.summary.findings);
      assert.deepEqual([...inWorkers.whole].sort(), [...inThread.whole].sort());
      assert.equal(inWorkers.report.findings, inThread.report.findings);
      assert.equal(inWorkers.report.files, inThread.report.files);
      const undated = (html: string) => html.replace(/generated \S+/, 'generated …');
      assert.equal(undated(inWorkers.report.html), undated(inThread.report.html), 'the same report (but the time it was made)');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a file linted in the facts phase keeps that lint only while no other file changes its answers: a Dockerfile that a compose file builds is linted again', { timeout: 300_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'stridelint-scan-'));
    try {
      for (const app of ['built', 'alone']) {
        mkdirSync(join(root, app));
        writeFileSync(join(root, app, 'Dockerfile'), 'FROM alpine:3.20\nUSER root\nCMD ["sh"]\n');
      }
      writeFileSync(join(root, 'compose.yaml'), 'services:\n  web:\n    build: ./built\n');
      for (const workers of [0, 2]) {
        const { published } = await scanWith(root, workers);
        const related = (app: string) => JSON.parse(published.get(uriOf(join(root, app, 'Dockerfile'))) ?? '[]').flatMap((diagnostic: unknown[]) => diagnostic[3] as Array<{ message: string }>);
        assert.ok(related('built').some((place: { message: string }) => /Built by compose service "web"/.test(place.message)), `${workers} workers: ${published.get(uriOf(join(root, 'built', 'Dockerfile')))}`);
        assert.equal(related('alone').length, 0);
        assert.ok(published.get(uriOf(join(root, 'alone', 'Dockerfile'))), 'the lone Dockerfile has its findings');
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('an open document edited while the workers scan gets the diagnostics of its edit before the scan ends', { timeout: 300_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'stridelint-scan-'));
    const manifest = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          securityContext:\n            privileged: true\n';
    for (let n = 0; n < 3000; n++) {
      mkdirSync(join(root, `app-${n % 50}`), { recursive: true });
      writeFileSync(join(root, `app-${n % 50}`, `deploy-${n}.yaml`), manifest);
    }
    const client = await TestClient.start({ rootPath: root, settings: { scan: { workers: 2 } } });
    try {
      let scanEnded = false;
      const scan = client.request<ScanSummary>(SCAN_WORKSPACE_REQUEST, null).then((summary) => ((scanEnded = true), summary));
      // The edit lands once the scan has begun (its progress shows).
      while (!client.progress.some((report) => report.value.kind === 'begin')) await new Promise((resolve) => setTimeout(resolve, 10));
      const uri = uriOf(join(root, 'edited', 'Dockerfile'));
      await client.open(uri, 'dockerfile', 'FROM alpine:3.20\n');
      await client.change(uri, 2, 'FROM alpine:3.20\nADD app/ /srv/app/\n');
      const edited = await client.waitForDiagnostics(uri, (params) => params.version === 2, { timeoutMs: 60_000 });
      const endedBefore = scanEnded;
      const summary = await scan;
      assert.ok(edited.diagnostics.some((diagnostic) => diagnostic.code === 'dockerfile/add-instead-of-copy'));
      assert.equal(summary.workers, 2);
      assert.equal(summary.files, 3000);
      assert.ok(!endedBefore, 'the edit was answered while the scan still ran');
      // The threads were started before the walk of the folders ended (they load beside it): the log line says when.
      const line = client.logs.find((message) => message.startsWith('stridelint: scanned')) ?? '';
      const steps = /threads at (\d+) ms, walked at (\d+) ms/.exec(line);
      assert.ok(steps && Number(steps[1]) <= Number(steps[2]), line);
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
