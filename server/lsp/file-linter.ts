import { detectKind, isIgnored, lintFile, type FileFacts, type FileKind, type Finding, type LintResult, type Rule, type StridelintConfig, type WorkspaceFacts } from '../../rules/engine';
import { NOT_ANALYSED, PARSE_ERROR } from '../../rules/engine/builtin-rules';
import { effectiveRuleSetting } from '../../rules/engine/config';
import { readText } from '../shared/read-text';
import type { BaselineMarks } from './baseline-marks';
import type { ConfigStore } from './config-store';
import { DocumentFactsCache } from './document-facts';
import { ComposeServiceCache } from './compose-service-cache';
import { DocumentLintCache, type ChunkLintOptions } from './document-lint-cache';
import { YamlChunkers } from './yaml-chunks';
import type { DocumentState } from './document-state';
import { pathToUri, relativeTo } from './paths';
import { storedFindings, type StoredScanEntry } from './scan-cache';
import { notAnalysed } from './scan-task';
import { filterCategories, filtersCategories, isExcludedPath, withSettings, type ServerSettings } from './settings';
import type { ResourceSettings } from './settings-store';
import type { UnitProvider } from './unit-provider';
import type { WorkspaceFolders } from './workspace-folders';
import type { WorkspaceFactsStore } from './workspace-facts-store';

export interface FileLintResult {
  kind?: FileKind;
  findings: Finding[];
}

/** A closed file's result as JSON: from the scan cache (StoredScanEntry), or from a scan's worker (LintOutcomeJson). */
export type ShownJson = Pick<StoredScanEntry, 'count'> & { kind?: FileKind | null; findingsJson: Buffer | string; diagnosticsJson: Buffer | string };

export interface FileLinterParts {
  rules: readonly Rule[];
  folders: WorkspaceFolders;
  configs: ConfigStore;
  state: DocumentState;
  units: readonly UnitProvider[];
  baselineMarks: BaselineMarks;
  /** The workspace index of facts: every linted file's facts go in, and each lint reads it. */
  facts: WorkspaceFactsStore;
  warnOnce(message: string): void;
}

/**
 * Lints one file's text under its settings and config: excluded, disabled and ignored files have no findings;
 * a file of a unit (a Helm chart) gets the unit's findings; the baseline marks what it accepts.
 */
export class FileLinter {
  /** Findings per YAML document of open documents, so that an edit re-lints only what it changed. */
  private readonly documentCache: DocumentLintCache;
  /** Facts per YAML document of open documents, so that an edit parses only what it changed. */
  private readonly documentFacts: DocumentFactsCache;
  /** Findings per service of open compose files, so that an edit re-lints only the service it changed. */
  private readonly composeServices = new ComposeServiceCache();
  /** Open documents' texts cut into YAML documents (once per keystroke, for both caches). */
  private readonly chunkers = new YamlChunkers();

  constructor(private readonly parts: FileLinterParts) {
    this.documentCache = new DocumentLintCache(this.chunkers);
    this.documentFacts = new DocumentFactsCache(this.chunkers);
  }

  /** `openUri` names an open document: its findings are cached per YAML document between edits. */
  lintText(text: string, path: string, resource: ResourceSettings, languageId?: string, openUri?: string): FileLintResult {
    const { folders, configs, units, baselineMarks } = this.parts;
    const { settings } = resource;
    if (!settings.enable) return { findings: [] };
    const folder = folders.folderFor(path);
    const relative = folder ? relativeTo(folder.path, path) : undefined;
    if (relative !== undefined && isExcludedPath(relative, settings.exclude)) return { findings: [] };
    const config = configs.configFor(path, settings);
    if (isIgnored(config, path)) return { findings: [] };
    for (const provider of units) {
      const unit = provider.unitOf(path, config);
      if (!unit) continue;
      const result = provider.findingsFor(path, unit, withSettings(configs.configFor(unit.anchor, settings), settings));
      return { kind: result.kind, findings: filterCategories(result.findings, settings) };
    }
    // Helm charts (units, above) are their own scope; every other file's facts join the workspace index.
    const { facts, rules } = this.parts;
    // Fixes built with the findings: lazily (`fixes: 'lazy'`, built when a code action reads them) measured slower
    // on a quiet machine — server CPU per edit 4.7 → 5.5 ms (2,000-line manifest), 3.1 → 3.7 (compose), 17.7 →
    // 18.4 (52,800 lines): a keystroke's re-lint has few findings, whose fixes cost less than their getters.
    const options = { config: withSettings(config, settings), languageId, rules, fixes: 'eager' as const };
    const perDocument = openUri !== undefined && !config.baseline;
    if (perDocument && this.documentFacts.knows(openUri)) {
      // An open manifest linted per document needs its facts (built per document) in the index first.
      const known = this.documentFacts.factsOf(openUri, text, path, { config, languageId });
      if (known) {
        facts.update(path, text, { config, languageId }, known.facts);
        // As for compose services: the re-linted documents' reads add to the file's, the unchanged documents read the same as then.
        const findings = this.documentCache.lint(openUri, text, path, { ...options, workspace: facts.workspaceFor(path, true) }, [config, settings, rules, languageId, facts.generation]);
        if (findings) {
          facts.linted(path, 'kubernetes');
          return { kind: 'kubernetes', findings: filterCategories(findings, settings) };
        }
      }
    }
    if (perDocument && this.composeServices.knows(openUri)) {
      // The services' reads add to what the file read before: the unchanged services read the same as then.
      const composed = this.composeServices.lint(openUri, text, path, { ...options, workspace: facts.workspaceFor(path, true) }, [config, settings, rules, languageId, facts.generation]);
      if (composed) {
        facts.set(path, composed.facts);
        facts.linted(path, 'compose');
        return { kind: 'compose', findings: filterCategories(composed.findings, settings) };
      }
    }
    // One parse gives the facts (into the index before the rules read it) and the findings.
    let own: { facts?: FileFacts; workspace: WorkspaceFacts } | undefined;
    const workspaceWithFacts = (fileFacts: FileFacts | undefined) => {
      facts.set(path, fileFacts);
      own = { facts: fileFacts, workspace: facts.workspaceFor(path) };
      return own.workspace;
    };
    const result: LintResult = lintFile(text, path, { ...options, fingerprints: config.baseline !== undefined, workspaceWithFacts });
    if (!own) workspaceWithFacts(undefined); // not analysed: no facts, and it read none
    facts.linted(path, result.kind);
    if (perDocument && result.kind === 'compose') this.composeServices.seed(openUri, text, path, result.findings, own?.facts, [config, settings, rules, languageId, facts.generation]);
    // A Dockerfile is never linted per YAML document: nothing to seed (its open costs no YAML chunking).
    if (perDocument && own && result.kind !== 'dockerfile') this.seedDocumentCaches(openUri, text, path, { ...options, workspace: own.workspace }, own.facts, result.findings, [config, settings, rules, languageId, facts.generation]);
    const findings = filterCategories(result.findings, settings);
    if (!config.baseline) return { kind: result.kind, findings };
    const { baseline, problem } = baselineMarks.load(config.baseline);
    if (problem) this.parts.warnOnce(problem);
    return { kind: result.kind, findings: baseline ? baselineMarks.apply(baseline, config.baseline, path, findings, settings.baselinedFindings) : findings };
  }

  /**
   * After the whole-file lint of an open document (its first, or the first since it could be linted per
   * document): its facts and findings, cut per document, are where the next keystroke starts from.
   */
  private seedDocumentCaches(openUri: string, text: string, path: string, options: ChunkLintOptions, own: FileFacts | undefined, findings: readonly Finding[], identity: readonly unknown[]): void {
    const clean = effectiveRuleSetting(options.config, path, PARSE_ERROR).severity !== 'off' && !findings.some((finding) => finding.ruleId === PARSE_ERROR.id || finding.ruleId === NOT_ANALYSED.id);
    this.documentFacts.seed(openUri, text, path, { config: options.config, languageId: options.languageId }, own, clean);
    if (this.documentFacts.knows(openUri)) this.documentCache.lint(openUri, text, path, options, identity, findings);
  }

  /** An open document was closed: its cached findings go. */
  forget(openUri: string): void {
    this.documentCache.forget(openUri);
    this.composeServices.forget(openUri);
    this.documentFacts.forget(openUri);
    this.chunkers.forget(openUri);
  }

  /**
   * Lints a file that is not open from disk; publishes (or clears) its diagnostics. Returns its finding count,
   * or undefined when it is open or none of stridelint's kinds.
   */
  lintFromDisk(path: string, resource: ResourceSettings): number | undefined {
    const { state, configs } = this.parts;
    if (state.documents.get(pathToUri(path))) return undefined;
    const config = configs.configFor(path, resource.settings);
    let findings: Finding[] = [];
    let kind: FileKind | undefined;
    let read;
    try {
      read = readText(path, config.maxFileSize);
    } catch {
      read = undefined; // vanished or unreadable since it was listed
    }
    if (read && 'text' in read) {
      ({ kind, findings } = this.lintText(read.text, path, resource));
    } else if (read && resource.settings.enable && detectKind(path, '', { kindGlobs: config.files })) {
      findings = [notAnalysed(read.skipped)];
    }
    return this.showDiskResult(path, config, kind, findings);
  }

  /**
   * Keeps and shows a closed file's result from the scan cache or a scan's worker: its diagnostics' JSON published
   * as it is, its findings parsed only when read; parsed and shown as any other result when a category filter
   * applies (the JSON is of every finding). Returns its finding count, or undefined when it is none of stridelint's kinds.
   */
  showStoredResult(path: string, config: StridelintConfig, entry: ShownJson, settings: ServerSettings): number | undefined {
    const kind = entry.kind ?? undefined;
    if (filtersCategories(settings)) return this.showDiskResult(path, config, kind, filterCategories(storedFindings(entry.findingsJson, entry.count) ?? [], settings));
    const { state } = this.parts;
    const uri = pathToUri(path);
    if (kind || entry.count > 0) state.recordDiskJson(uri, path, kind ?? detectKind(path, '', { kindGlobs: config.files }), entry.count, entry.findingsJson);
    else state.disk.delete(uri);
    state.publishClosedJson(uri, entry.count, entry.diagnosticsJson);
    return kind || entry.count > 0 ? entry.count : undefined;
  }

  /**
   * Keeps and shows what a lint from disk (here, or in a scan's worker) found in a file that is not open.
   * `diagnosticsJson`: the findings' diagnostics as diagnosticsJsonOf wrote them for the scan cache, published as
   * they are. Returns its finding count, or undefined when it is none of stridelint's kinds.
   */
  showDiskResult(path: string, config: StridelintConfig, kind: FileKind | undefined, found: Finding[], diagnosticsJson?: string): number | undefined {
    const { state } = this.parts;
    const uri = pathToUri(path);
    let findings = found;
    if (kind || findings.length > 0) findings = state.recordDisk(uri, { path, kind: kind ?? detectKind(path, '', { kindGlobs: config.files }), findings });
    else state.disk.delete(uri);
    if (diagnosticsJson !== undefined) state.publishClosedJson(uri, findings.length, diagnosticsJson);
    else state.publishClosed(uri, kind, findings);
    return kind || findings.length > 0 ? findings.length : undefined;
  }
}
