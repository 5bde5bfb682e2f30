import { parseForeignPragmas, type ForeignPragma, type ForeignTool } from './foreign-pragmas';
import type { LineIndex } from './line-index';
import type { FileKind, Finding, RuleMeta } from './types';

/**
 * The peers' suppressions honoured: a finding is suppressed when a pragma of another tool covers its line
 * and names a check that the rule's `references` map to (or ignores all of that tool's checks, for rules
 * that have an equivalent there). Ids a rule does not reference belong to the other tool and are ignored.
 * Suppressed findings are returned, never dropped: adapters report them as suppressed.
 */
export function applyForeignSuppressions(
  findings: Finding[],
  text: string,
  kind: FileKind,
  lines: LineIndex,
  metaOf: (ruleId: string) => RuleMeta | undefined,
): { kept: Finding[]; suppressed: Finding[] } {
  if (!/hadolint|checkov|kics-scan|trivy:ignore|kube-linter|polaris\.fairwinds/.test(text)) return { kept: findings, suppressed: [] };
  let pragmas: ForeignPragma[];
  try {
    pragmas = parseForeignPragmas(text, kind, lines);
  } catch {
    return { kept: findings, suppressed: [] };
  }
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    const meta = metaOf(finding.ruleId);
    const line = finding.range.start.line;
    const pragma = meta && pragmas.find((candidate) => candidate.firstLine <= line && line <= candidate.lastLine && covers(candidate, meta));
    if (pragma) suppressed.push({ ...finding, suppression: { kind: 'inSource', tool: pragma.tool, pragma: pragma.pragma, line: pragma.line } });
    else kept.push(finding);
  }
  return { kept, suppressed };
}

function covers(pragma: ForeignPragma, meta: RuleMeta): boolean {
  const ids = meta.references.filter((reference) => reference.source === pragma.tool).map((reference) => normaliseId(pragma.tool, reference.id));
  if (ids.length === 0) return false;
  if (pragma.ids === 'all') return true;
  return pragma.ids.some((id) => ids.includes(normaliseId(pragma.tool, id)));
}

/**
 * One spelling per check: Trivy's `KSV014`, `KSV-0014` and `AVD-KSV-0014` are the same check; KICS ids
 * are UUIDs in any case; the others compare as written.
 */
export function normaliseId(tool: ForeignTool, id: string): string {
  if (tool === 'trivy') {
    const match = /^(?:AVD-)?([A-Z]+)-?0*(\d+)$/i.exec(id.trim());
    return match ? `${match[1].toUpperCase()}${Number(match[2])}` : id.trim().toUpperCase();
  }
  if (tool === 'kics') return id.trim().toLowerCase();
  return id.trim();
}
