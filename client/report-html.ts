/**
 * The threat-model webview's pure parts (no `vscode`, so they are unit-tested): its content security policy,
 * the wrapping of the server's report in it, the argument check of the link command, and the fingerprint that
 * tells whether findings changed.
 *
 * Links back to findings are `command:` URIs (the server writes them through `linkFor`), allowed for one
 * command only (`enableCommandUris: [REVEAL_COMMAND]`). That needs no script in the webview at all: the policy
 * has no `script-src`, so `default-src 'none'` forbids every script, and the report, which quotes text from
 * the workspace (messages, names), runs nothing even if an escaping bug let markup through. A `postMessage`
 * protocol would need an inline script with a nonce and `enableScripts`, for no gain.
 */
import { randomBytes } from 'node:crypto';
import type { ThreatFinding } from './threats';

/** The language-server request that returns the report (server/lsp/threat-report.ts). */
export const THREAT_REPORT_REQUEST = 'stridelint/threatReport';
/** "stridelint: Open threat model report" (package.json `contributes.commands`). */
export const OPEN_THREAT_REPORT_COMMAND = 'stridelint.openThreatReport';
/** The client command a report link runs: opens `{ uri, range }` in an editor (not in the palette). */
export const REVEAL_COMMAND = 'stridelint.revealLocation';

export interface RevealTarget {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** A fresh nonce per rendering (base64 of 18 random bytes: no padding, 24 characters). */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

/** Nothing remote, no script, no frame, no form; the report's one `<style>` by its nonce. */
export function webviewCsp(nonce: string): string {
  return `default-src 'none'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`;
}

const CSP_META = /<meta\s+http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>\s*/gi;

/**
 * The server's report as the webview's document: whatever policy it carries is replaced by `webviewCsp`,
 * placed first in `<head>` so that it governs everything after it. Not a document ⇒ an error page instead.
 */
export function webviewHtml(reportHtml: string, nonce: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(reportHtml);
  if (!head) return messageHtml('The threat model could not be shown', 'The stridelint server returned something that is not an HTML document.', nonce);
  const at = head.index + head[0].length;
  const meta = `\n<meta http-equiv="Content-Security-Policy" content="${webviewCsp(nonce)}">`;
  return reportHtml.slice(0, at).replace(CSP_META, '') + meta + reportHtml.slice(at).replace(CSP_META, '');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A short page for the panel's other states (waiting for the server, an error), under the same policy. */
export function messageHtml(title: string, message: string, nonce: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Security-Policy" content="${webviewCsp(nonce)}">
<meta charset="utf-8">
<title>${escapeText(title)}</title>
<style nonce="${nonce}">body{font:14px/1.5 var(--vscode-font-family,system-ui,sans-serif);color:var(--vscode-foreground);padding:24px 32px}h1{font-size:18px}</style>
</head>
<body><h1>${escapeText(title)}</h1><p>${escapeText(message)}</p></body>
</html>
`;
}

const isPosition = (value: unknown): value is RevealTarget['range']['start'] => {
  const position = value as { line?: unknown; character?: unknown } | null;
  return typeof position === 'object' && position !== null && Number.isSafeInteger(position.line) && Number.isSafeInteger(position.character) && (position.line as number) >= 0 && (position.character as number) >= 0;
};

/**
 * The link command's argument, checked: a `file:` or `untitled:` URI and a range of non-negative integers.
 * Anything else (a hand-made `command:` link with other schemes or odd values) ⇒ undefined, and nothing opens.
 */
export function parseRevealArgument(argument: unknown): RevealTarget | undefined {
  const value = argument as { uri?: unknown; range?: { start?: unknown; end?: unknown } } | null;
  if (typeof value !== 'object' || value === null || typeof value.uri !== 'string' || !/^(file|untitled):/i.test(value.uri)) return undefined;
  if (!isPosition(value.range?.start) || !isPosition(value.range?.end)) return undefined;
  return { uri: value.uri, range: { start: { line: value.range.start.line, character: value.range.start.character }, end: { line: value.range.end.line, character: value.range.end.character } } };
}

/** The editor column a link opens in: the first one, unless the report itself is there (then the second). */
export function revealColumn(panelColumn: number | undefined): number {
  return panelColumn === 1 ? 2 : 1;
}

/** Identifies the findings the report was made from: equal fingerprints ⇒ no need to ask the server again. */
export function findingsFingerprint(findings: readonly ThreatFinding[]): string {
  return findings
    .map((finding) => `${finding.uri}\u0000${finding.line}:${finding.character}\u0000${finding.ruleId}\u0000${finding.severity}\u0000${finding.message}`)
    .sort()
    .join('\u0001');
}

/** The panel's title: the report's name and its finding count. */
export function panelTitle(result: { findings: number }): string {
  return `Threat model (${result.findings} ${result.findings === 1 ? 'finding' : 'findings'})`;
}
