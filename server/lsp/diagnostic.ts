import type { CodeDescription, Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import { STRIDE_LABELS, ruleDocsUrl, type FileKind, type Finding, type Severity, type Stride } from '../../rules/engine';
import { pathToUri } from './paths';

/**
 * Findings as LSP diagnostics, apart from the rest of convert.ts so that the scan's worker threads build them
 * too (their bundle does not take in vscode-languageserver: the protocol's numbers are written here, and a test
 * holds them to the library's).
 */

export const SOURCE = 'stridelint';

/**
 * What a stridelint diagnostic carries (the code-action handler never reads the message). No fixes: a
 * keystroke would serialise every fix of the file; code actions take them from the findings of the version.
 */
export interface DiagnosticData {
  ruleId: string;
  stride: Stride;
  fileKind?: FileKind;
}

/** The protocol's DiagnosticSeverity and DiagnosticTag values. */
export const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: 1, warning: 2, info: 3 };
export const HINT: DiagnosticSeverity = 4;
export const UNNECESSARY: DiagnosticTag = 1;

/**
 * One finding as an LSP diagnostic: the STRIDE category leads the message; code links to the rule's page. No
 * document version in it (the publish carries that), so an unchanged finding's diagnostic serves every version.
 * Optional members are added after the others rather than spread in (a spread builds an object to copy from),
 * in the order the JSON lists them.
 */
export function toDiagnostic(finding: Finding, fileKind: FileKind | undefined): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, stride: finding.stride };
  if (fileKind) data.fileKind = fileKind;
  const baselined = finding.data?.baselined === true;
  const diagnostic: Diagnostic = {
    range: finding.range,
    // A finding the configured baseline accepts stays visible but faint (the `hide` setting drops it earlier).
    severity: baselined ? HINT : SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    codeDescription: codeDescriptionOf(finding.ruleId),
    message: `[${STRIDE_LABELS[finding.stride]}] ${finding.message}${baselined ? ' (baselined)' : ''}`,
  };
  if (finding.ruleId === 'stridelint/unused-suppression') diagnostic.tags = [UNNECESSARY];
  if (finding.related?.length) diagnostic.relatedInformation = finding.related.map((entry) => ({ location: { uri: pathToUri(entry.path), range: entry.range }, message: entry.message }));
  diagnostic.data = data;
  return diagnostic;
}

/** One `codeDescription` per rule, shared by its diagnostics (nothing changes one): not a URL and an object per finding. */
const codeDescriptions = new Map<string, CodeDescription>();

function codeDescriptionOf(ruleId: string): CodeDescription {
  let description = codeDescriptions.get(ruleId);
  if (!description) codeDescriptions.set(ruleId, (description = { href: ruleDocsUrl(ruleId) }));
  return description;
}

/** The JSON of the diagnostics a closed file's findings publish as (what publishClosed sends, config diagnostics aside). */
export function diagnosticsJsonOf(findings: readonly Finding[], kind: FileKind | undefined): string {
  return JSON.stringify(findings.map((finding) => toDiagnostic(finding, kind)));
}
