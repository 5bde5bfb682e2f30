import type { FileKind, Finding, StridelintConfig } from '../../rules/engine';
import type { UnitScanCache } from './unit-scan-cache';

/**
 * A group of files linted together (a Helm chart; a Kustomize build; workspace facts): any change to one of
 * its files re-lints the unit, and every file of it gets its own findings. The server asks each provider in
 * turn whether a file belongs to one of its units; the first that says yes lints it.
 */
export interface UnitProvider {
  /** The unit a file belongs to, undefined when none of this provider's. */
  unitOf(path: string, config: StridelintConfig): LintUnit | undefined;
  /**
   * The findings of one file of the unit, re-linting the unit when any of its files changed (open text wins
   * over the disk). Other files whose findings changed are shown through the host.
   */
  findingsFor(path: string, unit: LintUnit, config: StridelintConfig): UnitFindings;
  /** A file changed on disk: forget what was read of its unit and return that unit (the server re-lints it). */
  diskChanged(path: string): LintUnit | undefined;
  /** Forget everything read from disk (a workspace rescan). */
  rescan(): void;
  /**
   * A workspace scan starts (with its persistent cache, if any) or ends (undefined): while it runs, a unit with
   * no open file is taken from the cache when everything its lint read is unchanged, and stored otherwise.
   */
  useScanCache?(cache: UnitScanCache | undefined): void;
  /** The workspace scan is over: drop what only it needed (caches of every unit's parse), so the server stays small. */
  scanDone?(): void;
}

export interface LintUnit {
  /** The unit's folder. */
  root: string;
  /** The file whose configuration governs the whole unit (a chart's `Chart.yaml`); linting it re-lints the unit. */
  anchor: string;
}

export interface UnitFindings {
  kind: FileKind;
  findings: Finding[];
}

/** What the server gives a unit provider: its open documents, and how to show a unit's other files. */
export interface UnitHost {
  /** Open documents: path → {text, version}. */
  openDocuments(): ReadonlyMap<string, { text: string; version: number }>;
  /** Findings of a unit's file that is not open (the server publishes them, or clears them when empty). */
  publishClosed(path: string, kind: FileKind, findings: Finding[]): void;
  /** An open file of the unit whose findings changed: the server re-lints it (a cache hit) and publishes. */
  relintOpen(path: string): void;
  /** A unit whose sources changed elsewhere (a chart it depends on): the server lints it again through its anchor and publishes. */
  relintUnit(unit: LintUnit): void;
}
