import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { OPEN_THREAT_REPORT_COMMAND, REVEAL_COMMAND, THREAT_REPORT_REQUEST, findingsFingerprint, makeNonce, messageHtml, panelTitle, parseRevealArgument, revealColumn, webviewHtml } from './report-html';
import { collectThreats } from './threats-view';


/** Quiet time after the last change of findings before the report is asked for again. */
const REFRESH_DEBOUNCE_MS = 500;

/**
 * "stridelint: Open threat model report": the server's STRIDE report in a webview, with no script and nothing
 * remote (see report-html.ts), re-rendered when stridelint's findings change (debounced; only while the
 * panel is visible, else once it shows again). Its links run REVEAL_COMMAND, which opens the finding.
 */
export function registerThreatReport(getClient: () => LanguageClient | undefined): vscode.Disposable[] {
  let panel: vscode.WebviewPanel | undefined;
  let timer: NodeJS.Timeout | undefined;
  let shown: string | undefined;
  let generation = 0;

  async function render(force: boolean): Promise<void> {
    if (!panel) return;
    const fingerprint = findingsFingerprint(collectThreats());
    if (!panel.visible || (!force && fingerprint === shown)) return;
    const client = getClient();
    const nonce = makeNonce();
    const mine = ++generation;
    try {
      if (!client) throw new Error('the stridelint server is not running');
      const result = await client.sendRequest<{ html: string; findings: number }>(THREAT_REPORT_REQUEST, { styleNonce: nonce, revealCommand: REVEAL_COMMAND });
      if (!panel || mine !== generation) return;
      panel.webview.html = webviewHtml(result.html, nonce);
      panel.title = panelTitle(result);
      shown = fingerprint;
    } catch (error) {
      if (!panel || mine !== generation) return;
      panel.webview.html = messageHtml('The threat model could not be made', `${String((error as Error).message ?? error).replace(/\.$/, '')}. It is tried again when findings change.`, nonce);
      shown = undefined;
    }
  }

  let forceNext = false;
  function schedule(force = false): void {
    if (!panel) return;
    forceNext ||= force;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const forced = forceNext;
      forceNext = false;
      void render(forced);
    }, REFRESH_DEBOUNCE_MS);
  }

  function open(): void {
    if (panel) {
      panel.reveal();
      schedule(true); // once it shows: asked for again even when the findings are the same
      return;
    }
    panel = vscode.window.createWebviewPanel(
      'stridelint.threatReport',
      'Threat model',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { enableScripts: false, enableCommandUris: [REVEAL_COMMAND], localResourceRoots: [], enableFindWidget: true },
    );
    panel.webview.html = messageHtml('STRIDE threat model', 'Asking the stridelint server for the report…', makeNonce());
    panel.onDidChangeViewState(() => schedule());
    panel.onDidDispose(() => {
      panel = undefined;
      shown = undefined;
      if (timer) clearTimeout(timer);
    });
    void render(true);
  }

  async function reveal(argument: unknown): Promise<void> {
    const target = parseRevealArgument(argument);
    if (!target) return;
    const { start, end } = target.range;
    try {
      await vscode.window.showTextDocument(vscode.Uri.parse(target.uri), {
        selection: new vscode.Range(start.line, start.character, end.line, end.character),
        viewColumn: revealColumn(panel?.viewColumn),
        preview: true,
      });
    } catch (error) {
      void vscode.window.showWarningMessage(`stridelint: cannot open ${target.uri} (${(error as Error).message}).`);
    }
  }

  return [
    vscode.commands.registerCommand(OPEN_THREAT_REPORT_COMMAND, open),
    vscode.commands.registerCommand(REVEAL_COMMAND, reveal),
    vscode.languages.onDidChangeDiagnostics(() => schedule()),
    { dispose: () => panel?.dispose() },
  ];
}
