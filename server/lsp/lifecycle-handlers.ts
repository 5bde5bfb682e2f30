import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { CodeActionKind, DidChangeWatchedFilesNotification, FileChangeType, TextDocumentSyncKind, type FileEvent, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { baseName, isIgnored } from '../../rules/engine';
import { CONFIG_FILE_NAMES } from '../shared/config-loader';
import { FIX_ALL_KIND } from './code-actions';
import { relativeTo, uriToPath } from './paths';
import { COMMANDS } from './request-handlers';
import type { ServerContext } from './server-context';
import { isExcludedPath } from './settings';
import { isCandidateFile } from './workspace-scan';

/** Initialisation, settings, workspace folders, document open/edit/close and watched files. */
export function registerLifecycleHandlers(context: ServerContext): void {
  const { connection, documents, client, folders, settings, configs, state, units, linter, scheduler, scanner, facts } = context;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    client.edit = {
      documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
      createFiles: capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true,
    };
    settings.canPull = capabilities.workspace?.configuration === true;
    client.canReportProgress = capabilities.window?.workDoneProgress === true;
    client.canWatchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    client.canFollowFolders = capabilities.workspace?.workspaceFolders === true;
    const initOptions = (params.initializationOptions ?? {}) as { documentationCommand?: unknown; scanOnStartup?: unknown; storagePath?: unknown };
    if (typeof initOptions.documentationCommand === 'string') client.docsCommand = initOptions.documentationCommand;
    if (typeof initOptions.storagePath === 'string' && isAbsolute(initOptions.storagePath)) client.storagePath = initOptions.storagePath.replace(/\\/g, '/').replace(/\/+$/, '');
    if (initOptions.scanOnStartup === false) client.scanOnStartup = false;
    const workspaceFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    folders.set(workspaceFolders.map((folder) => folder.uri));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        executeCommandProvider: { commands: Object.values(COMMANDS) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'stridelint', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (client.canWatchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/.stridelint.{yaml,yml}' }, { globPattern: '**/*.{yaml,yml,json,tpl,tgz}' }, { globPattern: '**/*{Dockerfile,dockerfile,Containerfile,containerfile}*' }],
      });
    }
    if (client.canFollowFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        for (const folder of event.removed) state.clearUnder(uriToPath(folder.uri));
        folders.change(
          event.added.map((folder) => folder.uri),
          event.removed.map((folder) => folder.uri),
        );
        settings.foldersChanged();
        void scanner.scan();
      });
    }
    if (client.scanOnStartup && folders.all().length > 0) void scanner.scan();
  });

  connection.onDidChangeConfiguration(async (params) => {
    // VS Code announces the settings right after start-up: rescan only when a folder's settings really changed.
    // Take the old settings and clear the cache before any await, so that a request arriving meanwhile
    // (a scan, a lint) already reads the new settings.
    const previous = folders.all().map((folder) => settings.readBefore(folder.uri));
    settings.replace(params.settings);
    const before = await Promise.all(previous);
    scheduler.relintAll();
    const current = await Promise.all(folders.all().map((folder) => settings.settingsFor(folder.uri)));
    // A folder whose settings were never read has nothing that depends on them: it counts as unchanged.
    const after = JSON.stringify(current);
    const beforeText = JSON.stringify(current.map((resource, index) => before[index] ?? resource));
    if (after !== beforeText) onConfigFileChanged();
  });

  // An open fires onDidOpen and then onDidChangeContent for the same document, in one call: the open is linted
  // at once (no edit of it can be pending yet), every change through the scheduler's burst handling.
  let opening: string | undefined;
  documents.onDidOpen((event) => {
    opening = event.document.uri;
  });
  documents.onDidChangeContent((event) => {
    const { document } = event;
    if (opening === document.uri) scheduler.opened(document);
    else scheduler.schedule(document);
    opening = undefined;
  });
  documents.onDidSave((event) => {
    if (CONFIG_FILE_NAMES.includes(baseName(uriToPath(event.document.uri)))) onConfigFileChanged();
  });
  documents.onDidClose((event) => {
    const { uri } = event.document;
    scheduler.closed(uri);
    const path = uriToPath(uri);
    // A workspace file keeps its findings in the Problems panel, read from disk again; anything else is cleared.
    if (uri.startsWith('file:') && folders.folderFor(path) && existsSync(path)) {
      void settings.settingsFor(uri).then((resource) => {
        if (!documents.get(uri) && !linter.lintFromDisk(path, resource)) state.publish(uri, undefined, []);
      });
    } else {
      state.publish(uri, undefined, []);
      // Its unsaved facts go with it (nothing reads this file from disk): other files stop reading them, and the
      // index and its readers do not grow with every file opened outside the workspace.
      if (!state.openByPath().has(path)) facts.delete(path);
    }
  });

  function onConfigFileChanged(): void {
    state.clearConfigDiagnostics(configs.reset());
    scheduler.relintAll();
    void scanner.scan();
  }

  connection.onDidChangeWatchedFiles((params) => {
    if (params.changes.some((change) => CONFIG_FILE_NAMES.includes(baseName(uriToPath(change.uri))))) {
      onConfigFileChanged();
      return;
    }
    for (const change of params.changes) {
      if (!change.uri.startsWith('file:') || documents.get(change.uri)) continue;
      scanner.diskChanged(() => applyDiskChange(change));
    }
  });

  /** A file changed, created or deleted on disk (not open in the editor): its unit, its facts, its lint. */
  function applyDiskChange(change: FileEvent): void {
    if (documents.get(change.uri)) return;
    const path = uriToPath(change.uri);
    const unit = units.map((provider) => provider.diskChanged(path)).find((changed) => changed !== undefined);
    const unitFolder = unit ? folders.folderFor(unit.root) : undefined;
    if (unit && unitFolder) {
      // Any file of a unit (a chart's helper, values file, subchart) re-lints the whole unit.
      void settings.settingsFor(unitFolder.uri).then((resource) => linter.lintText('', unit.anchor, resource));
      return;
    }
    if (change.type === FileChangeType.Deleted) {
      state.clearUnder(path);
      facts.deleteUnder(path); // a deleted (or renamed-away) file or folder: its facts go, their readers re-lint
      return;
    }
    const folder = folders.folderFor(path);
    if (!folder) return;
    void settings.settingsFor(folder.uri).then((resource) => {
      const relative = relativeTo(folder.path, path) ?? path;
      const config = configs.configFor(path, resource.settings);
      if (isExcludedPath(relative, [...resource.filesExclude, ...resource.settings.exclude]) || isIgnored(config, path)) return;
      if (isCandidateFile(path, config, relativeTo(config.baseDir || folder.path, path) ?? relative)) linter.lintFromDisk(path, resource);
    });
  }
}
