import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileKind, Finding } from '../../rules/engine';
import { toDiagnostic } from './convert';
import { takeMovedFrom } from './finding-places';
import { keepJson, keepMovedJson, publishParamsOfJson } from './message-json';
import { relativeTo, uriToPath } from './paths';
import { storedFindings } from './scan-cache';
import { withoutFixes } from './scan-task';
import { StringPool } from './string-pool';

/** Distinct closed-file messages the pool shares before it starts afresh (the 10,000-file bench workspace has ≈ 8,200 among ≈ 49,000 findings). */
const MESSAGE_POOL_LIMIT = 100_000;

/** The findings of an open document for one version. */
export interface LintState {
  version: number;
  kind?: FileKind;
  findings: Finding[];
}

/** What the last lint from disk found in a file that is not open (for the threat report). */
export interface DiskResult {
  path: string;
  kind?: FileKind;
  findings: Finding[];
}

/**
 * What the server knows of each file and what it has published: the findings of open documents per version,
 * the results of files linted from disk, and which unopened files show diagnostics (so they can be cleared).
 */
export class DocumentState {
  /** Open documents' findings, by URI. */
  readonly open = new Map<string, LintState>();
  /** Unopened files of a stridelint kind, by URI. */
  readonly disk = new Map<string, DiskResult>();
  /** URIs of unopened files that have diagnostics from a scan, a watcher or a unit. */
  private readonly published = new Set<string>();
  private readonly strings = new StringPool();
  /**
   * Closed files' finding messages: the same rule on the same name says the same sentence in many files (the final
   * stage's missing HEALTHCHECK in every Dockerfile, a chart's container in each copy of it). Bounded: messages are open-ended.
   */
  private readonly messages = new StringPool(MESSAGE_POOL_LIMIT);
  /** Each open document's finding as a diagnostic, reused while the finding object is (kept: its JSON bytes are). */
  private readonly openDiagnostics = new WeakMap<Finding, { kind?: FileKind; diagnostic: Diagnostic; kept: boolean }>();

  constructor(
    private readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    /** Diagnostics of invalid config files, appended to that file's own. */
    private readonly configDiagnostics: ReadonlyMap<string, Diagnostic[]>,
  ) {}

  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void {
    const extra = this.configDiagnostics.get(uri) ?? [];
    void this.connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics: [...diagnostics, ...extra] });
  }

  /** Publishes an open document's findings for its version. */
  publishOpen(uri: string, state: LintState): void {
    this.open.set(uri, state);
    this.published.delete(uri);
    this.publish(uri, state.version, this.diagnosticsOf(state));
  }

  /**
   * An open document's diagnostics: the unchanged findings of a keystroke keep their diagnostic objects, and from
   * their second publish on their JSON (a file linted whole has new findings every time: nothing kept for it).
   */
  private diagnosticsOf(state: LintState): Diagnostic[] {
    return state.findings.map((finding) => {
      const known = this.openDiagnostics.get(finding);
      if (!known || known.kind !== state.kind) {
        const moved = this.movedDiagnostic(finding, state.kind);
        if (moved) return moved;
        const diagnostic = toDiagnostic(finding, state.kind);
        this.openDiagnostics.set(finding, { kind: state.kind, diagnostic, kept: false });
        return diagnostic;
      }
      if (!known.kept) {
        keepJson(known.diagnostic);
        known.kept = true;
      }
      return known.diagnostic;
    });
  }

  /**
   * The diagnostic of a finding moved by lines inserted above, from the one it was moved from: the same but its
   * range, its JSON derived from that one's kept JSON (every later finding of a large manifest moves at an Enter).
   */
  private movedDiagnostic(finding: Finding, kind: FileKind | undefined): Diagnostic | undefined {
    const from = takeMovedFrom(finding);
    const before = from && this.openDiagnostics.get(from);
    // Related places may have moved too (or not): such a diagnostic is converted anew.
    if (!before?.kept || before.kind !== kind || finding.related?.length || from?.related?.length) return undefined;
    const diagnostic: Diagnostic = { ...before.diagnostic, range: finding.range };
    if (!keepMovedJson(diagnostic, before.diagnostic)) return undefined;
    this.openDiagnostics.set(finding, { kind, diagnostic, kept: true });
    return diagnostic;
  }

  /** Publishes again what is known of a file (its config diagnostics changed). */
  republish(uri: string): void {
    const open = this.documents.get(uri);
    const state = this.open.get(uri);
    const base = open && state?.version === open.version ? this.diagnosticsOf(state) : [];
    this.publish(uri, open?.version, base);
  }

  /**
   * Keeps what a lint from disk found in an unopened file, compactly: no fix edits (a file's fixes are
   * recomputed when it is opened, where code actions are asked), so a scanned workspace costs little memory.
   */
  recordDisk(uri: string, result: DiskResult): Finding[] {
    const findings = result.findings.map((finding) => this.compact(finding));
    this.disk.set(uri, { ...result, ...(result.kind !== undefined ? { kind: this.strings.intern(result.kind) as FileKind } : {}), findings });
    return findings;
  }

  /** A closed file's finding as kept: no fix edits, its recurring strings shared. */
  private compact(finding: Finding): Finding {
    const { ruleId, kind, stride, severity, message } = finding;
    return { ...withoutFixes(finding), ruleId: this.strings.intern(ruleId), kind: this.strings.intern(kind) as Finding['kind'], stride: this.strings.intern(stride) as Finding['stride'], severity: this.strings.intern(severity) as Finding['severity'], message: this.messages.intern(message) };
  }

  /**
   * Keeps a closed file's result from the scan cache or a scan's worker without parsing its findings: they stay
   * their JSON until something first reads them (the threat report), then are kept as recordDisk
   * keeps them (the same array for every later read: the report caches its assets by it).
   */
  recordDiskJson(uri: string, path: string, kind: FileKind | undefined, count: number, findingsJson: Buffer | string): void {
    // A Buffer is a view of the loaded cache file: copied, so that the file's bytes can go.
    let json: Buffer | string | undefined = typeof findingsJson === 'string' ? findingsJson : Buffer.from(findingsJson);
    let findings: Finding[] | undefined;
    const compact = (finding: Finding) => this.compact(finding);
    this.disk.set(uri, {
      path,
      ...(kind !== undefined ? { kind: this.strings.intern(kind) as FileKind } : {}),
      // An own enumerable getter: a spread of the result (knownFiles) reads the findings.
      get findings(): Finding[] {
        if (!findings) {
          findings = json ? (storedFindings(json, count) ?? []).map(compact) : [];
          json = undefined;
        }
        return findings;
      },
    });
  }

  /**
   * Shows an unopened file's `count` findings, whose diagnostics' JSON array is `json` (see publishParamsOfJson):
   * copied into the publish as they are, unless config diagnostics are appended to the file's.
   */
  publishClosedJson(uri: string, count: number, json: Buffer | string): void {
    if (count === 0 && !this.published.has(uri)) return;
    if (this.configDiagnostics.has(uri)) this.publish(uri, undefined, JSON.parse(typeof json === 'string' ? json : json.toString('utf-8')) as Diagnostic[]);
    else void this.connection.sendDiagnostics(publishParamsOfJson(uri, json));
    if (count > 0) this.published.add(uri);
    else this.published.delete(uri);
  }

  /** Shows an unopened file's findings; an empty list clears only what was shown before. */
  publishClosed(uri: string, kind: FileKind | undefined, findings: Finding[]): void {
    if (findings.length === 0 && !this.published.has(uri)) return;
    this.publish(uri, undefined, findings.map((finding) => toDiagnostic(finding, kind)));
    if (findings.length > 0) this.published.add(uri);
    else this.published.delete(uri);
  }

  /** URIs of unopened files that show diagnostics now. */
  publishedClosed(): string[] {
    return [...this.published];
  }

  /** Clears an unopened file's diagnostics (it is gone, excluded or no longer linted). */
  clearClosed(uri: string): void {
    this.published.delete(uri);
    if (!this.documents.get(uri)) this.publish(uri, undefined, []);
  }

  /** Forgets and clears every unopened file at or under `path` (deleted, or its folder left the workspace). */
  clearUnder(path: string): void {
    for (const [uri, result] of [...this.disk]) if (relativeTo(path, result.path) !== undefined) this.disk.delete(uri);
    for (const uri of [...this.published]) {
      const file = uriToPath(uri);
      if (file === path || relativeTo(path, file) !== undefined) this.clearClosed(uri);
    }
  }

  /** Clears config diagnostics that are no longer current on files that are not open. */
  clearConfigDiagnostics(uris: readonly string[]): void {
    for (const uri of uris) if (!this.documents.get(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** The open version of a file, null when it is not open. */
  openVersionOf(path: string): number | null {
    return this.documents.all().find((document) => typeof document.uri === 'string' && uriToPath(document.uri) === path)?.version ?? null;
  }

  /** Open documents by path (a client may open a document with a malformed URI: it has no path). */
  openByPath(): Map<string, TextDocument> {
    return new Map(this.documents.all().filter((document) => typeof document.uri === 'string').map((document) => [uriToPath(document.uri), document] as const));
  }
}
