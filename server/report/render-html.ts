import { FILE_KINDS, STRIDE_CATEGORIES, STRIDE_EXPLANATIONS, STRIDE_LABELS, formatReference, type Range, type Stride } from '../../rules/engine';
import { ASSET_KIND_LABELS, assetDescription, type Asset, type AssetKind } from './assets';
import { HEAT_MAP_CSS, renderHeatMap } from './heat-map';
import { SEVERITY_ORDER, buildThreatModel, plural, splitReferences, type ReportEntry, type ReportInput, type RuleGroup, type ThreatModel } from './model';
import { KIND_LABELS, REPORT_TITLE, escapeHtml, ruleChangeText } from './text';

export interface HtmlReportOptions {
  /**
   * The link target of a finding's location (for a webview: a `command:` URI that reveals it). Absent or
   * undefined ⇒ the location is plain text. Never give remote URLs: the document loads nothing from outside.
   */
  linkFor?: (path: string, range: Range) => string | undefined;
  /**
   * A nonce for the `<style>` element, for hosts whose content security policy allows styles by nonce (a VS Code
   * webview). The document's own policy then names it; without one it allows its inline style only.
   */
  styleNonce?: string;
}

/** Rule metadata writes code in backticks; everything else stays text. */
function prose(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

const CSS = `
:root{--error:#c62828;--warning:#e08600;--info:#1f6fd1;--ink:#1d2330;--muted:#5f6b7a;--line:#dfe3ea;--bg:#f6f7f9;--card:#fff}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.masthead{background:#17202e;color:#fff;padding:28px 40px 24px}
.masthead .brand{font-size:12px;letter-spacing:.14em;text-transform:uppercase;color:#9fb3cc;font-weight:600}
.masthead h1{margin:4px 0 6px;font-size:28px;font-weight:650}
.masthead p{margin:0;color:#c9d4e2}
main{max-width:1180px;margin:0 auto;padding:24px 40px 48px}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:20px 24px;margin:0 0 20px}
h2{font-size:20px;margin:0 0 12px;display:flex;align-items:center;gap:10px}
h3{font-size:15px;margin:0}
.cards{display:grid;grid-template-columns:repeat(3,1fr);gap:14px;margin-bottom:20px}
.card{border:1px solid var(--line);border-radius:8px;padding:12px 16px}
.card h3{font-size:12px;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin-bottom:6px}
.big{font-size:28px;font-weight:700;line-height:1.1}
.kv{list-style:none;margin:6px 0 0;padding:0}
.kv li{display:flex;justify-content:space-between;border-top:1px dashed var(--line);padding:2px 0}
.kv li span:last-child{font-weight:600;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:999px;padding:0 9px;font-size:12px;font-weight:600;color:#fff;line-height:20px}
.badge.error{background:var(--error)}.badge.warning{background:var(--warning)}.badge.info{background:var(--info)}
.letter{display:inline-flex;align-items:center;justify-content:center;width:30px;height:30px;border-radius:6px;background:#17202e;color:#fff;font-size:16px}
.count{font-size:13px;font-weight:500;color:var(--muted)}
.explain{color:var(--muted);margin:0 0 14px}
.threat{border:1px solid var(--line);border-left:4px solid var(--info);border-radius:6px;padding:12px 16px;margin:12px 0}
.threat.error{border-left-color:var(--error)}.threat.warning{border-left-color:var(--warning)}
.threat header{display:flex;align-items:center;gap:10px;flex-wrap:wrap;margin-bottom:8px}
code{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eef1f5;border-radius:4px;padding:1px 5px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
th{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);font-weight:600}
td.where{white-space:nowrap}
.asset small,.muted{color:var(--muted)}
.threat p{margin:8px 0 0}
.none{color:var(--muted);font-style:italic;margin:0}
@media (max-width:820px){main{padding:16px}.masthead{padding:20px 16px}.cards{grid-template-columns:1fr}section{padding:16px}td.where{white-space:normal}}
${HEAT_MAP_CSS}`;

/**
 * The threat model as one self-contained HTML document: inline CSS and SVG, no script, nothing remote.
 * `input` is plain data (see `ReportInput`); the same call serves the CLI and a webview.
 */
export function renderHtmlReport(input: ReportInput, options: HtmlReportOptions = {}): string {
  const model = buildThreatModel(input);
  const title = input.title ?? REPORT_TITLE;
  const subtitle = [input.scope?.length ? `Scope: ${input.scope.join(', ')}` : undefined, input.generatedAt ? `generated ${input.generatedAt}` : undefined, `stridelint ${input.toolVersion ?? ''}`.trim()].filter(Boolean).join(' · ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${options.styleNonce ? `'nonce-${escapeHtml(options.styleNonce)}'` : "'unsafe-inline'"}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style${options.styleNonce ? ` nonce="${escapeHtml(options.styleNonce)}"` : ''}>${CSS}</style>
</head>
<body>
<header class="masthead"><div class="brand">stridelint</div><h1>${escapeHtml(title)}</h1><p>${escapeHtml(subtitle)}</p></header>
<main>
${summary(model)}
${STRIDE_CATEGORIES.map((stride) => category(model, stride, options)).join('\n')}
${notAnalysed(model)}
${configuration(model)}
</main>
</body>
</html>
`;
}

function summary(model: ThreatModel): string {
  const fileCount = model.input.files.length;
  const files = FILE_KINDS.map((kind) => `<li><span>${KIND_LABELS[kind]}</span><span data-kind="${kind}">${model.filesByKind[kind]}</span></li>`).join('');
  const severities = SEVERITY_ORDER.map((severity) => `<li><span><span class="badge ${severity}">${severity}</span></span><span data-severity="${severity}">${model.findingsBySeverity[severity]}</span></li>`).join('');
  const atRisk = new Map<AssetKind, number>();
  for (const row of model.matrix) atRisk.set(row.asset.kind, (atRisk.get(row.asset.kind) ?? 0) + 1);
  const assetKinds = [...atRisk].map(([kind, count]) => `<li><span>${ASSET_KIND_LABELS[kind]}</span><span data-asset-kind="${kind}">${count}</span></li>`).join('');
  const clean = model.cleanAssets.length ? `<p class="muted">Assets without findings: ${model.cleanAssets.map((asset) => escapeHtml(asset.name)).join(', ')}.</p>` : '';
  return `<section id="summary">
<h2>Summary</h2>
<div class="cards">
<div class="card"><h3>Files analysed</h3><div class="big">${fileCount}</div><ul class="kv">${files}</ul></div>
<div class="card"><h3>Findings</h3><div class="big" id="total-findings">${model.entries.length}</div><ul class="kv">${severities}</ul></div>
<div class="card"><h3>Assets with findings</h3><div class="big">${model.matrix.length}</div><ul class="kv">${assetKinds}</ul></div>
</div>
<h3>Assets × STRIDE categories</h3>
<p class="muted">Each cell counts an asset’s findings in one category, coloured by the highest severity among them. Click a column to read the category.</p>
${renderHeatMap(model)}
${clean}
</section>`;
}

function category(model: ThreatModel, stride: Stride, options: HtmlReportOptions): string {
  const groups = model.byCategory[stride];
  const count = groups.reduce((sum, group) => sum + group.entries.length, 0);
  const body = groups.length ? groups.map((group) => threat(group, options)).join('\n') : '<p class="none">No findings in this category.</p>';
  return `<section id="${stride}" class="category">
<h2><span class="letter">${STRIDE_LABELS[stride][0]}</span>${STRIDE_LABELS[stride]}<span class="count">${plural(count, 'finding')}</span></h2>
<p class="explain">${escapeHtml(STRIDE_EXPLANATIONS[stride])}</p>
${body}
</section>`;
}

function threat(group: RuleGroup, options: HtmlReportOptions): string {
  const { standards, peers } = splitReferences(group.meta);
  const references = standards.length ? standards.map((reference) => escapeHtml(formatReference(reference))).join(' · ') : 'none recorded';
  const alsoKnownAs = peers.length ? `<br><span class="muted">Also checked by ${peers.map((reference) => escapeHtml(formatReference(reference))).join(' · ')}</span>` : '';
  return `<article class="threat ${group.severity}" data-rule="${escapeHtml(group.ruleId)}">
<header><span class="badge ${group.severity}">${group.severity}</span><h3>${escapeHtml(group.meta?.title ?? group.ruleId)}</h3><code>${escapeHtml(group.ruleId)}</code><span class="count">${plural(group.entries.length, 'finding')}</span></header>
<table><thead><tr><th>Severity</th><th>Asset</th><th>Location</th><th>Evidence</th></tr></thead>
<tbody>
${group.entries.map((entry) => findingRow(entry, options)).join('\n')}
</tbody></table>
<p><strong>Remediation.</strong> ${group.meta ? prose(group.meta.remediation) : 'See the rule’s documentation.'}</p>
<p><strong>References.</strong> ${references}${alsoKnownAs}</p>
</article>`;
}

function findingRow(entry: ReportEntry, options: HtmlReportOptions): string {
  const { finding } = entry;
  const line = finding.range.start.line + 1;
  const where = `${escapeHtml(entry.path)}:${line}:${finding.range.start.character + 1}`;
  const href = options.linkFor?.(entry.path, finding.range);
  const location = href ? `<a href="${escapeHtml(href)}">${where}</a>` : where;
  return `<tr class="finding" data-rule="${escapeHtml(finding.ruleId)}" data-path="${escapeHtml(entry.path)}" data-line="${line}" data-asset="${escapeHtml(entry.asset.id)}"><td><span class="badge ${finding.severity}">${finding.severity}</span></td><td class="asset">${assetCell(entry.asset)}</td><td class="where"><code>${location}</code></td><td>${prose(finding.message)}${chainHtml(entry, options)}</td></tr>`;
}

/** A cross-file chain under the evidence, each step linked like the finding's own location. */
function chainHtml(entry: ReportEntry, options: HtmlReportOptions): string {
  if (!entry.chain) return '';
  const steps = entry.chain.map((link) => {
    const where = `${escapeHtml(link.path)}:${link.range.start.line + 1}`;
    const href = options.linkFor?.(link.path, link.range);
    const location = href ? `<a href="${escapeHtml(href)}">${where}</a>` : where;
    const title = link.message ? ` title="${escapeHtml(link.message)}"` : '';
    return `<span class="step"${title}>${escapeHtml(link.label)} (<code>${location}</code>)</span>`;
  });
  return `<br><small class="chain">Chain: ${steps.join(' → ')}</small>`;
}

function assetCell(asset: Asset): string {
  return `${escapeHtml(asset.name)}<br><small>${escapeHtml(assetDescription(asset))}</small>`;
}

function notAnalysed(model: ThreatModel): string {
  const items = model.notAnalysed.map((item) => `<li><code>${escapeHtml(item.path)}${item.line ? `:${item.line}` : ''}</code>: ${escapeHtml(item.reason)}</li>`).join('\n');
  return `<section id="not-analysed">
<h2>Not analysed</h2>
${items ? `<p class="explain">An unchecked file is not a clean one: these were skipped, in part or whole.</p><ul>\n${items}\n</ul>` : '<p class="none">Every file found was analysed.</p>'}
</section>`;
}

function configuration(model: ThreatModel): string {
  const config = model.input.configuration;
  if (!config) return `<section id="configuration"><h2>Configuration in force</h2><p class="none">Not recorded for this report.</p></section>`;
  const sources = config.sources.length ? config.sources.map((source) => `<code>${escapeHtml(source)}</code>`).join(', ') : 'none found: every rule at its default severity';
  const rows = config.ruleChanges.map((change) => `<tr><td><code>${escapeHtml(change.ruleId)}</code></td><td>${escapeHtml(ruleChangeText(change))}</td><td>${change.files ? `<code>${escapeHtml(change.files.join(', '))}</code>` : 'all files'}</td><td><code>${escapeHtml(change.source)}</code></td></tr>`);
  for (const off of config.categoriesOff) rows.push(`<tr><td>${STRIDE_LABELS[off.stride]} (category)</td><td>off</td><td>${off.files ? `<code>${escapeHtml(off.files.join(', '))}</code>` : 'all files'}</td><td><code>${escapeHtml(off.source)}</code></td></tr>`);
  const table = rows.length ? `<table><thead><tr><th>Rule</th><th>Setting</th><th>Files</th><th>Set in</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>` : '<p class="none">No rule is turned off or re-levelled.</p>';
  const ignored = config.ignore.length ? `<p>Ignored paths: ${config.ignore.map((item) => `<code>${escapeHtml(item.pattern)}</code>`).join(', ')}.</p>` : '';
  return `<section id="configuration">
<h2>Configuration in force</h2>
<p>Configuration files: ${sources}.</p>
${table}
${ignored}
</section>`;
}
