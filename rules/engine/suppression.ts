import type { LineIndex } from './line-index';
import type { Span } from './types';

/**
 * Suppression comments in files that can hold `#` comments (Dockerfile, YAML):
 *   # stridelint-disable-next-line <rule-id>[, <rule-id>] -- reason
 *   # stridelint-disable <rule-id>[, <rule-id>] -- reason        (whole file)
 */
export interface SuppressionComment {
  scope: 'next-line' | 'file';
  /** Zero-based line of the comment. */
  line: number;
  /** The line a next-line suppression applies to (the next line that is not blank or a comment). */
  targetLine: number;
  /** From the `#` to the end of the line. */
  commentSpan: Span;
  /** True when the line holds nothing but the comment. */
  wholeLine: boolean;
  ruleIds: Array<{ id: string; span: Span; used: boolean }>;
  reason?: string;
}

const DIRECTIVE = /(^|\s)#\s*stridelint-disable(-next-line)?(?=\s|$)(.*)$/;

export function parseSuppressions(lines: LineIndex): SuppressionComment[] {
  const result: SuppressionComment[] = [];
  // Most files have none: one search of the text instead of a slice per line.
  if (!lines.text.includes('stridelint-disable')) return result;
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    if (!text.includes('stridelint-disable')) continue;
    const match = DIRECTIVE.exec(text);
    if (!match) continue;
    const hashColumn = match.index + match[1].length;
    const lineStart = lines.lineStart(line);
    const rest = match[3];
    const restColumn = text.length - rest.length;
    const separator = rest.indexOf('--');
    const idsText = separator >= 0 ? rest.slice(0, separator) : rest;
    const reason = separator >= 0 ? rest.slice(separator + 2).trim() || undefined : undefined;
    const ruleIds: SuppressionComment['ruleIds'] = [];
    const idPattern = /[^\s,]+/g;
    let idMatch: RegExpExecArray | null;
    while ((idMatch = idPattern.exec(idsText))) {
      const start = lineStart + restColumn + idMatch.index;
      ruleIds.push({ id: idMatch[0], span: { start, end: start + idMatch[0].length }, used: false });
    }
    const scope = match[2] ? 'next-line' : 'file';
    result.push({
      scope,
      line,
      targetLine: scope === 'next-line' ? nextCodeLine(lines, line) : -1,
      commentSpan: { start: lineStart + hashColumn, end: lineStart + text.length },
      wholeLine: text.slice(0, hashColumn).trim() === '',
      ruleIds,
      reason,
    });
  }
  return result;
}

function nextCodeLine(lines: LineIndex, line: number): number {
  for (let next = line + 1; next < lines.lineCount; next++) {
    const text = lines.lineText(next).trim();
    if (text !== '' && !text.startsWith('#')) return next;
  }
  return line + 1;
}

/** Marks and returns whether a finding of `ruleId` starting on `line` is suppressed. */
export function isSuppressed(suppressions: SuppressionComment[], ruleId: string, line: number): boolean {
  let suppressed = false;
  for (const suppression of suppressions) {
    if (suppression.scope === 'next-line' && suppression.targetLine !== line) continue;
    for (const entry of suppression.ruleIds) {
      if (entry.id === ruleId) {
        entry.used = true;
        suppressed = true;
      }
    }
  }
  return suppressed;
}
