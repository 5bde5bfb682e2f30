import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FILE_KINDS, type FileKind, type Position } from '../../rules/engine';
import { lintFile } from '../../rules/registry-lint';
import { fileAssets, renderHtmlReport, renderMarkdownReport, type ReportFile } from '../../server/report';
import { SHARED_SKIP_REASON, realworldIndex, realworldPath } from '../helpers/shared';
import { checkHtml } from './html-check';
import { htmlRows, markdownRows } from './read-report';

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);

/** Every 12th file of each kind (Helm templates as Kubernetes): YAML parsing dominates, and other tests lint it all. */
const SAMPLE_EVERY = 12;

describe('report over the real-world corpus (a sample)', { skip: SHARED_SKIP_REASON }, () => {
  const seen = new Map<string, number>();
  const files = (SHARED_SKIP_REASON ? [] : realworldIndex())
    .filter((file) => (FILE_KINDS as readonly string[]).includes(file.kind) || file.kind === 'helm-template')
    .filter((file) => {
      const count = seen.get(file.kind) ?? 0;
      seen.set(file.kind, count + 1);
      return count % SAMPLE_EVERY === 0;
    });

  it('finds assets in every file without throwing, each inside its file and nested or apart, never overlapping', () => {
    let assetCount = 0;
    for (const file of files) {
      const kind: FileKind = file.kind === 'helm-template' ? 'kubernetes' : (file.kind as FileKind);
      const text = readFileSync(realworldPath(file), 'utf8');
      const assets = fileAssets(text, file.path, kind);
      assetCount += assets.length;
      const open: Position[] = [];
      for (const asset of assets) {
        const { start, end } = asset.range!;
        assert.ok(!before(end, start), `${file.path}: ${asset.name} ends before it starts`);
        while (open.length && before(open[open.length - 1], end) && !before(start, open[open.length - 1])) open.pop();
        // What is still open either holds this asset entirely or has ended before it starts.
        assert.ok(open.every((parentEnd) => !before(parentEnd, end)), `${file.path}: ${asset.name} overlaps the asset before it`);
        open.push(end);
      }
      if (kind === 'dockerfile' || kind === 'daemon') assert.equal(assets.length, 1, file.path);
    }
    assert.ok(assetCount > files.length, `only ${assetCount} assets in ${files.length} files`);
  });

  it('renders the whole corpus’s findings as a well-formed report that lists each once', () => {
    const reportFiles: ReportFile[] = [];
    let findings = 0;
    for (const file of files) {
      const text = readFileSync(realworldPath(file), 'utf8');
      const result = lintFile(text, file.path);
      if (!result.kind) continue;
      findings += result.findings.length;
      reportFiles.push({ path: file.path, kind: result.kind, findings: result.findings, ...(result.skipped ? { skipped: result.skipped } : {}), assets: fileAssets(text, file.path, result.kind) });
    }
    assert.ok(findings > 0);
    const html = renderHtmlReport({ files: reportFiles });
    assert.deepEqual(checkHtml(html).slice(0, 5), []);
    assert.equal(htmlRows(html).length, findings);
    assert.equal(markdownRows(renderMarkdownReport({ files: reportFiles })).length, findings);
  });
});
