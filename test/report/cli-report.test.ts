import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { STRIDE_CATEGORIES } from '../../rules/engine';
import { spawnSync } from 'node:child_process';
import { fileAssets } from '../../server/report';
import { REPO_ROOT } from '../helpers/shared';
import { checkHtml } from './html-check';
import { htmlCells, htmlRows, markdownRows } from './read-report';

/** The built CLI (`npm test` builds it first), run as users run it. */
function run(argv: string[], cwd = REPO_ROOT) {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), ...argv], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonRun {
  files: Array<{ path: string; kind: string }>;
  findings: Array<{ ruleId: string; stride: string; path: string; line: number; related?: Array<{ message: string }> }>;
}

/** A chart finding's copy on the values line that fed it (JSON shows both; a report counts the threat once). */
const isValuesCopy = (finding: JsonRun['findings'][number]) => /^Reported on .*, rendered from this value\.$/.test(finding.related?.[0]?.message ?? '');

const key = (parts: Array<string | number>) => parts.join('|');

describe('stridelint report examples', () => {
  const lintRun = JSON.parse(run(['examples', '--format', 'json']).stdout) as JsonRun;
  const expected = lintRun.findings.filter((finding) => !isValuesCopy(finding)).map((finding) => key([finding.stride, finding.ruleId, finding.path, finding.line]));
  const work = mkdtempSync(join(tmpdir(), 'stridelint-report-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('writes a well-formed HTML document in which every finding of the lint run appears once', () => {
    const output = join(work, 'report.html');
    const result = run(['report', 'examples', '--format', 'html', '--output', output]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    const html = readFileSync(output, 'utf8');
    assert.deepEqual(checkHtml(html), []);
    assert.ok(expected.length > 0, 'examples/ has findings');
    const rows = htmlRows(html);
    assert.deepEqual(rows.map((row) => key([row.section, row.ruleId, row.path, row.line])).sort(), [...expected].sort());
    assert.match(html, new RegExp(`id="total-findings">${expected.length}<`));
  });

  it('draws a matrix whose cells count the rows listed under each category, per asset', () => {
    const html = run(['report', 'examples']).stdout;
    const rows = htmlRows(html);
    const counted = new Map<string, number>();
    for (const row of rows) counted.set(key([row.asset, row.section]), (counted.get(key([row.asset, row.section])) ?? 0) + 1);
    const cells = htmlCells(html);
    for (const cell of cells) assert.equal(cell.count, counted.get(key([cell.asset, cell.stride])) ?? 0, key([cell.asset, cell.stride]));
    assert.equal(cells.reduce((sum, cell) => sum + cell.count, 0), expected.length);
    assert.equal(new Set(cells.map((cell) => cell.asset)).size * STRIDE_CATEGORIES.length, cells.length);
  });

  it('counts a Helm chart finding once (not again on values.yaml) and shows the chart as its asset', () => {
    const html = run(['report', 'examples']).stdout;
    assert.ok(lintRun.findings.some((finding) => finding.path === 'examples/helm/web/values.yaml' && isValuesCopy(finding)), 'the lint run shows copies on values.yaml');
    const chartRows = htmlRows(html).filter((row) => row.path.startsWith('examples/helm/web/'));
    assert.ok(chartRows.length > 0);
    assert.deepEqual(chartRows.filter((row) => row.path === 'examples/helm/web/values.yaml'), [], 'no copy row');
    assert.deepEqual([...new Set(chartRows.map((row) => row.asset))], ['examples/helm/web#helm-chart']);
    const markdown = run(['report', 'examples', '--format', 'md']).stdout;
    assert.match(markdown, /^\| `web` \| Helm chart · examples\/helm\/web \|/m, 'named as in Chart.yaml, at the chart folder');
  });

  it('places the Dockerfile’s findings on its image', () => {
    const html = run(['report', 'examples']).stdout;
    const dockerfile = lintRun.files.find((file) => file.kind === 'dockerfile')!;
    const [image] = fileAssets(readFileSync(join(REPO_ROOT, dockerfile.path), 'utf8'), dockerfile.path, 'dockerfile');
    assert.ok(htmlRows(html).filter((row) => row.path === dockerfile.path).every((row) => row.asset === image.id));
    assert.match(html, new RegExp(`${image.name.replace(/[/.]/g, '\\$&')}<title>`));
  });

  it('writes the same findings as Markdown, each once', () => {
    const result = run(['report', 'examples', '--format', 'md']);
    assert.equal(result.code, 0);
    assert.deepEqual(markdownRows(result.stdout).map((row) => key([row.section, row.ruleId, row.path, row.line])).sort(), [...expected].sort());
    assert.match(result.stdout, /^\| Asset \| Kind \| Spoofing \| Tampering \|/m);
  });
});

describe('stridelint report options', () => {
  it('defaults to HTML and takes only html or md', () => {
    assert.match(run(['report', 'examples']).stdout, /^<!DOCTYPE html>/);
    assert.match(run(['report', 'examples', 'examples/Dockerfile', '--format=md']).stdout, /^Scope: `examples`, `examples\/Dockerfile`/m);
    const bad = run(['report', '--format', 'sarif']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format must be one of html, md \(got "sarif"\)/);
  });

  it('refuses --fix: a report describes the files as they are', () => {
    const result = run(['report', 'examples', '--fix']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /report does not take --fix/);
  });

  it('records the configuration in force: the config file, its changes and the command line’s', () => {
    const folder = mkdtempSync(join(tmpdir(), 'stridelint-report-config-'));
    try {
      mkdirSync(join(folder, 'app'));
      writeFileSync(join(folder, '.stridelint.yaml'), 'rules:\n  dockerfile/add-instead-of-copy: error\ncategories:\n  repudiation: false\nignore:\n  - vendor/**\n');
      writeFileSync(join(folder, 'app', 'Dockerfile'), 'FROM alpine:3.20\nADD app/ /srv/\nUSER 10001:10001\nHEALTHCHECK CMD ["/bin/true"]\n');
      const result = run(['report', '.', '--format', 'md', '--rule', 'stridelint/unused-suppression=off'], folder);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^Configuration files: `\.stridelint\.yaml`\.$/m);
      assert.match(result.stdout, /^\| `dockerfile\/add-instead-of-copy` \| error \(default warning\) \| all files \| `\.stridelint\.yaml` \|$/m);
      assert.match(result.stdout, /^\| `stridelint\/unused-suppression` \| off \(default info\) \| all files \| `command line` \|$/m);
      assert.match(result.stdout, /^\| Repudiation \(category\) \| off \| all files \| `\.stridelint\.yaml` \|$/m);
      assert.match(result.stdout, /^Ignored paths: `vendor\/\*\*`\.$/m);
      assert.deepEqual(markdownRows(result.stdout).map((row) => [row.ruleId, row.severity, row.path, row.line]), [['dockerfile/add-instead-of-copy', 'error', 'app/Dockerfile', 2]]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('lists a file it could not analyse', () => {
    const folder = mkdtempSync(join(tmpdir(), 'stridelint-report-skip-'));
    try {
      writeFileSync(join(folder, 'Dockerfile'), Buffer.from('FROM alpine\u0000\n'));
      const result = run(['report', '.', '--format', 'md'], folder);
      assert.match(result.stdout, /^- `Dockerfile`: Not analysed: the file contains NUL bytes, so it is binary, not text\.$/m);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
