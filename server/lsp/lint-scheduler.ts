import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentState, LintState } from './document-state';
import type { FileLinter } from './file-linter';
import { uriToPath } from './paths';
import type { SettingsStore } from './settings-store';

/** The shortest pause after a keystroke before linting (see typingDelay). */
const MIN_TYPING_DELAY_MS = 20;

export interface LintSchedulerParts {
  connection: Connection;
  state: DocumentState;
  settings: SettingsStore;
  linter: FileLinter;
  /** The longest pause after a keystroke before the document is linted. */
  debounceMs: number;
}

/**
 * When open documents are linted: at once when opened, after a pause in typing when edited. Each run lints
 * one version; a run whose version was superseded publishes nothing (the newer version's run does).
 */
export class LintScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly durations = new Map<string, number>();

  constructor(private readonly parts: LintSchedulerParts) {}

  /** A document was opened or edited. */
  contentChanged(document: TextDocument): void {
    const { uri } = document;
    this.schedule(document, this.parts.state.open.has(uri) || this.timers.has(uri) ? this.typingDelay(uri) : 0);
  }

  schedule(document: TextDocument, delay: number): void {
    const existing = this.timers.get(document.uri);
    if (existing) clearTimeout(existing);
    const { uri, version } = document;
    // A failure here (a client's malformed document, say) is logged; it must never take the server down.
    this.timers.set(uri, setTimeout(() => this.lintOpenDocument(uri, version).catch((error: unknown) => this.parts.connection.console.error(`stridelint: could not lint ${String(uri)}: ${(error as Error)?.stack ?? String(error)}`)), delay));
  }

  /** Forgets every open document's findings and lints them all again (settings or configs changed). */
  relintAll(): void {
    this.parts.state.open.clear();
    for (const document of this.parts.state.documents.all()) this.schedule(document, 0);
  }

  /** A document was closed: its pending run and findings are dropped. */
  closed(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
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

  private async lintOpenDocument(uri: string, version: number): Promise<void> {
    this.timers.delete(uri);
    const { state, settings, linter } = this.parts;
    const resource = await settings.settingsFor(uri);
    const document = state.documents.get(uri);
    // A newer version (or a close) supersedes this run: its own timer publishes.
    if (!document || document.version !== version) return;
    const started = performance.now();
    const result = linter.lintText(document.getText(), uriToPath(uri), resource, document.languageId, uri);
    this.durations.set(uri, performance.now() - started);
    state.publishOpen(uri, { version, ...result });
  }
}
