import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { RuleMeta } from '../../rules/engine';
import type { ConfigStore } from './config-store';
import type { EditCapabilities } from './convert';
import type { DocumentState } from './document-state';
import type { FileLinter } from './file-linter';
import type { WorkspaceFactsStore } from './workspace-facts-store';
import type { LintScheduler } from './lint-scheduler';
import type { SettingsStore } from './settings-store';
import type { UnitProvider } from './unit-provider';
import type { WorkspaceFolders } from './workspace-folders';
import type { WorkspaceScanner } from './workspace-scanner';

/** What the client said it can do (and asked for) at initialisation. */
export interface ClientFeatures {
  edit: EditCapabilities;
  canReportProgress: boolean;
  canWatchFiles: boolean;
  canFollowFolders: boolean;
  /** The command that opens a rule's documentation (client-side in VS Code, server-side elsewhere). */
  docsCommand: string;
  scanOnStartup: boolean;
  /** The extension's storage folder (initializationOptions.storagePath): the scan cache lives there; none, no cache. */
  storagePath?: string;
}

/** The server's parts, as the protocol handlers see them. */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  metas: ReadonlyMap<string, RuleMeta>;
  client: ClientFeatures;
  folders: WorkspaceFolders;
  settings: SettingsStore;
  configs: ConfigStore;
  state: DocumentState;
  units: readonly UnitProvider[];
  linter: FileLinter;
  /** The workspace index of facts (a deleted file's facts are dropped here). */
  facts: WorkspaceFactsStore;
  scheduler: LintScheduler;
  scanner: WorkspaceScanner;
}
