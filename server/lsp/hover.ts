import { STRIDE_EXPLANATIONS, STRIDE_LABELS, formatReference, ruleDocsUrl, type Finding, type RuleMeta } from '../../rules/engine';

/** Hover text for one flagged range: title, the STRIDE threat in one line, references, remediation, docs link. */
export function hoverMarkdown(finding: Finding, meta: RuleMeta | undefined, effective?: { severity: string; origin: string }): string {
  const label = STRIDE_LABELS[finding.stride];
  const lines = [`**${meta?.title ?? finding.ruleId}** — \`${finding.ruleId}\``, '', `**${label}**: ${STRIDE_EXPLANATIONS[finding.stride]}`, '', finding.message];
  // Which preset or key made this rule's severity what it is (`stridelint rules --effective` lists all).
  if (effective) lines.push('', `Severity: ${effective.severity} (from ${effective.origin})`);
  if (meta) {
    const references = meta.references.filter((reference) => reference.source === 'cis-docker' || reference.source === 'cis-kubernetes' || reference.source === 'pss');
    if (references.length > 0) lines.push('', `References: ${references.map(formatReference).join('; ')}`);
    lines.push('', `**Fix:** ${meta.remediation}`);
  }
  // A Helm template's or a kustomize build's finding: the rendered text the rules judged, which the file alone does not show.
  const rendered = finding.data?.renderedSnippet;
  const renderedFrom = finding.data?.helmTemplate ?? (finding.data?.kustomization !== undefined ? `kustomize build ${String(finding.data.kustomization)}` : 'template');
  if (typeof rendered === 'string') lines.push('', `Rendered (${String(renderedFrom)}):`, '', '```yaml', rendered.replace(/```/g, '` ` `'), '```');
  for (const related of finding.related ?? []) lines.push('', `See also ${related.path.slice(related.path.lastIndexOf('/') + 1)}:${related.range.start.line + 1} — ${related.message}`);
  lines.push('', `[Documentation](${ruleDocsUrl(finding.ruleId)})`);
  return lines.join('\n');
}
