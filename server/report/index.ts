/**
 * The STRIDE threat-model report: pure functions from a run's data to one document.
 *
 * - `renderHtmlReport(input, { linkFor, styleNonce })`: a self-contained HTML page (inline CSS and SVG, no
 *   script, nothing remote, its own content security policy); `linkFor(path, range)` may turn each finding's
 *   location into a link (a webview's `command:` URI); `styleNonce` suits a webview's nonce-based policy.
 * - `renderMarkdownReport(input)`: the same content as GitHub-flavoured Markdown.
 *
 * `input` is a `ReportInput`: the files linted (`path`, `kind`, `findings`, `skipped?`, `assets?`), and
 * optionally the configuration in force, walk problems, a title, the scope and a timestamp. Give each file
 * `assets: fileAssets(text, path, kind)` to place findings on images, services and workloads; without them
 * a finding's asset is its file; a rule may name it in `finding.data.asset`. `collectReportInput` builds the
 * input from a CLI run (it reads the files and the configuration; the rest of this module is pure).
 */
export { renderHtmlReport, type HtmlReportOptions } from './render-html';
export { renderMarkdownReport, escapeMarkdown } from './render-markdown';
export { fileAssets, fileAsset, assignAssets, assetDescription, ASSET_KIND_LABELS, type Asset, type AssetKind } from './assets';
export { buildThreatModel, countedFindings, type ReportInput, type ReportFile, type ReportConfiguration, type RuleChange, type ThreatModel, type ReportEntry, type MatrixRow, type MatrixCell } from './model';
export { findingChain, type ChainLink } from './chains';
export { describeConfiguration } from './configuration';
export { collectReportInput } from './collect';
export { escapeHtml } from './text';
