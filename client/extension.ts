import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ruleDocsUrl } from '../rules/engine/docs-location';
import { statusText, statusTooltip } from './threats';
import { ThreatsView, collectThreats } from './threats-view';
import { OPEN_THREAT_REPORT_COMMAND } from './report-html';
import { registerThreatReport } from './report-panel';
import { SERVER_EXEC_ARGV, serverEnvironment } from './server-launch';

/** Commands the extension contributes (package.json `contributes.commands` lists the same ids). */
export const COMMANDS = {
  scanWorkspace: 'stridelint.scanWorkspace',
  fixAllInFile: 'stridelint.fixAllInFile',
  showRuleDocumentation: 'stridelint.showRuleDocumentation',
  restartServer: 'stridelint.restartServer',
  openThreatReport: OPEN_THREAT_REPORT_COMMAND,
};

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    // Its node flags and malloc settings: client/server-launch.ts.
    // stdio, not node IPC: over stdio the server writes an open document's unchanged diagnostics from kept JSON
    // bytes (server/lsp/message-json.ts); node IPC stringifies every message itself (52,800-line manifest: ≈ 20
    // vs ≈ 28 ms of server CPU per keystroke).
    run: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_EXEC_ARGV], env: serverEnvironment(process.env) } },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'], env: serverEnvironment(process.env) } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'untitled', language: 'dockerfile' },
      { scheme: 'file', language: 'dockercompose' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', pattern: '**/daemon.json' },
      // dockerd/kubelet units, drop-ins and environment files, audit rules: the server checks their content.
      { scheme: 'file', pattern: '**/*.{service,service.j2,service.tmpl}' },
      { scheme: 'file', pattern: '**/*.service.d/*.{conf,conf.j2,conf.tmpl}' },
      { scheme: 'file', pattern: '**/10-kubeadm.conf' },
      { scheme: 'file', pattern: '**/{default,sysconfig}/{docker,kubelet,docker-network,docker-storage}' },
      { scheme: 'file', pattern: '**/kubeadm-flags.env' },
      { scheme: 'file', pattern: '**/{audit.rules,rules.d/*.rules}' },
      { scheme: 'file', pattern: '**/{.env,.env.*,*.env}' },
      { scheme: 'file', pattern: '**/config.json' },
      // Helm helpers: an unsaved edit of _helpers.tpl re-renders its chart.
      { scheme: 'file', pattern: '**/templates/**/*.tpl' },
      { scheme: 'file', pattern: '**/{Dockerfile,Containerfile,*.dockerfile,*.containerfile,Dockerfile.*,Containerfile.*}' },
    ],
    synchronize: { configurationSection: ['stridelint', 'files.exclude'] },
    // The scan cache lives in the extension's storage folder (never in the workspace).
    initializationOptions: { documentationCommand: COMMANDS.showRuleDocumentation, storagePath: (context.storageUri ?? context.globalStorageUri).fsPath },
  };
  // The id `stridelint` makes the client honour `stridelint.trace.server`.
  client = new LanguageClient('stridelint', 'stridelint', serverOptions, clientOptions);

  const view = new ThreatsView();
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  status.name = 'stridelint threats';
  status.command = 'stridelint.threats.focus';
  let pending: NodeJS.Timeout | undefined;
  const refresh = () => {
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => {
      const categories = view.refresh(collectThreats());
      status.text = statusText(categories);
      status.tooltip = statusTooltip(categories);
      status.show();
    }, 200);
  };

  context.subscriptions.push(
    status,
    vscode.window.registerTreeDataProvider('stridelint.threats', view),
    vscode.languages.onDidChangeDiagnostics(refresh),
    vscode.commands.registerCommand(COMMANDS.scanWorkspace, async () => {
      const summary = await client?.sendRequest<{ files: number; findings: number; cancelled: boolean }>('stridelint/scanWorkspace');
      if (summary) void vscode.window.showInformationMessage(`stridelint: ${summary.files} files scanned, ${summary.findings} findings${summary.cancelled ? ' (cancelled)' : ''}.`);
    }),
    vscode.commands.registerCommand(COMMANDS.fixAllInFile, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      await vscode.commands.executeCommand('stridelint.server.fixAll', editor.document.uri.toString());
    }),
    vscode.commands.registerCommand(COMMANDS.showRuleDocumentation, async (ruleId?: unknown) => {
      const id = typeof ruleId === 'string' ? ruleId : await vscode.window.showQuickPick(listDocumentedRules(context), { placeHolder: 'Rule' });
      if (id) await showDocumentation(context, id);
    }),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      await client?.restart();
    }),
    // Room for more commands here.
    ...registerThreatReport(() => client),
  );
  refresh();
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Rule ids with a page under the extension's `docs/rules/` (shipped in the VSIX). */
function listDocumentedRules(context: vscode.ExtensionContext): string[] {
  const root = context.asAbsolutePath(join('docs', 'rules'));
  try {
    return readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((kind) => readdirSync(join(root, kind.name)).filter((file) => file.endsWith('.md')).map((file) => `${kind.name}/${file.slice(0, -3)}`))
      .sort();
  } catch {
    return [];
  }
}

/** Opens a rule's page from the VSIX in the Markdown preview; on the web when it is not there. */
async function showDocumentation(context: vscode.ExtensionContext, ruleId: string): Promise<void> {
  const page = vscode.Uri.file(context.asAbsolutePath(join('docs', 'rules', `${ruleId}.md`)));
  try {
    await vscode.workspace.fs.stat(page);
    await vscode.commands.executeCommand('markdown.showPreview', page);
  } catch {
    await vscode.env.openExternal(vscode.Uri.parse(ruleDocsUrl(ruleId)));
  }
}
