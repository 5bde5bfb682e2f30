import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { ConfigurationError } from '../../rules/engine';
import { SOURCE } from './convert';

/**
 * An invalid `.stridelint.yaml` as diagnostics on that file, one per mistake, at the key to change
 * (to the end of its line). Grouped by file; `lineText` reads a line of a file (0-based).
 */
export function configErrorDiagnostics(error: ConfigurationError, lineText: (file: string, line: number) => string): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const mistake of error.errors) {
    const line = Math.max(0, (mistake.line ?? 1) - 1);
    const character = Math.max(0, (mistake.column ?? 1) - 1);
    const end = Math.max(character, lineText(mistake.source, line).length);
    const diagnostic: Diagnostic = {
      range: { start: { line, character }, end: { line, character: end } },
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      message: `Invalid stridelint configuration: ${mistake.message.replace(/\.$/, '')}. Until it is fixed, stridelint lints with its defaults.`,
    };
    byFile.set(mistake.source, [...(byFile.get(mistake.source) ?? []), diagnostic]);
  }
  return byFile;
}
