import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ALL_RULES, ALL_RULE_METAS } from '../../rules';
import { BUILTIN_RULES, type Rule, type RuleMeta } from '../../rules/engine';
import { BaselineMarks } from './baseline-marks';
import { ChartUnits } from './chart-units';
import { KustomizeUnits } from './kustomize-units';
import { ConfigStore } from './config-store';
import { DocumentState } from './document-state';
import { FileLinter } from './file-linter';
import { WorkspaceFactsStore } from './workspace-facts-store';
import { registerLifecycleHandlers } from './lifecycle-handlers';
import { LintScheduler } from './lint-scheduler';
import { pathToUri } from './paths';
import { COMMANDS, registerRequestHandlers } from './request-handlers';
import type { ClientFeatures, ServerContext } from './server-context';
import { SettingsStore } from './settings-store';
import { createServerConnection } from './stdio-connection';
import type { UnitHost, UnitProvider } from './unit-provider';
import { WorkspaceFolders } from './workspace-folders';
import { WorkspaceScanner } from './workspace-scanner';

export { COMMANDS, SCAN_WORKSPACE_REQUEST } from './request-handlers';
export type { ScanSummary } from './workspace-scanner';

export interface ServerOptions {
  /** The rules to run (tests add their own); defaults to the registry. */
  rules?: readonly Rule[];
  connection?: Connection;
}

/** Starts the language server: builds its parts and registers the protocol handlers; no logic of its own. */
export function startServer(options: ServerOptions = {}): Connection {
  const connection = options.connection ?? createServerConnection();
  const documents = new TextDocuments(TextDocument);
  const rules = options.rules ?? ALL_RULES;
  const metas = new Map<string, RuleMeta>([...ALL_RULE_METAS, ...BUILTIN_RULES, ...rules.map((rule) => rule.meta)].map((meta) => [meta.id, meta]));
  const client: ClientFeatures = { edit: { documentChanges: false, createFiles: false }, canReportProgress: false, canWatchFiles: false, canFollowFolders: false, docsCommand: COMMANDS.showDocumentation, scanOnStartup: true };

  const folders = new WorkspaceFolders();
  const settings = new SettingsStore(connection, new Set(metas.keys()), folders);
  const configs = new ConfigStore(folders, (message) => settings.warnOnce(message), (uri) => state.republish(uri));
  const state = new DocumentState(connection, documents, configs.diagnostics);
  const charts = new ChartUnits(unitHost());
  const kustomize = new KustomizeUnits(unitHost(), (path) => folders.folderFor(path)?.path);
  const units: UnitProvider[] = [charts, kustomize];
  const facts = new WorkspaceFactsStore((paths) => relintReaders(paths));
  const linter = new FileLinter({ rules, folders, configs, state, units, baselineMarks: new BaselineMarks(), facts, warnOnce: (message) => settings.warnOnce(message) });
  const scheduler = new LintScheduler({ connection, state, settings, linter });
  const scanner = new WorkspaceScanner({ connection, folders, settings, configs, linter, state, units, charts, kustomize, facts, rules, bundledRules: ALL_RULES, canReportProgress: () => client.canReportProgress, storagePath: () => client.storagePath });

  /** How unit providers see the open documents and show the findings of a unit's other files. */
  function unitHost(): UnitHost {
    return {
      openDocuments: () => new Map([...state.openByPath()].map(([path, document]) => [path, { text: document.getText(), version: document.version }])),
      publishClosed: (path, kind, findings) => {
        const uri = pathToUri(path);
        state.publishClosed(uri, kind, state.recordDisk(uri, { path, kind, findings }));
      },
      relintOpen: (path) => {
        const document = state.openByPath().get(path);
        if (document) scheduler.schedule(document);
      },
      relintUnit: (unit) => relintReaders([unit.anchor]),
    };
  }

  /** Files to lint again (they read facts that changed; a chart's anchor): open ones at their current version, the others from disk. */
  function relintReaders(paths: string[]): void {
    const open = state.openByPath();
    for (const path of paths) {
      const document = open.get(path);
      if (document) {
        scheduler.schedule(document);
        continue;
      }
      const folder = folders.folderFor(path);
      if (folder) void settings.settingsFor(folder.uri).then((resource) => linter.lintFromDisk(path, resource));
    }
  }

  const context: ServerContext = { connection, documents, metas, client, folders, settings, configs, state, units, linter, scheduler, scanner, facts };
  registerLifecycleHandlers(context);
  registerRequestHandlers(context);
  documents.listen(connection);
  connection.listen();
  return connection;
}
