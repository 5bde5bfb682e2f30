import { createHash } from 'node:crypto';
import { ALL_RULES } from '../../rules';
import { detectKind, FactsIndex, factsOfFile, fixesPending, hostWorkspaceFacts, lintFile, type FileFacts, type FileKind, type Finding, type Rule, type StridelintConfig, type WorkspaceFacts } from '../../rules/engine';
import { NOT_ANALYSED } from '../../rules/engine/builtin-rules';
import { readText } from '../shared/read-text';
import { diagnosticsJsonOf } from './diagnostic';
import { readStamped } from './stamped-read';
import type { HeldLints } from './held-lints';

/**
 * The per-file work of a workspace scan, with no LSP and no state but the facts index: the same functions run
 * in a worker thread (scan-worker.ts) and, with 0 or 1 workers, in the server's own thread.
 *
 * Phase one reads a file and returns its facts (skipping the parse when its bytes and settings are the ones the
 * persistent cache knows), linting it in the same parse (HeldLints); phase two takes that lint when it stands on
 * the index of every file's facts, else lints the file again against that index.
 */

/** Phase one's input: `config` is the file's configuration (without the editor's severities, as the facts need). */
export interface FactsItem {
  path: string;
  config: StridelintConfig;
  /** The file's settings as one digest (part of its cache key). */
  settingsKey: string;
  /** The cache key the persistent cache holds for this file: when the file still has it, nothing is parsed. */
  cachedKey?: string;
  /** The lint's configuration (the editor's severities applied): the file is linted in the same parse and the lint held (HeldLints). */
  lintConfig?: StridelintConfig;
}

export interface FactsOutcome {
  /** Content + settings key; undefined when the file could not be read. */
  key?: string;
  /** The cache's entry still applies: facts come from it. */
  unchanged?: boolean;
  /** The file's stat stamp, taken before it was read ('' when none is safe): kept beside its cache entry. */
  stamp?: string;
  facts?: FileFacts;
}

/** Phase two's input: `config` has the editor's severities applied. */
export interface LintItem {
  path: string;
  config: StridelintConfig;
  settingsKey: string;
  /** A worker answers with the findings' JSON (LintOutcomeJson): no category filter applies to them. */
  json?: boolean;
}

/** A file's compact result: findings without fix edits (a closed file's fixes are computed when it is opened). */
export interface LintOutcome {
  key?: string;
  kind?: FileKind;
  findings: Finding[];
  /** The fact keys the lint asked the index for (its dependencies). */
  reads: string[];
}

/**
 * A LintOutcome as a worker thread sends it when asked (`LintItem.json`): the findings as JSON and the diagnostics
 * they publish as, which the server keeps and publishes without parsing (as a warm start does with the scan
 * cache's). Posted as objects, the findings cost the server's thread more to receive (structured clone), keep
 * (string interning) and publish (diagnostics built and stringified) than all the rest of the lint phase.
 */
export interface LintOutcomeJson {
  key?: string;
  kind?: FileKind;
  reads: string[];
  count: number;
  /** `JSON.stringify` of the findings (without fix edits). */
  findingsJson: string;
  /** `diagnosticsJsonOf` the findings. */
  diagnosticsJson: string;
}

export function lintOutcomeJson(outcome: LintOutcome): LintOutcomeJson {
  const { findings, ...rest } = outcome;
  return { ...rest, count: findings.length, findingsJson: JSON.stringify(findings), diagnosticsJson: diagnosticsJsonOf(findings, outcome.kind) };
}

/** A file's cache key: its bytes and its settings. */
export function fileKey(bytes: Uint8Array, settingsKey: string): string {
  return createHash('sha256').update(bytes).update('\0').update(settingsKey).digest('hex');
}

/**
 * Reads a file and, unless the cache already knows this content under these settings, computes its facts; with
 * `held`, in the parse of the file's lint, which `held` keeps for phase two.
 */
export function readFacts(item: FactsItem, rules: readonly Rule[] = ALL_RULES, held?: HeldLints, later = false): FactsOutcome {
  // The stamp is taken before the read: a write after it changes the stamp, so a stamp never vouches for bytes older than its file's.
  let read, stamp;
  try {
    ({ read, stamp } = readStamped(item.path, item.config.maxFileSize, item.settingsKey));
  } catch {
    return {}; // vanished or unreadable since it was listed
  }
  if (!('text' in read)) return {};
  const key = fileKey(read.bytes, item.settingsKey);
  if (key === item.cachedKey) return { key, unchanged: true, stamp };
  // One parse: the lint's own facts (the same as the facts phase's: the lint's configuration differs in severities only).
  if (held && item.lintConfig) return { key, stamp, facts: held.lint(read.text, item.path, item.lintConfig, rules, key, later) };
  return { key, stamp, facts: factsOfFile(read.text, item.path, { config: item.config }) };
}

/**
 * A batch of phase one read so that a compose file and the Dockerfiles it builds (listed in one batch, in
 * either order) see each other's facts: compose files first, their lints after the batch's other files
 * (`held.flush`), so neither lint is made before the facts it asks for. Results in the items' order.
 */
export function readFactsBatch(items: readonly FactsItem[], rules: readonly Rule[], held: HeldLints): FactsOutcome[] {
  const results = new Array<FactsOutcome>(items.length);
  const isCompose = items.map((item) => detectKind(item.path, '', { kindGlobs: item.config.files }) === 'compose');
  for (const first of [true, false]) items.forEach((item, index) => isCompose[index] === first && (results[index] = readFacts(item, rules, held, first)));
  held.flush();
  return results;
}

/** A finding saying why a file of a stridelint kind was not linted. */
export function notAnalysed(reason: string): Finding {
  return { ruleId: NOT_ANALYSED.id, kind: 'any', stride: NOT_ANALYSED.stride, severity: NOT_ANALYSED.severity, message: `Not analysed: ${reason}.`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, fixes: [] };
}

/** The workspace index one thread lints against (replaced as a whole at each scan's second phase). */
export class ScanIndex {
  private index = new FactsIndex();
  private host: WorkspaceFacts = {};

  load(entries: ReadonlyArray<[string, FileFacts]>): void {
    this.index = new FactsIndex();
    for (const [path, facts] of entries) this.index.add(path, facts);
    this.host = hostWorkspaceFacts(this.index.entries());
  }

  /** The facts one lint reads; each key it asks is added to `reads`. */
  workspaceFor(reads: Set<string>): WorkspaceFacts {
    reads.add('host');
    return { ...this.host, index: this.index.view((key) => reads.add(key)) };
  }
}

/** Lints a file from disk against the index, as the server's single-file lint does for a closed file. */
export function lintFromDisk(item: LintItem, index: ScanIndex, rules: readonly Rule[] = ALL_RULES): LintOutcome {
  let read;
  try {
    read = readText(item.path, item.config.maxFileSize);
  } catch {
    return { findings: [], reads: [] };
  }
  if (!('text' in read)) {
    const kind = detectKind(item.path, '', { kindGlobs: item.config.files });
    return { findings: kind ? [notAnalysed(read.skipped)] : [], reads: [] };
  }
  const reads = new Set<string>();
  const result = lintFile(read.text, item.path, { config: item.config, rules, workspace: index.workspaceFor(reads), fixes: 'none' });
  return { key: fileKey(read.bytes, item.settingsKey), kind: result.kind, findings: result.findings.map(withoutFixes), reads: [...reads] };
}

export function withoutFixes(finding: Finding): Finding {
  // Fixes not computed yet stay so: a spread would compute them to throw them away.
  if (fixesPending(finding)) return Object.fromEntries(Object.keys(finding).map((key) => [key, key === 'fixes' ? [] : finding[key as keyof Finding]])) as unknown as Finding;
  return finding.fixes.length === 0 ? finding : { ...finding, fixes: [] };
}
