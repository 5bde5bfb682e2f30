import { FILE_KINDS, STRIDE_CATEGORIES, STRIDE_EXPLANATIONS, STRIDE_LABELS, formatReference, type Severity, type Stride } from '../../rules/engine';
import { assetDescription, type Asset } from './assets';
import { SEVERITY_ORDER, buildThreatModel, plural, splitReferences, type ReportEntry, type ReportInput, type RuleGroup, type ThreatModel } from './model';
import { KIND_LABELS, REPORT_TITLE, ruleChangeText } from './text';

/** The severity marks of the Markdown heat map (GitHub renders them as coloured squares). */
export const SEVERITY_MARKS: Record<Severity, string> = { error: '🟥', warning: '🟧', info: '🟦' };

/**
 * Escapes text for one line of GitHub-flavoured Markdown, table cells included: no raw HTML, no broken
 * table (`|`), no line breaks. Backtick code spans written by rules stay code.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\r\n]+/g, ' ');
}

/** The same threat model as `renderHtmlReport`, as GitHub-flavoured Markdown for pull requests and wikis. */
export function renderMarkdownReport(input: ReportInput): string {
  const model = buildThreatModel(input);
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(input.title ?? REPORT_TITLE)}`, '');
  const subtitle = [input.scope?.length ? `Scope: ${input.scope.map((path) => `\`${path}\``).join(', ')}` : undefined, input.generatedAt ? `generated ${input.generatedAt}` : undefined, `stridelint ${input.toolVersion ?? ''}`.trim()];
  out.push(subtitle.filter(Boolean).join(' · '), '');
  out.push(...summary(model));
  for (const stride of STRIDE_CATEGORIES) out.push(...category(model, stride));
  out.push(...notAnalysed(model), ...configuration(model));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function summary(model: ThreatModel): string[] {
  const out = ['## Summary', ''];
  out.push(`| Files analysed | ${model.input.files.length} |`, '| --- | ---: |');
  for (const kind of FILE_KINDS) out.push(`| ${KIND_LABELS[kind]} | ${model.filesByKind[kind]} |`);
  out.push('', `| Findings | ${model.entries.length} |`, '| --- | ---: |');
  for (const severity of SEVERITY_ORDER) out.push(`| ${SEVERITY_MARKS[severity]} ${severity} | ${model.findingsBySeverity[severity]} |`);
  out.push('', '### Assets × STRIDE categories', '');
  if (model.matrix.length === 0) return [...out, '_No findings, so no asset is exposed in any category._', ''];
  out.push(`Each cell counts an asset’s findings in one category, marked by the highest severity among them (${SEVERITY_ORDER.map((severity) => `${SEVERITY_MARKS[severity]} ${severity}`).join(', ')}).`, '');
  out.push(`| Asset | Kind | ${STRIDE_CATEGORIES.map((stride) => STRIDE_LABELS[stride]).join(' | ')} | Total |`);
  out.push(`| --- | --- | ${STRIDE_CATEGORIES.map(() => ':---:').join(' | ')} | ---: |`);
  for (const row of model.matrix) {
    const cells = STRIDE_CATEGORIES.map((stride) => {
      const cell = row.cells[stride];
      return cell.severity ? `${SEVERITY_MARKS[cell.severity]} ${cell.count}` : '–';
    });
    out.push(`| ${assetName(row.asset)} | ${escapeMarkdown(assetDescription(row.asset))} | ${cells.join(' | ')} | ${row.total} |`);
  }
  const totals = STRIDE_CATEGORIES.map((stride) => model.matrix.reduce((sum, row) => sum + row.cells[stride].count, 0));
  out.push(`| **All assets** | | ${totals.map((total) => `**${total}**`).join(' | ')} | **${model.entries.length}** |`, '');
  if (model.cleanAssets.length) out.push(`Assets without findings: ${model.cleanAssets.map(assetName).join(', ')}.`, '');
  return out;
}

function assetName(asset: Asset): string {
  return `\`${asset.name.replace(/`/g, "'")}\``;
}

function category(model: ThreatModel, stride: Stride): string[] {
  const groups = model.byCategory[stride];
  const count = groups.reduce((sum, group) => sum + group.entries.length, 0);
  const out = [`## ${STRIDE_LABELS[stride][0]} · ${STRIDE_LABELS[stride]} (${plural(count, 'finding')})`, '', `> ${STRIDE_EXPLANATIONS[stride]}`, ''];
  if (groups.length === 0) return [...out, '_No findings in this category._', ''];
  for (const group of groups) out.push(...threat(group));
  return out;
}

function threat(group: RuleGroup): string[] {
  const { standards, peers } = splitReferences(group.meta);
  const out = [`### ${SEVERITY_MARKS[group.severity]} ${escapeMarkdown(group.meta?.title ?? group.ruleId)} (\`${group.ruleId}\`), ${plural(group.entries.length, 'finding')}`, ''];
  out.push('| Severity | Asset | Location | Evidence |', '| --- | --- | --- | --- |');
  for (const entry of group.entries) {
    const { start } = entry.finding.range;
    out.push(`| ${entry.finding.severity} | ${assetName(entry.asset)} | \`${entry.path.replace(/`/g, "'")}:${start.line + 1}:${start.character + 1}\` | ${escapeMarkdown(entry.finding.message)}${chainMarkdown(entry)} |`);
  }
  out.push('', `**Remediation.** ${group.meta ? escapeMarkdown(group.meta.remediation) : 'See the rule’s documentation.'}`, '');
  const references = standards.length ? standards.map((reference) => escapeMarkdown(formatReference(reference))).join(' · ') : 'none recorded';
  out.push(`**References.** ${references}${peers.length ? `. Also checked by ${peers.map((reference) => escapeMarkdown(formatReference(reference))).join(' · ')}` : ''}.`, '');
  return out;
}

/** A cross-file chain after the evidence, in the same table cell. */
function chainMarkdown(entry: ReportEntry): string {
  if (!entry.chain) return '';
  return ` Chain: ${entry.chain.map((link) => `${escapeMarkdown(link.label)} (\`${link.path.replace(/`/g, "'")}:${link.range.start.line + 1}\`)`).join(' → ')}`;
}

function notAnalysed(model: ThreatModel): string[] {
  const out = ['## Not analysed', ''];
  if (model.notAnalysed.length === 0) return [...out, '_Every file found was analysed._', ''];
  for (const item of model.notAnalysed) out.push(`- \`${item.path}${item.line ? `:${item.line}` : ''}\`: ${escapeMarkdown(item.reason)}`);
  return [...out, ''];
}

function configuration(model: ThreatModel): string[] {
  const out = ['## Configuration in force', ''];
  const config = model.input.configuration;
  if (!config) return [...out, '_Not recorded for this report._', ''];
  out.push(`Configuration files: ${config.sources.length ? config.sources.map((source) => `\`${source}\``).join(', ') : 'none found: every rule at its default severity'}.`, '');
  const rows = config.ruleChanges.map((change) => `| \`${change.ruleId}\` | ${ruleChangeText(change)} | ${change.files ? `\`${change.files.join(', ')}\`` : 'all files'} | \`${change.source}\` |`);
  for (const off of config.categoriesOff) rows.push(`| ${STRIDE_LABELS[off.stride]} (category) | off | ${off.files ? `\`${off.files.join(', ')}\`` : 'all files'} | \`${off.source}\` |`);
  if (rows.length) out.push('| Rule | Setting | Files | Set in |', '| --- | --- | --- | --- |', ...rows, '');
  else out.push('_No rule is turned off or re-levelled._', '');
  if (config.ignore.length) out.push(`Ignored paths: ${config.ignore.map((item) => `\`${item.pattern}\``).join(', ')}.`, '');
  return out;
}
