import { ALL_RULE_METAS } from '../../rules';
import { STRIDE_LABELS, formatReference, ruleDocsPath, type RuleMeta } from '../../rules/engine';

/** `stridelint rules --format json`: every rule's metadata, the engine's own included. */
export function formatRulesJson(metas: readonly RuleMeta[] = ALL_RULE_METAS): string {
  return `${JSON.stringify(
    metas.map((meta) => ({
      id: meta.id,
      kind: meta.kind,
      title: meta.title,
      stride: meta.stride,
      severity: meta.severity,
      fix: meta.fix,
      fixable: meta.fix !== 'none',
      enabledByDefault: meta.enabledByDefault !== false,
      description: meta.description,
      remediation: meta.remediation,
      references: meta.references,
      docs: ruleDocsPath(meta.id),
    })),
    null,
    2,
  )}\n`;
}

/** The rule table, as it appears in the README between its markers. */
export function formatRulesMarkdown(metas: readonly RuleMeta[] = ALL_RULE_METAS, linkPrefix = ''): string {
  const rows = metas.map((meta) => {
    const fix = meta.fix === 'fix' ? 'fix' : meta.fix === 'suggest' ? 'suggestion' : '';
    const refs = meta.references.filter((ref) => ref.source === 'cis-docker' || ref.source === 'cis-kubernetes' || ref.source === 'pss').map(formatReference).join('; ');
    return `| [\`${meta.id}\`](${linkPrefix}${ruleDocsPath(meta.id)}) | ${meta.title} | ${STRIDE_LABELS[meta.stride]} | ${meta.severity}${meta.enabledByDefault === false ? ' (off by default)' : ''} | ${fix} | ${refs} |`;
  });
  return ['| rule | what it finds | STRIDE | severity | fix | CIS / PSS |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n') + '\n';
}
