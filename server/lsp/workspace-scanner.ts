import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { isIgnored } from '../../rules/engine';
import type { ConfigStore } from './config-store';
import type { DocumentState } from './document-state';
import type { FileLinter } from './file-linter';
import { pathToUri, relativeTo } from './paths';
import { isExcludedPath } from './settings';
import type { ResourceSettings, SettingsStore } from './settings-store';
import type { UnitProvider } from './unit-provider';
import type { WorkspaceFolders } from './workspace-folders';
import { isCandidateFile, listFiles, yieldToEventLoop } from './workspace-scan';

export interface ScanSummary {
  files: number;
  filesWithFindings: number;
  findings: number;
  cancelled: boolean;
  milliseconds: number;
}

export interface WorkspaceScannerParts {
  connection: Connection;
  folders: WorkspaceFolders;
  settings: SettingsStore;
  configs: ConfigStore;
  linter: FileLinter;
  state: DocumentState;
  units: readonly UnitProvider[];
  /** Whether the client shows work-done progress (known after initialisation). */
  canReportProgress(): boolean;
}

/**
 * Lints every candidate file of the workspace folders from disk, in slices that leave the event loop free for
 * keystrokes. A newer scan cancels a running one; so does the user, through the progress notification.
 */
export class WorkspaceScanner {
  private generation = 0;

  constructor(private readonly parts: WorkspaceScannerParts) {}

  async scan(): Promise<ScanSummary> {
    const { connection, state } = this.parts;
    const generation = ++this.generation;
    for (const provider of this.parts.units) provider.rescan();
    const started = Date.now();
    const summary: ScanSummary = { files: 0, filesWithFindings: 0, findings: 0, cancelled: false, milliseconds: 0 };
    let progress: WorkDoneProgressServerReporter | undefined;
    if (this.parts.canReportProgress()) {
      try {
        progress = await connection.window.createWorkDoneProgress();
      } catch {
        progress = undefined;
      }
    }
    const cancelled = () => generation !== this.generation || progress?.token.isCancellationRequested === true;
    progress?.begin('stridelint: scanning the workspace', 0, 'listing files', true);
    try {
      // Files published by an earlier scan and not linted by this one (now excluded, disabled, gone) are cleared.
      const stale = new Set(state.publishedClosed());
      const staleResults = new Set(state.disk.keys());
      const work = await this.listWork(cancelled);
      let sliceStart = Date.now();
      for (let index = 0; index < work.length && !cancelled(); index++) {
        stale.delete(pathToUri(work[index].path));
        staleResults.delete(pathToUri(work[index].path));
        const count = this.parts.linter.lintFromDisk(work[index].path, work[index].resource);
        if (count !== undefined) summary.files++;
        if (count) {
          summary.filesWithFindings++;
          summary.findings += count;
        }
        if (Date.now() - sliceStart > 15) {
          progress?.report(Math.floor((100 * index) / work.length), `${index} of ${work.length} files`);
          await yieldToEventLoop();
          sliceStart = Date.now();
        }
      }
      if (!cancelled()) {
        for (const uri of staleResults) state.disk.delete(uri);
        for (const uri of stale) state.clearClosed(uri);
      }
    } finally {
      summary.cancelled = cancelled();
      summary.milliseconds = Date.now() - started;
      progress?.done();
    }
    connection.console.info(`stridelint: scanned ${summary.files} files in ${summary.milliseconds} ms (${summary.findings} findings)${summary.cancelled ? ', cancelled' : ''}.`);
    return summary;
  }

  /** The candidate files of every enabled folder, with the settings they are linted under. */
  private async listWork(cancelled: () => boolean): Promise<Array<{ path: string; resource: ResourceSettings }>> {
    const { folders, settings, configs } = this.parts;
    const work: Array<{ path: string; resource: ResourceSettings }> = [];
    for (const folder of folders.all()) {
      const resource = await settings.settingsFor(folder.uri);
      if (!resource.settings.enable) continue;
      const globs = [...resource.filesExclude, ...resource.settings.exclude];
      const excluded = (path: string) => {
        const relative = relativeTo(folder.path, path);
        return relative !== undefined && relative !== '' && isExcludedPath(relative, globs);
      };
      const files = await listFiles(folder.path, excluded, cancelled);
      for (const path of files) {
        const config = configs.configFor(path, resource.settings);
        if (!isIgnored(config, path) && isCandidateFile(path, config, relativeTo(config.baseDir || folder.path, path) ?? path)) work.push({ path, resource });
      }
    }
    return work;
  }
}
