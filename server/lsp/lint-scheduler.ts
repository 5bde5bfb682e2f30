import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentState, LintState } from './document-state';
import type { FileLinter } from './file-linter';
import { uriToPath } from './paths';
import type { SettingsStore } from './settings-store';

/** The shortest pause after a keystroke before a slow document is linted (see typingDelay). */
const MIN_TYPING_DELAY_MS = 20;
/** A document whose last lint took less than this is linted as soon as the edit arrives, without a pause. */
const FAST_LINT_MS = 15;

export interface LintSchedulerParts {
  connection: Connection;
  state: DocumentState;
  settings: SettingsStore;
  linter: FileLinter;
  /** The longest pause after a keystroke before the document is linted. */
  debounceMs: number;
}

/**
 * When open documents are linted: at once when opened or when they lint fast, after a pause in typing when
 * they lint slowly. Each run lints the version current when it runs and publishes it before any newer
 * version can arrive, so a stale version's diagnostics never follow a newer one's.
 */
export class LintScheduler {
  /** The pending run of each document: cancels it. */
  private readonly pending = new Map<string, { cancel(): void }>();
  private readonly durations = new Map<string, number>();

  constructor(private readonly parts: LintSchedulerParts) {}

  /**
   * A document was opened or edited. A document that lints fast is linted as soon as the queued messages are
   * handled; a slow one waits for a pause in typing, so that a burst of keystrokes is linted once.
   */
  contentChanged(document: TextDocument): void {
    const { uri } = document;
    const known = this.parts.state.open.has(uri) || this.pending.has(uri);
    const last = this.durations.get(uri);
    this.schedule(document, !known || (last !== undefined && last < FAST_LINT_MS) ? 0 : this.typingDelay(uri));
  }

  /** Lints the document after `delay` ms (0: as soon as the queued messages are handled), at its version then. */
  schedule(document: TextDocument, delay: number): void {
    const { uri } = document;
    this.pending.get(uri)?.cancel();
    // A failure here (a client's malformed document, say) is logged; it must never take the server down.
    const run = () => this.lintOpenDocument(uri).catch((error: unknown) => this.parts.connection.console.error(`stridelint: could not lint ${String(uri)}: ${(error as Error)?.stack ?? String(error)}`));
    if (delay === 0) {
      // Two turns of the event loop: the connection handles one queued message per turn, so a burst of edits
      // that arrived together keeps pushing the run back and is linted once, at its last version; an edit
      // typed alone is linted within microseconds.
      let handle = setImmediate(() => (handle = setImmediate(run)));
      this.pending.set(uri, { cancel: () => clearImmediate(handle) });
    } else {
      const handle = setTimeout(run, delay);
      this.pending.set(uri, { cancel: () => clearTimeout(handle) });
    }
  }

  /** Forgets every open document's findings and lints them all again (settings or configs changed). */
  relintAll(): void {
    this.parts.state.open.clear();
    for (const document of this.parts.state.documents.all()) this.schedule(document, 0);
  }

  /** A document was closed: its pending run and findings are dropped. */
  closed(uri: string): void {
    this.pending.get(uri)?.cancel();
    this.pending.delete(uri);
    this.parts.state.open.delete(uri);
    this.durations.delete(uri);
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

  /**
   * How long to wait after a keystroke: as long as the document's last lint took, between 20 ms and
   * `debounceMs`. A file that lints in 5 ms gets its squiggles 20 ms after the edit; a slow one is not
   * re-linted on every keystroke of a burst.
   */
  private typingDelay(uri: string): number {
    const { debounceMs } = this.parts;
    return Math.min(debounceMs, Math.max(MIN_TYPING_DELAY_MS, Math.round(this.durations.get(uri) ?? debounceMs)));
  }

  /** Lints the document's current version and publishes it (reading the text and publishing happen in one turn). */
  private async lintOpenDocument(uri: string): Promise<void> {
    this.pending.delete(uri);
    const { state, settings, linter } = this.parts;
    const resource = await settings.settingsFor(uri);
    const document = state.documents.get(uri);
    if (!document) return; // closed meanwhile
    const started = performance.now();
    const result = linter.lintText(document.getText(), uriToPath(uri), resource, document.languageId, uri);
    this.durations.set(uri, performance.now() - started);
    state.publishOpen(uri, { version: document.version, ...result });
  }
}
