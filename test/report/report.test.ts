import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STRIDE_CATEGORIES, STRIDE_EXPLANATIONS, STRIDE_LABELS } from '../../rules/engine';
import { buildThreatModel, renderHtmlReport, renderMarkdownReport } from '../../server/report';
import { EXPECTED_MATRIX, HOSTILE_MESSAGE, syntheticInput } from './fixture';
import { checkHtml } from './html-check';
import { htmlCells, htmlRows, markdownMatrix, markdownRows } from './read-report';

const input = syntheticInput();
const allFindings = input.files.flatMap((file) => file.findings.map((finding) => ({ path: file.path, finding })));
const key = (parts: Array<string | number>) => parts.join('|');
const sorted = (keys: string[]) => [...keys].sort();

describe('threat model data', () => {
  const model = buildThreatModel(input);

  it('places every finding on its asset, in an asset × STRIDE matrix', () => {
    const cells: Record<string, [number, string]> = {};
    for (const row of model.matrix) {
      for (const stride of STRIDE_CATEGORIES) {
        const cell = row.cells[stride];
        if (cell.count > 0) cells[key([row.asset.id, stride])] = [cell.count, cell.severity!];
      }
    }
    assert.deepEqual(cells, EXPECTED_MATRIX);
  });

  it('puts the most exposed assets first and lists declared assets without findings apart', () => {
    assert.deepEqual(model.matrix.slice(0, 2).map((row) => row.asset.id), ['deploy/compose.yaml#web', 'deploy/compose.yaml#db']);
    assert.deepEqual(model.cleanAssets.map((asset) => asset.name), ['ConfigMap/settings']);
  });

  it('counts files by kind and findings by severity', () => {
    assert.deepEqual(model.filesByKind, { dockerfile: 1, compose: 1, daemon: 1, kubernetes: 3, dotenv: 0, 'docker-config': 0 });
    assert.deepEqual(model.findingsBySeverity, { error: 2, warning: 5, info: 4 });
    assert.equal(model.entries.length, allFindings.length);
  });

  it('lets a rule name the asset at risk in data.asset, over the finding’s position', () => {
    const compose = input.files[0];
    const named = (asset: string) => ({ ...compose.findings[3], data: { asset } });
    const placed = buildThreatModel({ files: [{ ...compose, findings: [named('db'), named('cache')] }] }).entries.map((entry) => [entry.asset.id, entry.asset.kind]);
    assert.deepEqual(placed, [['deploy/compose.yaml#db', 'service'], ['deploy/compose.yaml#cache', 'service']]);
  });

  it('groups a category’s findings by rule, worst rule first', () => {
    assert.deepEqual(model.byCategory['elevation-of-privilege'].map((group) => [group.ruleId, group.severity]), [['compose/no-privileged', 'error'], ['compose/no-new-privileges', 'warning']]);
    assert.deepEqual(model.byCategory['information-disclosure'].map((group) => group.ruleId), ['compose/literal-secret', 'kubernetes/automount-token']);
  });
});

describe('HTML report', () => {
  const html = renderHtmlReport(input);

  it('is well formed, self-contained and script-free', () => {
    assert.deepEqual(checkHtml(html), []);
    assert.doesNotMatch(html, /<script|https?:\/\//i);
  });

  it('lists every finding exactly once, in its category’s section, on its asset', () => {
    const rows = htmlRows(html);
    assert.deepEqual(
      sorted(rows.map((row) => key([row.section, row.ruleId, row.path, row.line, row.severity]))),
      sorted(allFindings.map(({ path, finding }) => key([finding.stride, finding.ruleId, path, finding.range.start.line + 1, finding.severity]))),
    );
    const perCell = new Map<string, number>();
    for (const row of rows) perCell.set(key([row.asset, row.section]), (perCell.get(key([row.asset, row.section])) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(perCell), Object.fromEntries(Object.entries(EXPECTED_MATRIX).map(([cell, [count]]) => [cell, count])));
  });

  it('draws the matrix the findings make: one cell per asset and category, counted and coloured', () => {
    const cells = htmlCells(html);
    const model = buildThreatModel(input);
    assert.equal(cells.length, model.matrix.length * STRIDE_CATEGORIES.length);
    const drawn = Object.fromEntries(cells.filter((cell) => cell.count > 0).map((cell) => [key([cell.asset, cell.stride]), [cell.count, cell.severity]]));
    assert.deepEqual(drawn, EXPECTED_MATRIX);
    assert.ok(cells.filter((cell) => cell.count === 0).every((cell) => cell.severity === undefined));
    for (const stride of STRIDE_CATEGORIES) {
      const total = Number(new RegExp(`data-column-total="${stride}">(\\d+)<`).exec(html)![1]);
      assert.equal(total, allFindings.filter(({ finding }) => finding.stride === stride).length, stride);
    }
  });

  it('adds up in the summary', () => {
    assert.match(html, new RegExp(`id="total-findings">${allFindings.length}<`));
    assert.match(html, /data-severity="error">2</);
    assert.match(html, /data-severity="warning">5</);
    assert.match(html, /data-severity="info">4</);
    assert.match(html, /data-kind="kubernetes">3</);
    assert.match(html, /Assets without findings: ConfigMap\/settings\./);
  });

  it('has one section per STRIDE category, in the seed’s order, with what the threat means', () => {
    const order = STRIDE_CATEGORIES.map((stride) => html.indexOf(`<section id="${stride}"`));
    assert.ok(order.every((at, index) => at > 0 && (index === 0 || at > order[index - 1])), String(order));
    for (const stride of STRIDE_CATEGORIES) assert.ok(html.includes(STRIDE_EXPLANATIONS[stride].replace(/'/g, '&#39;')), STRIDE_LABELS[stride]);
  });

  it('escapes evidence: a message cannot inject markup', () => {
    assert.ok(html.includes('Service exposes &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; a | pipe; the value starts with <code>sk-l…</code>.'));
    assert.equal(htmlRows(html).find((row) => row.ruleId === 'compose/literal-secret')!.message, HOSTILE_MESSAGE);
  });

  it('gives remediation and CIS references from rule metadata, and degrades for a rule it does not know', () => {
    const known = /<article class="threat warning" data-rule="dockerfile\/add-instead-of-copy">[\s\S]*?<\/article>/.exec(html)![0];
    assert.match(known, /<strong>Remediation\.<\/strong> Replace <code>ADD<\/code> with <code>COPY<\/code>/);
    assert.match(known, /CIS Docker Benchmark 1\.6\.0 §4\.9/);
    const unknown = /<article class="threat info" data-rule="dockerfile\/from-a-future-version">[\s\S]*?<\/article>/.exec(html)![0];
    assert.match(unknown, /<h3>dockerfile\/from-a-future-version<\/h3>/);
    assert.match(unknown, /See the rule’s documentation\./);
  });

  it('says what was not analysed and which configuration was in force', () => {
    const notAnalysed = /<section id="not-analysed">[\s\S]*?<\/section>/.exec(html)![0];
    assert.match(notAnalysed, /deploy\/huge\.yaml<\/code>: Not analysed: the file is larger than 2000000 bytes/);
    assert.match(notAnalysed, /deploy\/secrets<\/code>: Not read: permission denied\./);
    const configuration = /<section id="configuration">[\s\S]*?<\/section>/.exec(html)![0];
    assert.match(configuration, /Configuration files: <code>\.stridelint\.yaml<\/code>\./);
    assert.match(configuration, /<code>dockerfile\/add-instead-of-copy<\/code><\/td><td>error \(default warning\)<\/td><td><code>legacy\/\*\*<\/code><\/td>/);
    assert.match(configuration, /Repudiation \(category\)<\/td><td>off<\/td>/);
    assert.match(configuration, /Ignored paths: <code>vendor\/\*\*<\/code>/);
  });

  it('links each location when asked (a webview’s command URI), and to nothing remote otherwise', () => {
    const linked = renderHtmlReport(input, { linkFor: (path, range) => `command:stridelint.reveal?${encodeURIComponent(JSON.stringify([path, range.start.line]))}` });
    assert.deepEqual(checkHtml(linked), []);
    assert.equal([...linked.matchAll(/<a href="command:stridelint\.reveal\?/g)].length, allFindings.length);
    assert.doesNotMatch(html, /href="command:/);
  });

  it('carries its own content security policy: its inline style only, or the style with the host’s nonce', () => {
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
    const webview = renderHtmlReport(input, { styleNonce: 'r4nd0m' });
    assert.deepEqual(checkHtml(webview), []);
    assert.match(webview, /content="default-src 'none'; style-src 'nonce-r4nd0m'">/);
    assert.match(webview, /<style nonce="r4nd0m">/);
  });

  it('renders an empty workspace without a matrix and still well formed', () => {
    const empty = renderHtmlReport({ files: [] });
    assert.deepEqual(checkHtml(empty), []);
    assert.match(empty, /No findings, so no asset is exposed in any category\./);
    assert.equal(htmlRows(empty).length, 0);
    assert.match(empty, /Every file found was analysed\./);
    assert.match(empty, /Not recorded for this report\./);
  });
});

describe('Markdown report', () => {
  const markdown = renderMarkdownReport(input);

  it('lists every finding exactly once, under its category and rule', () => {
    const rows = markdownRows(markdown);
    assert.deepEqual(
      sorted(rows.map((row) => key([row.section, row.ruleId, row.path, row.line, row.severity]))),
      sorted(allFindings.map(({ path, finding }) => key([finding.stride, finding.ruleId, path, finding.range.start.line + 1, finding.severity]))),
    );
  });

  it('draws the matrix as a table whose cells and totals match the findings', () => {
    const { header, rows } = markdownMatrix(markdown);
    assert.deepEqual(header, ['Asset', 'Kind', ...STRIDE_CATEGORIES.map((stride) => STRIDE_LABELS[stride]), 'Total']);
    const model = buildThreatModel(input);
    assert.equal(rows.length, model.matrix.length + 1);
    const marks: Record<string, string> = { error: '🟥', warning: '🟧', info: '🟦' };
    model.matrix.forEach((row, index) => {
      const expected = STRIDE_CATEGORIES.map((stride) => {
        const cell = EXPECTED_MATRIX[key([row.asset.id, stride])];
        return cell ? `${marks[cell[1]]} ${cell[0]}` : '–';
      });
      assert.deepEqual(rows[index].slice(2), [...expected, String(row.total)], row.asset.id);
    });
    const totals = rows[rows.length - 1];
    assert.deepEqual(totals.slice(2), [...STRIDE_CATEGORIES.map((stride) => `**${allFindings.filter(({ finding }) => finding.stride === stride).length}**`), `**${allFindings.length}**`]);
  });

  it('escapes evidence so that the table holds and no HTML gets through', () => {
    const row = markdownRows(markdown).find((candidate) => candidate.ruleId === 'compose/literal-secret')!;
    assert.equal(row.message, 'Service exposes &lt;script&gt;alert("x")&lt;/script&gt; & a \\| pipe; the value starts with `sk-l…`.');
    assert.doesNotMatch(markdown, /<script/);
  });

  it('keeps the sections in order and says what was skipped and configured', () => {
    const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
    assert.deepEqual(headings.map((line) => line.replace(/ \(.*$/, '')), ['## Summary', ...STRIDE_CATEGORIES.map((stride) => `## ${STRIDE_LABELS[stride][0]} · ${STRIDE_LABELS[stride]}`), '## Not analysed', '## Configuration in force']);
    assert.match(markdown, /^- `deploy\/huge\.yaml`: Not analysed: the file is larger/m);
    assert.match(markdown, /^\| `dockerfile\/add-instead-of-copy` \| error \(default warning\) \| `legacy\/\*\*` \| `\.stridelint\.yaml` \|$/m);
    assert.match(markdown, /^# Threat model of the shop$/m);
  });
});
