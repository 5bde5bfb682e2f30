import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentState, LintState } from './document-state';
import type { FileLinter } from './file-linter';
import { uriToPath } from './paths';
import type { SettingsStore } from './settings-store';
import { keystrokeLintDue } from './workspace-scan';

export interface LintSchedulerParts {
  connection: Connection;
  state: DocumentState;
  settings: SettingsStore;
  linter: FileLinter;
}

/** How long a burst of edits (edits arriving before the previous one was linted) must pause to be linted: as long as the old typing pause, since a client may spread one burst over its event-loop turns. */
const BURST_PAUSE_MS = 150;

/**
 * When open documents are linted: an edit that arrives while nothing is pending for its document is linted as
 * soon as the messages already received are handled, with no typing pause. Edits that arrive before the
 * previous one was linted (queued while a lint ran, or sent in one go) are a burst: linted once, when the
 * burst pauses, at its last version. Each run lints the version current when it runs and publishes it in the
 * same turn, so a stale version's diagnostics never follow a newer one's.
 */
export class LintScheduler {
  /** The pending run of each document: cancels it. */
  private readonly pending = new Map<string, () => void>();

  constructor(private readonly parts: LintSchedulerParts) {}

  /** A document was opened or edited (or must be linted again: a unit it belongs to changed). */
  schedule(document: TextDocument): void {
    const { uri } = document;
    const cancel = this.pending.get(uri);
    cancel?.();
    if (cancel) {
      // After the pause, through the event-loop turns below: a timer that expired while the server waited for
      // the CPU fires before the messages received meanwhile are read, and they may continue the burst.
      const handle = setTimeout(() => this.soon(uri), BURST_PAUSE_MS);
      this.pending.set(uri, () => clearTimeout(handle));
    } else this.soon(uri);
  }

  /**
   * A document was opened: linted at once, in the turn that opened it. Nothing is waited for: an edit queued
   * behind the open is linted as its own version afterwards, and each run publishes the version it read.
   */
  opened(document: TextDocument): void {
    this.pending.get(document.uri)?.();
    this.run(document.uri);
  }

  /**
   * Lints after two turns of the event loop: the connection handles one queued message per turn, so an edit
   * queued right behind this one arrives while the run is still pending and joins the burst.
   */
  private soon(uri: string): void {
    // A workspace scan's slices wait for it (yieldToEventLoop).
    const done = keystrokeLintDue();
    let handle = setImmediate(
      () =>
        (handle = setImmediate(() => {
          done();
          this.run(uri);
        })),
    );
    this.pending.set(uri, () => {
      done();
      clearImmediate(handle);
    });
  }

  /** Forgets every open document's findings and lints them all again (settings or configs changed). */
  relintAll(): void {
    this.parts.state.open.clear();
    for (const document of this.parts.state.documents.all()) this.schedule(document);
  }

  /** A document was closed: its pending run and findings are dropped. */
  closed(uri: string): void {
    this.pending.get(uri)?.();
    this.pending.delete(uri);
    this.parts.state.open.delete(uri);
    this.parts.linter.forget(uri);
  }

  /** Findings of an open document for its current version (computed now when the cache is older). */
  async current(uri: string): Promise<{ document: TextDocument; state: LintState }> {
    const { state, settings, linter } = this.parts;
    const document = state.documents.get(uri);
    if (!document) throw new ResponseError(ErrorCodes.InvalidParams, `stridelint: unknown document ${uri} (not open).`);
    let lint = state.open.get(uri);
    if (!lint || lint.version !== document.version) {
      const resource = await settings.settingsFor(uri);
      const latest = state.documents.get(uri) ?? document;
      lint = { version: latest.version, ...linter.lintText(latest.getText(), uriToPath(uri), resource, latest.languageId, uri) };
      state.open.set(uri, lint);
      return { document: latest, state: lint };
    }
    return { document, state: lint };
  }

  /** Lints the document's current version and publishes it (reading the text and publishing happen in one turn). */
  private run(uri: string): void {
    this.pending.delete(uri);
    // A failure here (a client's malformed document, say) is logged; it must never take the server down.
    this.lintOpenDocument(uri).catch((error: unknown) => this.parts.connection.console.error(`stridelint: could not lint ${String(uri)}: ${(error as Error)?.stack ?? String(error)}`));
  }

  private async lintOpenDocument(uri: string): Promise<void> {
    const { state, settings, linter } = this.parts;
    const resource = await settings.settingsFor(uri);
    const document = state.documents.get(uri);
    if (!document) return; // closed meanwhile
    state.publishOpen(uri, { version: document.version, ...linter.lintText(document.getText(), uriToPath(uri), resource, document.languageId, uri) });
  }
}
