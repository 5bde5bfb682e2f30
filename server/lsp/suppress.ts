import { LineIndex, parseSuppressions, type TextEdit } from '../../rules/engine';

/** A Dockerfile parser directive (`# syntax=…`, `# escape=…`): only valid before any other line. */
const PARSER_DIRECTIVE = /^#\s*[A-Za-z][A-Za-z0-9_-]*\s*=\s*\S/;

function insertAt(lines: LineIndex, offset: number, newText: string): TextEdit {
  const position = lines.positionAt(offset);
  return { range: { start: position, end: position }, newText };
}

/**
 * "Disable <rule> for this line": joins an existing `stridelint-disable-next-line` comment above the line,
 * or inserts one with the line's own indentation.
 */
export function disableForLineEdit(text: string, line: number, ruleId: string): TextEdit {
  const lines = new LineIndex(text);
  const existing = parseSuppressions(lines).find((comment) => comment.scope === 'next-line' && comment.wholeLine && comment.targetLine === line && comment.ruleIds.length > 0);
  if (existing) return insertAt(lines, existing.ruleIds[existing.ruleIds.length - 1].span.end, `, ${ruleId}`);
  const target = Math.min(line, lines.lineCount - 1);
  const indent = /^[ \t]*/.exec(lines.lineText(target))?.[0] ?? '';
  return insertAt(lines, lines.lineStart(target), `${indent}# stridelint-disable-next-line ${ruleId}${lines.eol}`);
}

/**
 * "Disable <rule> for this file": joins an existing file-wide `stridelint-disable` comment, or inserts one at
 * the top (after a Dockerfile's parser directives, which stop working below any other line).
 */
export function disableForFileEdit(text: string, ruleId: string, kind: string | undefined): TextEdit {
  const lines = new LineIndex(text);
  const existing = parseSuppressions(lines).find((comment) => comment.scope === 'file' && comment.wholeLine && comment.ruleIds.length > 0);
  if (existing) return insertAt(lines, existing.ruleIds[existing.ruleIds.length - 1].span.end, `, ${ruleId}`);
  let line = 0;
  if (kind === 'dockerfile') {
    while (line < lines.lineCount && PARSER_DIRECTIVE.test(lines.lineText(line))) line++;
  }
  if (line >= lines.lineCount) return insertAt(lines, text.length, `${text.length > 0 && !/[\r\n]$/.test(text) ? lines.eol : ''}# stridelint-disable ${ruleId}${lines.eol}`);
  return insertAt(lines, lines.lineStart(line), `# stridelint-disable ${ruleId}${lines.eol}`);
}
